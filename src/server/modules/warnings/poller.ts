import type { Work } from '../../platform/work.js';
import type { JobInfo } from '../../platform/jobs/queue.js';
import { parseFeed } from '../../../core/warnings/index.js';
import { WARNING_JOBS, pollKey } from './events.js';
import type { CapIngest } from './ingest.js';
import type { SourceRow, WarningStore } from './store.js';
import type { OutboundGuard } from '../../platform/net/outbound.js';

const FETCH_TIMEOUT_MS = 10_000;
const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;
/** Per poll: a feed listing more CAP links than this is read over several polls' worth of links. */
const MAX_LINKS = 20;

/** (Re)start a source's recurring poll: now, if it has a feed and is enabled; otherwise stop it. */
export async function schedulePoll(w: Work, s: SourceRow, restart = false) {
  if (restart) await w.cancelJobs(pollKey(s.id));
  if (!s.enabled || !s.feed_url) return;
  await w.schedule({ name: WARNING_JOBS.poll, payload: { sourceId: s.id }, runAt: w.clock.now(), singletonKey: pollKey(s.id) });
}

/**
 * The feed poller: a durable recurring job per source (`warnings:poll:<source>`). It fetches the
 * feed (a CAP message, or Atom/RSS whose entries embed CAP or link to it) and sends each message
 * down the same path as a push; duplicates are recognised there. The fetch runs inside the job's
 * transaction so the messages, the quarantine and the next poll commit together with the job;
 * a timeout and a size limit bound how long that can hold it.
 */
export class FeedPoller {
  constructor(
    private readonly store: WarningStore,
    private readonly ingest: CapIngest,
    private readonly outbound: OutboundGuard,
  ) {}

  async onPoll(w: Work, payload: { sourceId?: unknown }, job: JobInfo) {
    const source = await this.store.source(w.tx, String(payload.sourceId), true);
    if (!source || !source.enabled || !source.feed_url) return;
    const now = w.clock.now();
    // This job still holds the singleton key until its batch commits: finish it first, so the next poll can take the key.
    await this.store.finishJob(w.tx, job.id, now);
    await w.schedule({ name: WARNING_JOBS.poll, payload: { sourceId: source.id }, runAt: new Date(now.getTime() + source.poll_seconds * 1000), singletonKey: pollKey(source.id) });

    const errors: string[] = [];
    let doc: string;
    try {
      doc = await fetchText(this.outbound, source.feed_url);
    } catch (err) {
      await this.store.setPollResult(w.tx, source.id, now, `fetch failed: ${(err as Error).message}`.slice(0, 500));
      return;
    }
    const feed = parseFeed(doc, source.feed_url);
    if (!feed) {
      await this.store.setPollResult(w.tx, source.id, now, 'the document is neither a CAP message nor an Atom/RSS feed');
      return;
    }
    const messages = [...feed.alerts];
    for (const href of feed.links.slice(0, MAX_LINKS)) {
      try {
        messages.push(await fetchText(this.outbound, new URL(href, source.feed_url).toString()));
      } catch (err) {
        errors.push(`${href}: ${(err as Error).message}`);
      }
    }
    let rejected = 0;
    for (const xml of messages) {
      const r = await this.ingest.ingest(w, source, xml);
      if (!r.ok) rejected++;
    }
    if (rejected) errors.push(`${rejected} message(s) quarantined`);
    await this.store.setPollResult(w.tx, source.id, now, errors.length ? errors.join('; ').slice(0, 500) : null);
  }
}

/** The feed through the outbound guard (no internal addresses unless allowed; each redirect checked again). */
async function fetchText(outbound: OutboundGuard, url: string): Promise<string> {
  const res = await outbound.request(url, {
    timeoutMs: FETCH_TIMEOUT_MS,
    maxBytes: MAX_DOCUMENT_BYTES,
    redirects: 3,
    headers: { accept: 'application/cap+xml, application/atom+xml, application/rss+xml, application/xml, text/xml' },
  });
  if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status}`);
  return res.text;
}

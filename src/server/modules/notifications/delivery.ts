import type { OutboundGuard } from '../../platform/net/outbound.js';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Work } from '../../platform/work.js';
import { DELIVER_JOB } from './routing.js';
import { sendEmail, sendRobot, smtpTransport, type EmailConfig, type OutboundMessage, type RobotConfig, type SmtpTransport } from './senders.js';
import type { RobotKind } from './categories.js';

/** Wait after the 1st, 2nd, … failed attempt; after the last one the delivery is dead. */
export const BACKOFF_MS = [30_000, 120_000, 600_000, 3_600_000, 21_600_000];
export const MAX_ATTEMPTS = BACKOFF_MS.length + 1;

const CLAIM = 25; // per round: sent in parallel, so a round takes about one slow answer
const PARALLEL = 5;
const PER_RUN = 500; // then a new job, so one transaction never grows without bound

interface Claimed {
  id: string;
  channel_id: string;
  recipient: string;
  title: string;
  body: string;
  link: string | null;
  urgent: boolean;
  attempts: number;
  kind: 'email' | RobotKind;
  config: Record<string, unknown>;
  enabled: boolean;
}

/**
 * Sends due deliveries. Runs as the `notifications.deliver` batch job, outside any request.
 *
 * Exactly-once as far as the database can make it: the due rows are claimed with FOR UPDATE
 * SKIP LOCKED inside the job's transaction, so two workers (processes or instances) never take
 * the same delivery, and each one's outcome (sent / failed with its next attempt / dead) is
 * written in that same transaction, committed with the job's completion. A committed 'sent' is
 * never sent again.
 *
 * The one gap no database closes: if the process dies after a message has left but before the
 * commit, the claim and the 'sent' mark roll back together and the next run sends the message
 * again (at-least-once at that instant). An e-mail then carries the same Message-ID (derived
 * from the delivery id), so mail servers and clients recognise the copy; a robot message shows
 * twice, as none of the three webhooks takes an idempotency key.
 */
export class DeliveryWorker {
  constructor(
    private readonly publicOrigin: string | null,
    private readonly outbound: OutboundGuard,
  ) {}

  async run(w: Work): Promise<void> {
    // one SMTP connection pool per channel for the run, not a connection per e-mail
    const smtp = new Map<string, SmtpTransport>();
    try {
      await this.drain(w, smtp);
    } finally {
      for (const t of smtp.values()) t.close();
    }
  }

  private async drain(w: Work, smtp: Map<string, SmtpTransport>): Promise<void> {
    const now = w.clock.now();
    let handled = 0;
    for (;;) {
      const batch = await this.claim(w, now);
      if (!batch.length) break;
      const results = await mapLimit(batch, PARALLEL, (d) => this.send(d, smtp));
      await this.record(w, batch, results, now);
      handled += batch.length;
      if (handled >= PER_RUN) {
        await w.schedule({ name: DELIVER_JOB, runAt: now, singletonKey: `notify:deliver:${randomUUID()}` });
        break;
      }
    }
    // Wake up again for the earliest retry; the key names the instant, so runs agree on one job.
    const next = await w.tx
      .selectFrom('notification_deliveries')
      .select(sql<Date | null>`min(next_attempt_at)`.as('at'))
      .where('state', 'in', ['pending', 'failed'])
      .where('next_attempt_at', '>', now)
      .executeTakeFirst();
    if (next?.at) {
      const at = new Date(next.at);
      await w.schedule({ name: DELIVER_JOB, runAt: at, singletonKey: `notify:retry:${at.getTime()}` });
    }
  }

  private async claim(w: Work, now: Date): Promise<Claimed[]> {
    const { rows } = await sql<Claimed>`
      SELECT d.id, d.channel_id, d.recipient, d.title, d.body, d.link, d.urgent, d.attempts, c.kind, c.config, c.enabled
        FROM notification_deliveries d JOIN notification_channels c ON c.id = d.channel_id
       WHERE d.state IN ('pending', 'failed') AND d.next_attempt_at <= ${now}
       ORDER BY d.next_attempt_at, d.id
       LIMIT ${CLAIM}
       FOR UPDATE OF d SKIP LOCKED`.execute(w.tx);
    return rows;
  }

  /** Never throws: a failure is the delivery's outcome, not the job's (a thrown error would roll back the sent ones too). */
  private async send(d: Claimed, smtp: Map<string, SmtpTransport>): Promise<string | null> {
    if (!d.enabled) return 'channel disabled';
    const m: OutboundMessage = { id: d.id, title: d.title, body: d.body, url: absolute(this.publicOrigin, d.link), urgent: d.urgent };
    try {
      if (d.kind === 'email') {
        const cfg = d.config as unknown as EmailConfig;
        if (!smtp.has(d.channel_id)) smtp.set(d.channel_id, smtpTransport(cfg, PARALLEL));
        await sendEmail(cfg, d.recipient, m, smtp.get(d.channel_id));
      }
      else await sendRobot(this.outbound, d.kind, d.config as unknown as RobotConfig, m);
      return null;
    } catch (err) {
      return errorText(err);
    }
  }

  private async record(w: Work, batch: Claimed[], errors: (string | null)[], now: Date) {
    const sent = batch.filter((_, i) => errors[i] === null).map((d) => d.id);
    if (sent.length) {
      await w.tx
        .updateTable('notification_deliveries')
        .set((eb) => ({ state: 'sent', attempts: eb('attempts', '+', 1), sent_at: now, last_error: null, updated_at: now }))
        .where('id', 'in', sent)
        .execute();
    }
    for (const [i, d] of batch.entries()) {
      const error = errors[i];
      if (error === null) continue;
      const attempts = d.attempts + 1;
      const dead = attempts >= MAX_ATTEMPTS || error === 'channel disabled';
      await w.tx
        .updateTable('notification_deliveries')
        .set({
          state: dead ? 'dead' : 'failed',
          attempts,
          last_error: error.slice(0, 1000),
          next_attempt_at: dead ? now : new Date(now.getTime() + BACKOFF_MS[attempts - 1]),
          updated_at: now,
        })
        .where('id', '=', d.id)
        .execute();
    }
  }
}

export function absolute(origin: string | null, link: string | null): string | null {
  if (!link) return null;
  if (/^https?:\/\//.test(link)) return link;
  return origin && link.startsWith('/') ? origin.replace(/\/$/, '') + link.replace(/^\/api\/v1(?=\/)/, '') : null;
}

export function errorText(err: unknown): string {
  const e = err as { message?: string; code?: string; cause?: { message?: string; code?: string } };
  const parts = [e?.message ?? String(err)];
  if (e?.cause?.message && !parts[0].includes(e.cause.message)) parts.push(e.cause.code ?? e.cause.message);
  return parts.join(': ');
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

import { randomBytes } from 'node:crypto';
import { requirePermission, type Actor } from '../../platform/access.js';
import type { Platform } from '../../platform/platform.js';
import type { Work } from '../../platform/work.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import type { SourceRow, WarningStore } from './store.js';
import { keyHash } from './ingest.js';
import { schedulePoll } from './poller.js';

export interface SourceInput {
  kind: 'cap' | 'neighbour';
  name: string;
  senderAllowlist?: string[];
  feedUrl?: string | null;
  pollSeconds?: number;
  enabled?: boolean;
}

export type SourcePatch = Partial<Omit<SourceInput, 'kind'>> & { version: number };

const iso = (v: Date | string | null) => (v ? new Date(v).toISOString() : null);

/** Where warnings come from (warnings.manage): API keys shown once, sender allowlists, feeds to poll. */
export class SourceService {
  constructor(
    private readonly p: Platform,
    private readonly store: WarningStore,
  ) {}

  list(actor: Actor) {
    requirePermission(actor, 'warnings.manage');
    return this.p.run(actor, async (w) => ({ items: (await this.store.sources(w.tx)).map(presentSource) }));
  }

  create(actor: Actor, input: SourceInput) {
    requirePermission(actor, 'warnings.manage');
    this.checkFeedUrl(input.feedUrl);
    return this.p.run(actor, async (w) => {
      if ((await this.store.sources(w.tx)).some((s) => s.name === input.name.trim())) throw duplicateName(input.name);
      const id = await this.store.insertSource(w.tx, {
        tenantId: w.tenantId, kind: input.kind, name: input.name.trim(), allowlist: input.senderAllowlist ?? [], feedUrl: input.feedUrl ?? null,
        pollSeconds: input.pollSeconds ?? 300, enabled: input.enabled ?? true, now: w.clock.now(),
      });
      const row = (await this.store.source(w.tx, id))!;
      w.audit({ action: 'warning_source.create', entityType: 'warning_source', entityId: id, after: auditView(row) });
      await schedulePoll(w, row);
      return presentSource(row);
    });
  }

  /** A feed may not point into the internal network unless the operator allowed its host. */
  private checkFeedUrl(url: string | null | undefined) {
    const refused = url ? this.p.outbound.refusal(url) : null;
    if (refused) throw new ValidationError('the feed URL may not point into the internal network', [{ path: 'body.feedUrl', message: refused, code: 'outbound_refused' }]);
  }

  update(actor: Actor, id: string, patch: SourcePatch) {
    requirePermission(actor, 'warnings.manage');
    this.checkFeedUrl(patch.feedUrl);
    return this.p.run(actor, async (w) => {
      const before = await this.source(w, id);
      if (before.version !== patch.version) throw versionConflict(before.version);
      if (patch.name !== undefined && patch.name.trim() !== before.name && (await this.store.sources(w.tx)).some((s) => s.name === patch.name!.trim())) throw duplicateName(patch.name);
      await this.store.updateSource(w.tx, id, patch.version, {
        ...(patch.name !== undefined && { name: patch.name.trim() }),
        ...(patch.senderAllowlist !== undefined && { sender_allowlist: patch.senderAllowlist }),
        ...(patch.feedUrl !== undefined && { feed_url: patch.feedUrl }),
        ...(patch.pollSeconds !== undefined && { poll_seconds: patch.pollSeconds }),
        ...(patch.enabled !== undefined && { enabled: patch.enabled }),
      }, w.clock.now());
      const row = (await this.store.source(w.tx, id))!;
      w.audit({ action: 'warning_source.update', entityType: 'warning_source', entityId: id, before: auditView(before), after: auditView(row) });
      // a new feed, interval or switch takes effect now
      if (row.feed_url !== before.feed_url || row.poll_seconds !== before.poll_seconds || row.enabled !== before.enabled) await schedulePoll(w, row, true);
      return presentSource(row);
    });
  }

  /** A new API key replaces the old one; only its hash is kept, so it is shown this once. */
  issueKey(actor: Actor, id: string) {
    requirePermission(actor, 'warnings.manage');
    return this.p.run(actor, async (w) => {
      const before = await this.source(w, id);
      const key = `zak_${randomBytes(24).toString('base64url')}`;
      await setKey(w, this.store, before, key);
      w.audit({ action: 'warning_source.key', entityType: 'warning_source', entityId: id, after: { keyPrefix: key.slice(0, 8) }, basis: before.key_hash ? 'key replaced' : 'first key' });
      return { key, keyPrefix: key.slice(0, 8), source: presentSource((await this.store.source(w.tx, id))!) };
    });
  }

  quarantine(actor: Actor, page: number, pageSize: number) {
    requirePermission(actor, 'warnings.manage');
    return this.p.run(actor, async (w) => {
      const { rows, total } = await this.store.quarantine(w.tx, pageSize, (page - 1) * pageSize);
      return {
        items: rows.map((q) => ({
          id: q.id, sourceId: q.source_id, sourceName: q.source_name, reason: q.reason, message: q.message, details: q.details,
          sender: q.sender, identifier: q.identifier, raw: q.raw, receivedAt: iso(q.received_at)!,
        })),
        total, page, pageSize,
      };
    });
  }

  private async source(w: Work, id: string) {
    const row = await this.store.source(w.tx, id, true);
    if (!row) throw new NotFoundError('warning source', id);
    return row;
  }
}

export async function setKey(w: Work, store: WarningStore, row: SourceRow, key: string) {
  const now = w.clock.now();
  await store.updateSource(w.tx, row.id, row.version, { key_hash: keyHash(key), key_prefix: key.slice(0, 8), key_issued_at: now }, now);
}

function presentSource(s: SourceRow) {
  return {
    id: s.id, kind: s.kind, name: s.name, hasKey: !!s.key_hash, keyPrefix: s.key_prefix, keyIssuedAt: iso(s.key_issued_at),
    senderAllowlist: s.sender_allowlist, feedUrl: s.feed_url, pollSeconds: s.poll_seconds, enabled: s.enabled,
    lastPolledAt: iso(s.last_polled_at), lastPollError: s.last_poll_error, version: s.version, createdAt: iso(s.created_at)!, updatedAt: iso(s.updated_at)!,
  };
}

function auditView(s: SourceRow) {
  return { kind: s.kind, name: s.name, senderAllowlist: s.sender_allowlist, feedUrl: s.feed_url, pollSeconds: s.poll_seconds, enabled: s.enabled };
}

function versionConflict(current: number) {
  return new ConflictError('the source was changed by someone else; reload and try again', 'VERSION_CONFLICT', [{ path: 'body.version', message: `current version is ${current}` }]);
}

function duplicateName(name: string) {
  return new ConflictError(`a source named ${name.trim()} exists`, 'CONFLICT', [{ path: 'body.name', message: 'already used' }]);
}

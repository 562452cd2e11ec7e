import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './db/schema.js';
import { APP_ROLE } from './db/database.js';
import { DEFERRED } from './db/pipelined-dialect.js';
import type { Actor } from './access.js';
import { auditHash, GENESIS_HASH, jsonRoundTrip } from './audit/chain.js';
import type { AuditSigner } from './secrets/master-key.js';
import type { Clock } from './clock.js';

export type Tx = Transaction<DB>;

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  /** Why: the rule, standard or decision this change rests on. */
  basis?: string | null;
}

export interface DomainEvent {
  type: string;
  subjectType?: string;
  subjectId?: string;
  payload?: object;
}

export interface JobRequest {
  name: string;
  payload?: Record<string, unknown>;
  runAt?: Date;
  /** At most one pending job per key; scheduling again keeps the existing one. */
  singletonKey?: string;
  maxAttempts?: number;
}

/** Which job handlers subscribe to an event type (filled by the module registry). */
export type SubscriberLookup = (eventType: string) => string[];

export const EVENTS_CHANNEL = 'zhian_events';
export const JOBS_CHANNEL = 'zhian_jobs';

/**
 * One unit of work inside one tenant: the transaction, who acts, and what must be written with
 * the change — audit entries, outbox events, jobs. `flush` writes them just before commit, so an
 * event exists only if the change does.
 */
export class Work {
  private readonly auditEntries: AuditEntry[] = [];
  private readonly events: DomainEvent[] = [];
  constructor(
    readonly tx: Tx,
    readonly actor: Actor,
    private readonly subscribers: SubscriberLookup,
    readonly clock: Clock,
    /** Signs audit entries with a key the database never sees (absent: unsigned, e.g. seeding). */
    readonly signer?: AuditSigner,
  ) {}

  get tenantId(): string {
    return this.actor.tenantId;
  }

  audit(entry: AuditEntry): void {
    this.auditEntries.push(entry);
  }

  emit(event: DomainEvent): void {
    this.events.push(event);
  }

  async schedule(job: JobRequest): Promise<void> {
    await insertJob(this.tx, this.tenantId, job, this.clock.now());
  }

  /** Cancel pending jobs by singleton key (e.g. a reminder made pointless by the change). */
  async cancelJobs(singletonKey: string): Promise<number> {
    const r = await this.tx
      .updateTable('jobs')
      .set({ state: 'cancelled', finished_at: this.clock.now() })
      .where('singleton_key', '=', singletonKey)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** Cancel every pending job whose singleton key starts with the prefix (all timers of a record). */
  async cancelJobsByPrefix(prefix: string): Promise<number> {
    const r = await this.tx
      .updateTable('jobs')
      .set({ state: 'cancelled', finished_at: this.clock.now() })
      .where('singleton_key', 'like', prefix.replace(/[\\%_]/g, (c) => '\\' + c) + '%')
      .where('state', '=', 'pending')
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async flush(): Promise<void> {
    if (this.auditEntries.length) await this.writeAudit(this.auditEntries.splice(0));
    if (this.events.length) await this.writeEvents(this.events.splice(0));
  }

  private async writeAudit(entries: AuditEntry[]): Promise<void> {
    // Taking the chain head's row lock orders concurrent writers of one tenant.
    const head = await this.tx
      .insertInto('audit_heads')
      .values({ tenant_id: this.tenantId, seq: 0, hash: GENESIS_HASH })
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ seq: sql`audit_heads.seq` }))
      .returning(['seq', 'hash'])
      .executeTakeFirstOrThrow();
    let seq = Number(head.seq);
    let prevHash = head.hash;
    const at = this.clock.now().toISOString();
    const rows = entries.map((e) => {
      seq += 1;
      const fields = {
        tenantId: this.tenantId,
        seq,
        at,
        actorId: this.actor.userId,
        actorName: this.actor.username,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId ?? null,
        before: jsonRoundTrip(e.before),
        after: jsonRoundTrip(e.after),
        basis: e.basis ?? null,
        ip: this.actor.ip ?? null,
        prevHash,
      };
      const hash = auditHash(fields);
      prevHash = hash;
      return {
        tenant_id: fields.tenantId,
        seq: fields.seq,
        at: fields.at,
        actor_id: fields.actorId,
        actor_name: fields.actorName,
        action: fields.action,
        entity_type: fields.entityType,
        entity_id: fields.entityId,
        before: fields.before === null ? null : JSON.stringify(fields.before),
        after: fields.after === null ? null : JSON.stringify(fields.after),
        basis: fields.basis,
        ip: fields.ip,
        prev_hash: fields.prevHash,
        hash,
        sig: this.signer ? this.signer.sign(hash) : null,
      };
    });
    await this.tx.insertInto('audit_log').values(rows).execute();
    await this.tx.updateTable('audit_heads').set({ seq, hash: prevHash }).where('tenant_id', '=', this.tenantId).execute();
  }

  private async writeEvents(events: DomainEvent[]): Promise<void> {
    const inserted = await this.tx
      .insertInto('events')
      .values(
        events.map((e) => ({
          tenant_id: this.tenantId,
          type: e.type,
          subject_type: e.subjectType ?? null,
          subject_id: e.subjectId ?? null,
          actor_id: this.actor.userId,
          payload: JSON.stringify(e.payload ?? {}),
        })),
      )
      .returning(['id', 'type'])
      .execute();
    const now = this.clock.now();
    let jobs = 0;
    for (const ev of inserted) {
      for (const handler of this.subscribers(ev.type)) {
        await insertJob(this.tx, this.tenantId, { name: `event:${handler}`, payload: { eventId: ev.id } }, now);
        jobs++;
      }
    }
    // NOTIFY is transactional: delivered at commit, never for a rollback. Ids only.
    await sql`SELECT pg_notify(${EVENTS_CHANNEL}, id::text) FROM unnest(${inserted.map((e) => e.id)}::bigint[]) AS id`.execute(
      this.tx,
    );
    if (jobs) await sql`SELECT pg_notify(${JOBS_CHANNEL}, '')`.execute(this.tx);
  }
}

export async function insertJob(tx: Tx, tenantId: string | null, job: JobRequest, now: Date): Promise<void> {
  await tx
    .insertInto('jobs')
    .values({
      tenant_id: tenantId,
      name: job.name,
      payload: JSON.stringify(job.payload ?? {}),
      run_at: job.runAt ?? now,
      singleton_key: job.singletonKey ?? null,
      max_attempts: job.maxAttempts ?? 8,
    })
    .onConflict((oc) => oc.doNothing()) // the only unique rule besides the id is the pending singleton key
    .execute();
}

/** Begin a transaction as the runtime role inside one tenant. */
export async function enterTenant(tx: Tx, tenantId: string, userId: string | null): Promise<void> {
  // sent with the unit's first statement, in one round trip (pipelined-dialect.ts)
  await sql`${sql.raw(DEFERRED)}SELECT set_config('role', ${APP_ROLE}, true), set_config('app.tenant_id', ${tenantId}, true),
                   set_config('app.user_id', ${userId ?? ''}, true)`.execute(tx);
}

/** Begin a transaction as the runtime role, outside any tenant (platform tables only). */
export async function enterPlatform(tx: Tx): Promise<void> {
  await sql`${sql.raw(DEFERRED)}SELECT set_config('role', ${APP_ROLE}, true), set_config('app.tenant_id', '', true)`.execute(tx);
}

export type RunInTenant = <T>(actor: Actor, fn: (work: Work) => Promise<T>) => Promise<T>;

/**
 * A unit of work in the actor's tenant. `readOnly`: the transaction may not write (PostgreSQL
 * refuses it) and does not wait for its COMMIT; for the hot read paths (lists, the dashboard).
 */
export function tenantRunner(db: Kysely<DB>, subscribers: SubscriberLookup, clock: Clock, { readOnly = false, signer }: { readOnly?: boolean; signer?: AuditSigner } = {}): RunInTenant {
  return (actor, fn) =>
    (readOnly ? db.transaction().setAccessMode('read only') : db.transaction()).execute(async (tx) => {
      await enterTenant(tx, actor.tenantId, actor.userId);
      const work = new Work(tx, actor, subscribers, clock, signer);
      const result = await fn(work);
      await work.flush();
      return result;
    });
}

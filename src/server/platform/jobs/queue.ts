import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { enterPlatform, enterTenant, Work, type SubscriberLookup } from '../work.js';
import { systemActor } from '../access.js';
import type { Clock } from '../clock.js';
import type { AuditSigner } from '../secrets/master-key.js';

export interface JobInfo {
  id: string;
  name: string;
  tenantId: string | null;
  attempts: number;
}

export type JobHandler = (work: Work, payload: Record<string, unknown>, job: JobInfo) => Promise<void>;

/**
 * Handles many due jobs of one name and tenant at once (set-based SQL), for timers that fall due
 * together by the thousand. All of them succeed or all are retried.
 */
export type BatchJobHandler = (work: Work, jobs: { payload: Record<string, unknown>; job: JobInfo }[]) => Promise<void>;

interface Options {
  batchSize?: number;
  /** How many more due jobs of a batch-handled name one batch takes (default 1000). */
  bulkSize?: number;
  log?: { error(obj: unknown, msg?: string): void };
  /** Signs the audit entries jobs write. */
  signer?: AuditSigner;
}

/**
 * Durable jobs and timers in PostgreSQL.
 *
 * A batch of due jobs is locked with FOR UPDATE SKIP LOCKED and each job runs inside that
 * transaction (in a savepoint), its completion written with the handler's own changes. So a
 * crash anywhere rolls back both and another worker takes the job; a finished job never runs
 * again; several processes never take the same job.
 */
export class JobQueue {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly batchHandlers = new Map<string, BatchJobHandler>();
  private readonly lastNames = new Set<string>();
  private draining: Promise<void> | null = null;
  private again = false;
  private timer?: NodeJS.Timeout;
  private stopped = true;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly subscribers: SubscriberLookup,
    private readonly clock: Clock,
    private readonly options: Options = {},
  ) {}

  /** `last`: the job runs after the other jobs of its batch (it sums up what they wrote). */
  register(name: string, handler: JobHandler, { last = false } = {}): void {
    if (this.has(name)) throw new Error(`job handler ${name} registered twice`);
    this.handlers.set(name, handler);
    if (last) this.lastNames.add(name);
  }

  registerBatch(name: string, handler: BatchJobHandler): void {
    if (this.has(name)) throw new Error(`job handler ${name} registered twice`);
    this.batchHandlers.set(name, handler);
  }

  has(name: string): boolean {
    return this.handlers.has(name) || this.batchHandlers.has(name);
  }

  start(pollMs: number): void {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), pollMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.draining;
  }

  /** Wake the worker (NOTIFY, poll tick, or a caller that just queued work). */
  kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain()
      .then(() => undefined)
      .catch((err) => this.options.log?.error({ err }, 'job worker failed'))
      .finally(() => {
        this.draining = null;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Run every job that is due now; returns how many ran. Tests call this directly. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.runBatch();
      total += n;
      if (n === 0) return total;
    }
  }

  private async runBatch(): Promise<number> {
    const now = this.clock.now();
    return this.db.transaction().execute(async (tx) => {
      await enterPlatform(tx);
      // A batch is either many due jobs of one batch-handled name and tenant (timers due by the
      // thousand: one handler run, one commit for up to `bulkSize`), taken when the earliest due
      // job is one, or up to `batchSize` other jobs. Never both in one transaction: a bulk handler
      // takes its row locks in record order, and so does a batch of single jobs; mixed, the two
      // runs of ascending locks could deadlock against another process's batch.
      const bulkNames = [...this.batchHandlers.keys()];
      const { rows: head } = await sql<DueJob>`SELECT id, tenant_id, name FROM jobs
         WHERE state = 'pending' AND run_at <= ${now} ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`.execute(tx);
      const bulk = head[0] && this.batchHandlers.has(head[0].name) ? head[0] : null;
      const { rows: jobs } = bulk
        ? await sql<DueJob>`SELECT id, tenant_id, name, payload, attempts, max_attempts, singleton_key FROM jobs
           WHERE state = 'pending' AND run_at <= ${now} AND name = ${bulk.name} AND tenant_id IS NOT DISTINCT FROM ${bulk.tenant_id}
           ORDER BY run_at, id LIMIT ${this.options.bulkSize ?? 1000}
           FOR UPDATE SKIP LOCKED`.execute(tx)
        : await sql<DueJob>`SELECT id, tenant_id, name, payload, attempts, max_attempts, singleton_key FROM jobs
           WHERE state = 'pending' AND run_at <= ${now} AND NOT (name = ANY(${bulkNames}::text[]))
           ORDER BY run_at, id LIMIT ${this.options.batchSize ?? 100}
           FOR UPDATE SKIP LOCKED`.execute(tx);
      // A batch holds the row locks its jobs take until it commits. Timer keys name their record
      // before the last ':' (flow:<case>:<task>:remind); running a batch in record order (stably,
      // so a record's jobs keep their time order) makes concurrent batches lock records in the
      // same order, so they cannot deadlock on them.
      jobs.sort((a, b) => {
        const late = Number(this.lastNames.has(a.name)) - Number(this.lastNames.has(b.name));
        if (late) return late;
        const x = recordOf(a.singleton_key);
        const y = recordOf(b.singleton_key);
        return x < y ? -1 : x > y ? 1 : 0;
      });
      // The tenant context is set outside each job's savepoint (so a rollback keeps it) and only
      // when it changes; the completions are written together at the end of the batch, with the
      // batch's commit time as finished_at (that is when the jobs' effects become visible). Until
      // then a job done earlier in the batch still reads as pending to the later ones (its row is
      // locked by this batch, so no one else runs it; a later handler cancelling it is overridden).
      let context: string | null = null;
      const enter = async (tenantId: string | null) => {
        if (tenantId === context) return;
        if (tenantId) await enterTenant(tx, tenantId, null);
        else await enterPlatform(tx);
        context = tenantId;
      };
      const done: string[] = [];
      const info = (job: DueJob): JobInfo => ({ id: job.id, name: job.name, tenantId: job.tenant_id, attempts: job.attempts + 1 });
      const fail = async (job: DueJob, err: unknown) => {
        const attempts = job.attempts + 1;
        const failed = attempts >= job.max_attempts;
        const backoffMs = Math.min(2 ** attempts * 5_000, 3_600_000);
        this.options.log?.error({ err, job: job.name, id: job.id, attempts }, 'job failed');
        await tx
          .updateTable('jobs')
          .set({
            attempts,
            last_error: String((err as Error)?.message ?? err).slice(0, 2000),
            state: failed ? 'failed' : 'pending',
            run_at: new Date(now.getTime() + backoffMs),
            finished_at: failed ? this.clock.now() : null,
          })
          .where('id', '=', job.id)
          .execute();
      };
      /** One savepoint: the jobs' effects and their completion stand or fall together. */
      const attempt = async (group: DueJob[], run: (work: Work) => Promise<void>) => {
        await enter(group[0].tenant_id);
        await sql`SAVEPOINT job`.execute(tx);
        try {
          const work = new Work(tx, systemActor(group[0].tenant_id ?? ''), this.subscribers, this.clock, this.options.signer);
          await run(work);
          await work.flush();
          await sql`RELEASE SAVEPOINT job`.execute(tx);
          done.push(...group.map((j) => j.id));
        } catch (err) {
          await sql`ROLLBACK TO SAVEPOINT job`.execute(tx);
          for (const job of group) await fail(job, err);
        }
      };
      // Jobs with a batch handler first, one group per name and tenant (a reminder before the overdue notice of the same batch).
      const groups = new Map<string, DueJob[]>();
      for (const job of jobs) {
        if (!this.batchHandlers.has(job.name)) continue;
        const k = `${job.name}\u0000${job.tenant_id ?? ''}`;
        groups.set(k, [...(groups.get(k) ?? []), job]);
      }
      for (const group of groups.values()) {
        const handler = this.batchHandlers.get(group[0].name)!;
        await attempt(group, (work) => handler(work, group.map((job) => ({ payload: job.payload, job: info(job) }))));
      }
      for (const job of jobs) {
        if (this.batchHandlers.has(job.name)) continue;
        await attempt([job], async (work) => {
          const handler = this.handlers.get(job.name);
          if (!handler) throw new Error(`no handler for job ${job.name}`);
          await handler(work, job.payload, info(job));
        });
      }
      if (done.length) {
        // the batch may span tenants: the completions are written from the platform context
        // (jobs have row-level security; in the last job's tenant the others' rows are invisible)
        await enter(null);
        await tx
          .updateTable('jobs')
          .set((eb) => ({ state: 'done', attempts: eb('attempts', '+', 1), finished_at: this.clock.now() }))
          .where('id', 'in', done)
          .execute();
      }
      return jobs.length;
    });
  }
}

interface DueJob {
  id: string;
  tenant_id: string | null;
  name: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
  singleton_key: string | null;
}

function recordOf(key: string | null): string {
  return key ? key.slice(0, key.lastIndexOf(':') + 1) : '';
}

import type pg from 'pg';
import { CompiledQuery, PostgresDialect, PostgresDriver, type DatabaseConnection, type Driver, type QueryResult, type TransactionSettings } from 'kysely';

/**
 * Statements marked with this comment are sent without waiting for their answer (the tenant
 * settings at the start of a unit of work): the next statement follows them in the same flight,
 * and their errors surface with its answer.
 */
export const DEFERRED = '/* deferred */ ';

/**
 * Kysely on a `pg` pool whose clients pipeline (pg's `pipeline: true`): a unit of work's BEGIN,
 * tenant settings and first query reach PostgreSQL in one round trip instead of three, and a
 * read-only transaction's COMMIT is sent without waiting (it cannot fail in a way the caller could
 * act on; the next user of the connection queues behind it). Queries inside a transaction still
 * run one after another as Kysely sends them.
 */
export class PipelinedPostgresDialect extends PostgresDialect {
  constructor(private readonly pool: pg.Pool) {
    super({ pool });
  }
  createDriver(): Driver {
    return new PipelinedDriver(super.createDriver() as PostgresDriver);
  }
}

/** Kysely's own connection type for pg, which the wrapped driver expects back. */
type PgConnection = Parameters<PostgresDriver['releaseConnection']>[0];

class PipelinedDriver implements Driver {
  private readonly wrapped = new WeakMap<DatabaseConnection, PipelinedConnection>();
  constructor(private readonly inner: PostgresDriver) {}
  init() {
    return this.inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    const conn = await this.inner.acquireConnection();
    let p = this.wrapped.get(conn);
    if (!p) this.wrapped.set(conn, (p = new PipelinedConnection(conn)));
    return p;
  }
  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    const c = connection as PipelinedConnection;
    c.readOnly = settings.accessMode === 'read only';
    c.defer(CompiledQuery.raw(c.readOnly ? 'start transaction read only' : 'begin'));
  }
  async commitTransaction(connection: DatabaseConnection) {
    const c = connection as PipelinedConnection;
    if (c.readOnly) {
      c.readOnly = false;
      await c.settle();
      c.inner.executeQuery(CompiledQuery.raw('commit')).catch(() => {}); // nothing was written
      return;
    }
    await c.settle();
    await this.inner.commitTransaction(c.inner);
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    const c = connection as PipelinedConnection;
    c.readOnly = false;
    c.discardDeferred();
    await this.inner.rollbackTransaction(c.inner as PgConnection);
  }
  savepoint(connection: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['savepoint']>>[2]) {
    return this.inner.savepoint!((connection as PipelinedConnection).inner, name, compile);
  }
  rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['rollbackToSavepoint']>>[2]) {
    return this.inner.rollbackToSavepoint!((connection as PipelinedConnection).inner, name, compile);
  }
  releaseSavepoint(connection: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['releaseSavepoint']>>[2]) {
    return this.inner.releaseSavepoint!((connection as PipelinedConnection).inner, name, compile);
  }
  async releaseConnection(connection: DatabaseConnection) {
    await this.inner.releaseConnection((connection as PipelinedConnection).inner as PgConnection);
  }
  destroy() {
    return this.inner.destroy();
  }
}

class PipelinedConnection implements DatabaseConnection {
  readOnly = false;
  private inFlight: Promise<unknown>[] = [];
  constructor(readonly inner: DatabaseConnection) {}

  /** Send now, answer later (checked by the next statement that waits). */
  defer(query: CompiledQuery): void {
    const p = this.inner.executeQuery(query);
    p.catch(() => {}); // surfaced by settle()
    this.inFlight.push(p);
  }

  /** Wait for the deferred statements' answers; the first error is thrown. */
  async settle(): Promise<void> {
    const pending = this.inFlight.splice(0);
    for (const p of pending) await p;
  }

  discardDeferred(): void {
    this.inFlight = [];
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (query.sql.startsWith(DEFERRED)) {
      this.defer(query);
      return { rows: [] };
    }
    const answer = this.inner.executeQuery<R>(query);
    answer.catch(() => {}); // awaited below, after the statements sent before it
    await this.settle();
    return answer;
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

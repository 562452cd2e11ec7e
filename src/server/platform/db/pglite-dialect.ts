import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * Kysely dialect over embedded PGlite.
 *
 * PGlite is a single connection. Its own mutex guards single queries, but a transaction spans
 * several queries, so a query from another request could land inside it. This driver hands out
 * the one connection under a lock: a transaction (or a single query) owns it until released.
 * Consequence: code inside a transaction must use the transaction handle, never the root db.
 */
export class PGliteDialect implements Dialect {
  readonly driver: PGliteDriver;
  constructor(private readonly pg: PGlite) {
    this.driver = new PGliteDriver(pg);
  }
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return this.driver;
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<any>) {
    return new PostgresIntrospector(db);
  }
}

export class PGliteDriver implements Driver {
  private tail: Promise<void> = Promise.resolve();
  private readonly connection: PGliteConnection;
  constructor(pg: PGlite) {
    this.connection = new PGliteConnection(pg);
  }
  async init() {}

  /** Run `fn` while holding the one connection (owner work that spans several statements). */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const conn = await this.acquireConnection();
    try {
      return await fn();
    } finally {
      await this.releaseConnection(conn);
    }
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const previous = this.tail;
    this.tail = previous.then(() => next);
    await previous;
    // Let the event loop breathe between hand-offs: back-to-back database work would otherwise
    // starve new connections' reads (seen as multi-second waits under load).
    await new Promise((resolve) => setImmediate(resolve));
    this.connection.release = release;
    return this.connection;
  }
  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings) {
    await conn.executeQuery(CompiledQuery.raw(settings.accessMode === 'read only' ? 'begin read only' : 'begin'));
  }
  async commitTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(conn: DatabaseConnection) {
    (conn as PGliteConnection).release?.();
  }
  async destroy() {}
}

class PGliteConnection implements DatabaseConnection {
  release?: () => void;
  constructor(private readonly pg: PGlite) {}
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pg.query<R>(query.sql, query.parameters as unknown[]);
    return {
      rows: result.rows,
      numAffectedRows: result.affectedRows !== undefined ? BigInt(result.affectedRows) : undefined,
    };
  }
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported on PGlite');
  }
}

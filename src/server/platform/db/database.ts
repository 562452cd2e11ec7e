import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { Kysely, sql } from 'kysely';
import { PGliteDialect } from './pglite-dialect.js';
import { PipelinedPostgresDialect } from './pipelined-dialect.js';
import type { DB } from './schema.js';
import { reconnectDelayMs } from './connection-errors.js';

export const APP_ROLE = 'zhian_app';

export type DbKind = 'pglite' | 'postgres';

/** Runs plain SQL, several statements allowed when there are no parameters (migrations). */
export interface SqlRunner {
  exec(sql: string): Promise<void>;
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Run several statements on one connection that nothing else uses meanwhile (BEGIN … COMMIT inside). */
  session<T>(fn: (runner: SqlRunner) => Promise<T>): Promise<T>;
}

/**
 * The database as the rest of the server sees it:
 * - `db`: Kysely for the application, used through tenant transactions (see tenancy.ts);
 * - `owner`: the owner connection for migrations, backups and the audit verifier;
 * - `listen`: LISTEN/NOTIFY, which works the same on PGlite (in-process) and PostgreSQL.
 */
export interface Database {
  kind: DbKind;
  db: Kysely<DB>;
  owner: SqlRunner;
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** The embedded database's files as a gzipped tarball (PGlite only; see OpenOptions.loadDataDir). */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string;
  /** Folder of the embedded database; undefined = in memory (tests). */
  pgliteDir?: string;
  appPassword?: string;
  poolSize?: number;
  /** Start the embedded database from a tarball made by dumpDataDir (a copy of a seeded database). */
  loadDataDir?: Blob;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPGlite(options.pgliteDir, options.loadDataDir);
}

async function openPGlite(dir?: string, loadDataDir?: Blob): Promise<Database> {
  if (dir) mkdirSync(path.dirname(dir), { recursive: true });
  const pgl = await PGlite.create({ ...(dir ? { dataDir: dir } : {}), ...(loadDataDir ? { loadDataDir } : {}), extensions: { pg_trgm } });
  const dialect = new PGliteDialect(pgl);
  const db = new Kysely<DB>({ dialect });
  // Owner statements take the same lock as the application's transactions: one connection.
  const direct: SqlRunner = {
    async exec(sql) {
      await pgl.exec(sql);
    },
    async query(sql, params) {
      return (await pgl.query(sql, params)).rows as never;
    },
    session: (fn) => fn(direct),
  };
  const owner: SqlRunner = {
    exec: (sql) => dialect.driver.exclusive(() => direct.exec(sql)),
    query: (sql, params) => dialect.driver.exclusive(() => direct.query(sql, params)),
    session: (fn) => dialect.driver.exclusive(() => fn(direct)),
  };
  return {
    kind: 'pglite',
    db,
    owner,
    async listen(channel, onPayload) {
      const unlisten = await pgl.listen(channel, onPayload);
      return async () => unlisten();
    },
    dumpDataDir: () => dialect.driver.exclusive(() => pgl.dumpDataDir('gzip')),
    async close() {
      await db.destroy();
      if (!pgl.closed) await pgl.close();
    },
  };
}

async function openPostgres(url: string, options: OpenOptions): Promise<Database> {
  // Owner connection: migrations and maintenance. Kept small; the app never uses it for requests.
  const ownerPool = new pg.Pool({ connectionString: url, max: 1 });
  survivesConnectionLoss(ownerPool);
  const owner: SqlRunner = {
    async exec(sql) {
      await ownerPool.query(sql);
    },
    async query(sql, params) {
      return (await ownerPool.query(sql, params as unknown[])).rows;
    },
    async session(fn) {
      const client = await ownerPool.connect();
      const runner: SqlRunner = {
        async exec(sql) {
          await client.query(sql);
        },
        async query(sql, params) {
          return (await client.query(sql, params as unknown[])).rows;
        },
        session: (inner) => inner(runner),
      };
      try {
        return await fn(runner);
      } finally {
        client.release();
      }
    },
  };
  const [me] = await owner.query<{ rolsuper: boolean; rolname: string }>(
    'SELECT rolsuper, rolname FROM pg_roles WHERE rolname = current_user',
  );
  // A superuser URL is an owner URL: the server runs as the unprivileged runtime role instead.
  const runtimeUrl = me.rolsuper ? withUser(url, APP_ROLE, options.appPassword) : url;
  // pipelined clients: a unit of work's BEGIN, tenant settings and first query go out together
  const appPool = new pg.Pool({ connectionString: runtimeUrl, max: options.poolSize ?? 10, pipeline: true } as pg.PoolConfig);
  survivesConnectionLoss(appPool);
  const db = new Kysely<DB>({ dialect: new PipelinedPostgresDialect(appPool) });
  const listeners = new Set<pg.Client>();
  let closing = false;
  return {
    kind: 'postgres',
    db,
    owner,
    async listen(channel, onPayload) {
      // One connection per channel, kept alive for the life of the process: when the database
      // goes away (restart, network cut) it is opened again with backoff and LISTENs again.
      let client: pg.Client | undefined;
      let stopped = false;
      let attempt = 0;
      let retry: NodeJS.Timeout | undefined;
      const reconnectLater = () => {
        if (stopped || closing || retry) return;
        retry = setTimeout(() => {
          retry = undefined;
          void connect();
        }, reconnectDelayMs(++attempt));
        retry.unref();
      };
      const connect = async (): Promise<void> => {
        if (stopped) return;
        const c = new pg.Client({ connectionString: runtimeUrl });
        let lost = false;
        const onLost = () => {
          if (lost) return;
          lost = true;
          listeners.delete(c);
          if (client === c) client = undefined;
          c.end().catch(() => {});
          reconnectLater();
        };
        c.on('error', onLost);
        c.on('end', onLost);
        c.on('notification', (msg) => {
          if (msg.channel === channel && msg.payload !== undefined) onPayload(msg.payload);
        });
        try {
          await c.connect();
          await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
          if (stopped || lost) return void c.end().catch(() => {});
          client = c;
          listeners.add(c);
          attempt = 0;
        } catch {
          onLost();
        }
      };
      await connect();
      return async () => {
        stopped = true;
        if (retry) clearTimeout(retry);
        if (client) await client.end().catch(() => {});
      };
    },
    async close() {
      closing = true;
      for (const c of listeners) await c.end().catch(() => {});
      await db.destroy();
      await ownerPool.end();
    },
  };
}

/**
 * A pool's clients emit `error` when their connection drops. pg-pool listens only while a client
 * is idle; a client checked out by a transaction has no listener, and an unhandled `error` event
 * ends the process. Every client gets a listener for its whole life: the query in flight fails
 * (the request answers 503), the client is discarded on release and the pool connects anew.
 */
function survivesConnectionLoss(pool: pg.Pool): void {
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
}

function withUser(url: string, user: string, password?: string): string {
  const u = new URL(url);
  u.username = user;
  u.password = password ?? '';
  return u.toString();
}

/**
 * Give the runtime role a login on a PostgreSQL server (when the server was given an owner URL),
 * and refuse to run as a role that could bypass row-level security.
 */
export async function prepareRuntimeRole(database: Database, appPassword?: string): Promise<void> {
  if (database.kind === 'postgres') {
    const [me] = await database.owner.query<{ rolsuper: boolean; app_can_login: boolean }>(
      `SELECT rolsuper, (SELECT rolcanlogin FROM pg_roles WHERE rolname = '${APP_ROLE}') AS app_can_login
       FROM pg_roles WHERE rolname = current_user`,
    );
    if (me.rolsuper && (!me.app_can_login || appPassword)) {
      const pw = appPassword ? ` PASSWORD ${pg.escapeLiteral(appPassword)}` : '';
      await database.owner.exec(`ALTER ROLE ${APP_ROLE} LOGIN${pw}`).catch((err) => {
        // several servers (or test files) on one cluster may do this at once; one of them wins
        if (!/concurrently/.test(String(err?.message))) throw err;
      });
    }
  }
  await assertRuntimeRoleIsUnprivileged(database);
}

export async function assertRuntimeRoleIsUnprivileged(database: Database): Promise<void> {
  const rows = await database.db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('role', ${APP_ROLE}, true)`.execute(trx);
    const r = await sql<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean; is_session: boolean }>`
      SELECT rolname, rolsuper, rolbypassrls, rolname = session_user AS is_session
      FROM pg_roles WHERE rolname IN (current_user, session_user)`.execute(trx);
    return r.rows;
  });
  // On PGlite the session user is the embedded superuser by construction; the role switch per
  // transaction is what confines the application. On a server, the login itself must be confined.
  const checked = database.kind === 'pglite' ? rows.filter((r) => r.rolname === APP_ROLE) : rows;
  const bad = checked.find((r) => r.rolsuper || r.rolbypassrls);
  if (!checked.length || bad) {
    throw new Error(
      `refusing to start: database role ${bad?.rolname ?? APP_ROLE} is a superuser or has BYPASSRLS; ` +
        'tenant isolation depends on row-level security',
    );
  }
}

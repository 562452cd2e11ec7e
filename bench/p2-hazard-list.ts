// P2 (QUALITY.md): the hazard list (logged in, RLS on, 50 rows, filter + sort, and a Chinese text
// search) at a large customer's scale, against its physical limit: the same SQL sent straight
// through a `pg` pool with the same 50 connections, in the same run.
//
// For each database (PostgreSQL with BENCH_P2_ROWS hazards, PostgreSQL and PGlite with
// BENCH_P2_PGLITE_ROWS): the app on it (migrations + demo company), the hazards generated
// (bench/generate-hazards.ts), then for the plain list and the search (department + q=防护罩):
// - baseline: the statement the app sends for that request (compiled by the app's own store),
//   in a read-only transaction as the runtime role inside the demo tenant (RLS on), BEGIN,
//   tenant settings, statement and COMMIT in one flight, over a pipelined pg.Pool of 50;
// - the endpoint through HTTP with autocannon, 50 connections, the safety officer's cookie.
// PGlite is one process with its database inside: it is compared with PostgreSQL at the same size.
//
// BENCH_KEEP_DATA=1 keeps the generated databases (PostgreSQL `zhian_bench_p2_<rows>`, PGlite in
// <tmp>/zhian-bench-p2-pglite-<rows>) and reuses them on the next run instead of generating again.
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import type { DB } from '../src/server/platform/db/schema.js';
import { HazardStore, type HazardFilter } from '../src/server/modules/hazards/store.js';
import { connectOwner, generateHazards } from './generate-hazards.js';
import {
  BenchError,
  HEALTH,
  MAIN_JS,
  envNumber,
  fmtInt,
  fmtSec,
  freePort,
  httpRequest,
  load,
  loginCookie,
  makeTempDir,
  median,
  onInterrupt,
  percentile,
  pgAdminUrl,
  removeTempDir,
  sleep,
  spawnServer,
  stopServer,
  waitFor200,
  withDatabase,
  type ChildServer,
  type LoadResult,
} from './lib.js';

export interface P2Line {
  text: string;
  pass: boolean;
  details?: string;
}

const CONNECTIONS = 50;
const RATIO_TARGET = 50;
const P99_TARGET = 100;
const PGLITE_TARGET = 40;
const SEARCH_Q = '防护罩';
const LIST = { status: ['closed', 'rectifying'] } satisfies HazardFilter;
const listPath = '/api/v1/hazards?pageSize=50&status=closed,rectifying&sort=-reportedAt';
const searchPath = (dept: string) => `/api/v1/hazards?pageSize=50&departmentId=${dept}&q=${encodeURIComponent(SEARCH_Q)}&sort=-reportedAt`;
const keep = () => process.env.BENCH_KEEP_DATA === '1';

type Log = (m: string) => void;

/** The statement the app sends for one list request, compiled by its own store. */
function compiled(filter: HazardFilter) {
  const db = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  const q = new HazardStore().listPageQuery(db as never, filter, { all: true }, '-reportedAt', 50, 0, new Date()).compile();
  return { sql: q.sql, parameters: [...q.parameters] };
}

interface Measured {
  rps: number;
  p99: number;
  failed: number;
  failures: string;
}

/** The same SQL, 50 pipelined connections as the runtime role, for `durationSec`. */
async function rawSql(runtimeUrl: string, tenantId: string, filter: HazardFilter, durationSec: number): Promise<Measured & { total: number }> {
  const statement = compiled(filter);
  const pool = new pg.Pool({ connectionString: runtimeUrl, max: CONNECTIONS, pipeline: true } as pg.PoolConfig);
  pool.on('error', () => {});
  const once = async () => {
    const client = await pool.connect();
    try {
      const [, , r] = await Promise.all([
        client.query('start transaction read only'),
        client.query(`SELECT set_config('role', 'zhian_app', true), set_config('app.tenant_id', $1, true), set_config('app.user_id', '', true)`, [tenantId]),
        client.query(statement.sql, statement.parameters),
        client.query('commit'),
      ]);
      return r.rows;
    } finally {
      client.release();
    }
  };
  try {
    const first = await once();
    const total = Number(first[0]?.n ?? 0);
    if (first.filter((r) => r.json).length !== 50) throw new BenchError(`the raw statement returned ${first.length} rows, expected a page of 50`);
    const latencies: number[] = [];
    let failed = 0;
    const end = performance.now() + durationSec * 1000;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < end) {
          const s = performance.now();
          try {
            await once();
            latencies.push(performance.now() - s);
          } catch {
            failed++;
          }
        }
      }),
    );
    const elapsed = (performance.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);
    return { rps: latencies.length / elapsed, p99: Math.round(percentile(latencies, 99)), failed, failures: failed ? `${failed} errors` : '', total };
  } finally {
    await pool.end();
  }
}

/** Wait until a load's queued requests are worked off: /api/v1/me within 250 ms (gives up after 120 s). */
async function settle(server: ChildServer, cookie: string) {
  const deadline = performance.now() + 120_000;
  for (;;) {
    const t0 = performance.now();
    const res = await httpRequest(server.url('/api/v1/me'), { headers: { cookie }, timeoutMs: 60_000 }).catch(() => undefined);
    if (res?.status === 200 && performance.now() - t0 < 250) return;
    if (performance.now() > deadline) throw new BenchError(`${server.name} still busy 120 s after a load`, server.output());
    await sleep(500);
  }
}

async function endpoint(server: ChildServer, path: string, cookie: string, durationSec: number): Promise<Measured & { total: number }> {
  const probe = await httpRequest(server.url(path), { headers: { cookie }, timeoutMs: 60_000 });
  if (probe.status !== 200) throw new BenchError(`GET ${path}: HTTP ${probe.status} ${probe.body.slice(0, 300)}`, server.output());
  const body = JSON.parse(probe.body) as { items: unknown[]; total: number };
  if (body.items.length !== 50) throw new BenchError(`GET ${path}: ${body.items.length} items, expected a page of 50`, server.output());
  const r: LoadResult = await load(server.url(path), { connections: CONNECTIONS, durationSec, headers: { cookie }, allowErrors: true });
  await settle(server, cookie);
  return { rps: r.rps, p99: r.p99, failed: r.failed, failures: r.failures, total: body.total };
}

/** Rounds of baseline then endpoint, alternating; medians of req/s, worst p99. */
async function compare(
  label: string,
  log: Log,
  rounds: number,
  durationSec: number,
  raw: () => Promise<Measured & { total: number }>,
  app: () => Promise<Measured & { total: number }>,
) {
  const raws: Measured[] = [];
  const apps: Measured[] = [];
  for (let i = 1; i <= rounds; i++) {
    const r = await raw();
    raws.push(r);
    log(`${label}: round ${i}/${rounds} same SQL through pg ${fmtInt(r.rps)} req/s, p99 ${r.p99} ms (total ${fmtInt(r.total)})`);
    const a = await app();
    apps.push(a);
    log(`${label}: round ${i}/${rounds} endpoint        ${fmtInt(a.rps)} req/s, p99 ${a.p99} ms${a.failures ? ` (${a.failures})` : ''} (total ${fmtInt(a.total)})`);
  }
  const sum = (xs: Measured[]) => ({ rps: median(xs.map((x) => x.rps)), p99: Math.max(...xs.map((x) => x.p99)), failed: xs.reduce((n, x) => n + x.failed, 0) });
  return { raw: sum(raws), app: sum(apps) };
}

async function ensurePgDatabase(rows: number, log: Log): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = pgAdminUrl();
  const name = keep() ? `zhian_bench_p2_${rows}` : `zhian_bench_p2_${rows}_${process.pid}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    const exists = (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount;
    if (!exists) await c.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    else log(`P2 PostgreSQL: reusing the database ${name}`);
  } finally {
    await c.end();
  }
  const drop = async () => {
    const d = new pg.Client({ connectionString: admin });
    await d.connect();
    await d.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`).finally(() => d.end());
  };
  const dropOnce = keep() ? async () => {} : onInterrupt(drop);
  return { url: withDatabase(admin, name), drop: dropOnce };
}

async function startApp(name: string, env: Record<string, string | undefined>): Promise<ChildServer> {
  const server = spawnServer({ name, script: MAIN_JS, port: await freePort(), env: { LOG_LEVEL: 'warn', ZHIAN_DEMO: '1', ...env } });
  await waitFor200(server, HEALTH, { timeoutMs: 300_000 }).catch(async (err) => {
    await stopServer(server, 5000);
    throw err;
  });
  return server;
}

/** Hazards in the demo tenant; generate up to `rows` when fewer (the app must be idle, or stopped for PGlite). */
async function fill(target: { databaseUrl?: string; dataDir?: string }, rows: number, label: string, log: Log) {
  const db = await connectOwner(target);
  try {
    const [{ n, tenant, dept }] = await db.query<{ n: string; tenant: string; dept: string }>(
      `SELECT (SELECT count(*) FROM hazards h JOIN tenants t ON t.id = h.tenant_id WHERE t.code = 'demo')::text AS n,
              (SELECT id::text FROM tenants WHERE code = 'demo') AS tenant,
              (SELECT d.id::text FROM departments d JOIN tenants t ON t.id = d.tenant_id WHERE t.code = 'demo' AND 'production' = ANY(d.functions) LIMIT 1) AS dept`,
    );
    if (Number(n) < rows) {
      const r = await generateHazards(db, { count: rows - Number(n), log: (m) => log(`${label}: ${m}`) });
      log(`${label}: generated ${fmtInt(r.inserted)} hazards in ${fmtSec(r.ms.total)}; ${fmtInt(r.total)} in the tenant`);
    } else log(`${label}: ${fmtInt(Number(n))} hazards already there`);
    return { tenantId: tenant, departmentId: dept };
  } finally {
    await db.close();
  }
}

function runtimeUrl(url: string) {
  const u = new URL(url);
  u.username = 'zhian_app';
  u.password = '';
  return u.toString();
}

/** One PostgreSQL database of `rows` hazards: list and search, baseline and endpoint. */
async function onPostgres(rows: number, log: Log, rounds: number, duration: number, warmup: number) {
  const label = `P2 PostgreSQL ${fmtInt(rows)}`;
  const database = await ensurePgDatabase(rows, log);
  const dir = makeTempDir('p2-pg');
  let server: ChildServer | undefined;
  try {
    // the same 50 connections as the baseline's pool
    server = await startApp(`app on PostgreSQL (${fmtInt(rows)})`, { DATABASE_URL: database.url, DATA_DIR: dir, DATABASE_POOL_SIZE: String(CONNECTIONS) });
    const { tenantId, departmentId } = await fill({ databaseUrl: database.url }, rows, label, log);
    const cookie = await loginCookie(server, 'safety', 'zhian123');
    const raw = runtimeUrl(database.url);
    const search: HazardFilter = { departmentId, q: SEARCH_Q };
    log(`${label}: warm-up ${warmup} s each`);
    await rawSql(raw, tenantId, LIST, warmup);
    await endpoint(server, listPath, cookie, warmup);
    await rawSql(raw, tenantId, search, warmup);
    await endpoint(server, searchPath(departmentId), cookie, warmup);
    const s = server;
    const list = await compare(`${label} list`, log, rounds, duration, () => rawSql(raw, tenantId, LIST, duration), () => endpoint(s, listPath, cookie, duration));
    const found = await compare(`${label} search`, log, rounds, duration, () => rawSql(raw, tenantId, search, duration), () => endpoint(s, searchPath(departmentId), cookie, duration));
    return { list, search: found, output: server.output() };
  } finally {
    if (server) await stopServer(server);
    await database.drop().catch((err) => log(`P2: could not drop the database: ${(err as Error).message}`));
    removeTempDir(dir);
  }
}

async function onPGlite(rows: number, log: Log, rounds: number, duration: number, warmup: number) {
  const label = `P2 PGlite ${fmtInt(rows)}`;
  const dir = keep() ? path.join(os.tmpdir(), `zhian-bench-p2-pglite-${rows}`) : makeTempDir('p2-pglite');
  if (keep()) mkdirSync(dir, { recursive: true });
  let server: ChildServer | undefined;
  try {
    if (!existsSync(path.join(dir, 'pgdata'))) {
      const first = await startApp('app on PGlite (first start)', { DATA_DIR: dir, DATABASE_URL: undefined });
      await stopServer(first); // one process per PGlite data dir: the generator needs it to itself
    }
    const { departmentId } = await fill({ dataDir: dir }, rows, label, log);
    server = await startApp('app on PGlite', { DATA_DIR: dir, DATABASE_URL: undefined });
    const cookie = await loginCookie(server, 'safety', 'zhian123');
    await endpoint(server, listPath, cookie, warmup);
    const apps: Measured[] = [];
    const searches: Measured[] = [];
    for (let i = 1; i <= rounds; i++) {
      const a = await endpoint(server, listPath, cookie, duration);
      apps.push(a);
      log(`${label} list: round ${i}/${rounds} endpoint ${fmtInt(a.rps)} req/s, p99 ${a.p99} ms${a.failures ? ` (${a.failures})` : ''}`);
      const q = await endpoint(server, searchPath(departmentId), cookie, duration);
      searches.push(q);
      log(`${label} search: round ${i}/${rounds} endpoint ${fmtInt(q.rps)} req/s, p99 ${q.p99} ms${q.failures ? ` (${q.failures})` : ''}`);
    }
    return {
      list: { rps: median(apps.map((a) => a.rps)), p99: Math.max(...apps.map((a) => a.p99)), failed: apps.reduce((n, a) => n + a.failed, 0) },
      search: { rps: median(searches.map((a) => a.rps)), p99: Math.max(...searches.map((a) => a.p99)), failed: searches.reduce((n, a) => n + a.failed, 0) },
      output: server.output(),
    };
  } finally {
    if (server) await stopServer(server);
    if (!keep()) removeTempDir(dir);
  }
}

export async function runP2(log: Log): Promise<P2Line[]> {
  const duration = envNumber('BENCH_DURATION', 10);
  const warmup = envNumber('BENCH_WARMUP', 2);
  const rounds = Math.round(envNumber('BENCH_ROUNDS', 2));
  const bigRows = Math.round(envNumber('BENCH_P2_ROWS', 1_000_000));
  const smallRows = Math.round(envNumber('BENCH_P2_PGLITE_ROWS', 100_000));
  const busy = os.loadavg()[0];
  log(`P2: load average ${busy.toFixed(1)} on ${os.cpus().length} CPUs before the run${busy > os.cpus().length * 0.5 ? ' (other work on this machine skews the figures)' : ''}`);
  const lines: P2Line[] = [];
  const figure = (what: string, m: { raw: { rps: number }; app: { rps: number; p99: number; failed: number } }, output: string) => {
    const ratio = (m.app.rps / m.raw.rps) * 100;
    const pass = ratio >= RATIO_TARGET && m.app.p99 <= P99_TARGET && m.app.failed === 0;
    lines.push({
      text:
        `${what}: ${fmtInt(m.app.rps)} req/s = ${ratio.toFixed(1)} % of the same SQL through a pg pool (${fmtInt(m.raw.rps)} req/s), p99 ${m.app.p99} ms` +
        `${m.app.failed ? `, ${m.app.failed} failed` : ''}  (target ≥ ${RATIO_TARGET} %, p99 ≤ ${P99_TARGET} ms)`,
      pass,
      details: pass ? undefined : output,
    });
  };
  const big = await onPostgres(bigRows, log, rounds, duration, warmup);
  figure(`P2 hazard list on PostgreSQL (${fmtInt(bigRows)} hazards)`, big.list, big.output);
  figure(`P2 hazard search on PostgreSQL (${fmtInt(bigRows)} hazards, department + q=${SEARCH_Q})`, big.search, big.output);
  const small = await onPostgres(smallRows, log, 1, duration, warmup);
  const lite = await onPGlite(smallRows, log, rounds, duration, warmup);
  for (const [what, pgm, litem] of [['list', small.list, lite.list], ['search', small.search, lite.search]] as const) {
    const ratio = (litem.rps / pgm.app.rps) * 100;
    const pass = ratio >= PGLITE_TARGET && litem.failed === 0;
    lines.push({
      text:
        `P2 hazard ${what} on PGlite (${fmtInt(smallRows)} hazards): ${fmtInt(litem.rps)} req/s, p99 ${litem.p99} ms = ${ratio.toFixed(1)} % of PostgreSQL at ${fmtInt(smallRows)} ` +
        `(${fmtInt(pgm.app.rps)} req/s)  (target ≥ ${PGLITE_TARGET} %)`,
      pass,
      details: pass ? undefined : lite.output,
    });
  }
  return lines;
}

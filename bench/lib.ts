// Shared helpers for the benchmarks: child servers, temp dirs, polling, load, cleanup, formatting.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type AutocannonResult } from 'autocannon';
import pg from 'pg';

/** The repository root (the folder above bench/). */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The compiled server, as `npm start` runs it (run.ts builds it first when stale). */
export const MAIN_JS = path.join('dist', 'server', 'main.js');
export const HELLO_TS = path.join('bench', 'hello.ts');
export const HOST = '127.0.0.1';
export const HEALTH = '/api/v1/health';

// ---------------------------------------------------------------------------
// Cleanup: every child and temp dir is registered here and removed on any exit.

const liveChildren = new Set<ChildProcess>();
const tempDirs = new Set<string>();
/** Asynchronous clean-ups (e.g. dropping a database), run after the children are killed on a signal. */
const asyncCleanups = new Set<() => Promise<void>>();
let cleanupInstalled = false;

function cleanupSync() {
  for (const child of liveChildren) {
    try {
      child.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
  liveChildren.clear();
  for (const dir of tempDirs) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      /* best effort */
    }
  }
  tempDirs.clear();
}

export function installCleanup() {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on('exit', cleanupSync);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      console.error(`\nbench: interrupted by ${signal}, cleaning up`);
      cleanupSync();
      const pending = [...asyncCleanups].map((fn) => fn().catch((err) => console.error(`bench: clean-up failed: ${(err as Error).message}`)));
      asyncCleanups.clear();
      // give them a few seconds, then leave whatever is left
      void Promise.race([Promise.all(pending), sleep(10_000)]).then(() => process.exit(130));
    });
  }
}

/**
 * Register an asynchronous clean-up to run if the bench is interrupted; the caller also runs it
 * itself on the normal path (through the returned function, which runs it once and unregisters it).
 */
export function onInterrupt(fn: () => Promise<void>): () => Promise<void> {
  let done = false;
  const once = async () => {
    if (done) return;
    done = true;
    asyncCleanups.delete(once);
    await fn();
  };
  asyncCleanups.add(once);
  return once;
}

export function makeTempDir(label: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `zhian-bench-${label}-`));
  tempDirs.add(dir);
  return dir;
}

export function removeTempDir(dir: string) {
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  tempDirs.delete(dir);
}

// ---------------------------------------------------------------------------
// Small utilities.

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The value at percentile `p` (nearest rank) of ascending `sorted`. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
export const fmtSec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got ${JSON.stringify(raw)}`);
  return n;
}

/** A port that was free a moment ago on the loopback address. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------
// Child servers.

const MAX_OUTPUT = 256 * 1024;

export interface ChildServer {
  name: string;
  port: number;
  child: ChildProcess;
  /** Performance.now() just before spawn. */
  spawnedAt: number;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  exited: Promise<number | string>;
  hasExited(): boolean;
  /** Captured stdout + stderr (the tail, if very long). */
  output(): string;
  url(pathname: string): string;
}

export interface SpawnOptions {
  name: string;
  script: string;
  port: number;
  env?: Record<string, string | undefined>;
  /** Open an IPC channel (`child.send`/`child.on('message')`), as `fork` does. */
  ipc?: boolean;
}

export function spawnServer(opts: SpawnOptions): ChildServer {
  installCleanup();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(opts.port), HOST };
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  let captured = '';
  const append = (chunk: Buffer) => {
    captured += chunk.toString('utf8');
    if (captured.length > MAX_OUTPUT) captured = captured.slice(-MAX_OUTPUT);
  };
  const spawnedAt = performance.now();
  // TypeScript helpers (bench/hello.ts) through the loader; the app as compiled JavaScript
  const args = opts.script.endsWith('.ts') ? ['--import', 'tsx', opts.script] : [opts.script];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: opts.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  liveChildren.add(child);
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  let done = false;
  const exited = new Promise<number | string>((resolve) => {
    child.once('error', (err) => {
      append(Buffer.from(`\n[spawn error] ${err.message}\n`));
      done = true;
      liveChildren.delete(child);
      resolve('spawn-error');
    });
    child.once('exit', (code, signal) => {
      done = true;
      liveChildren.delete(child);
      resolve(code ?? signal ?? 'unknown');
    });
  });
  return {
    name: opts.name,
    port: opts.port,
    child,
    spawnedAt,
    exited,
    hasExited: () => done,
    output: () => captured,
    url: (pathname: string) => `http://${HOST}:${opts.port}${pathname}`,
  };
}

export class BenchError extends Error {
  constructor(
    message: string,
    readonly output?: string,
  ) {
    super(message);
  }
}

/** One GET without keep-alive; resolves with status and body, rejects on connection errors. */
export function httpGet(url: string, timeoutMs = 1000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, headers: { connection: 'close' }, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
  });
}

/** One request without keep-alive (e.g. a login); resolves with status, headers and body. */
export function httpRequest(
  url: string,
  { method = 'GET', headers = {}, body, timeoutMs = 10_000 }: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent: false,
        timeout: timeoutMs,
        headers: { connection: 'close', ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Poll `pathname` every `intervalMs` until it answers 200; returns ms since the child was spawned.
 * Fails if the child exits first or `timeoutMs` passes.
 */
export async function waitFor200(
  server: ChildServer,
  pathname: string,
  { timeoutMs, intervalMs = 50 }: { timeoutMs: number; intervalMs?: number },
): Promise<number> {
  const deadline = server.spawnedAt + timeoutMs;
  let last = 'no answer yet';
  for (;;) {
    if (server.hasExited()) {
      const code = await server.exited;
      throw new BenchError(`${server.name} exited (${code}) before ${pathname} answered 200`, server.output());
    }
    const before = performance.now();
    try {
      const res = await httpGet(server.url(pathname), Math.max(200, Math.min(2000, deadline - before)));
      if (res.status === 200) return performance.now() - server.spawnedAt;
      last = `HTTP ${res.status}: ${res.body.slice(0, 200)}`;
    } catch (err) {
      last = (err as Error).message;
    }
    const now = performance.now();
    if (now >= deadline) {
      throw new BenchError(
        `${server.name}: no 200 from ${pathname} within ${fmtSec(timeoutMs)} (last: ${last})`,
        server.output(),
      );
    }
    await sleep(Math.max(0, intervalMs - (now - before)));
  }
}

/** SIGTERM, wait for exit (SIGKILL after `graceMs`). Returns the exit code and whether it needed SIGKILL. */
export async function stopServer(server: ChildServer, graceMs = 15_000): Promise<{ code: number | string; killed: boolean }> {
  if (server.hasExited()) return { code: await server.exited, killed: false };
  server.child.kill('SIGTERM');
  const timer = sleep(graceMs).then(() => 'timeout' as const);
  const first = await Promise.race([server.exited, timer]);
  if (first !== 'timeout') return { code: first, killed: false };
  server.child.kill('SIGKILL');
  return { code: await server.exited, killed: true };
}

/**
 * Start the compiled server on a PostgreSQL database (demo company on first start, workers on,
 * quiet logs) and wait for its health check. A server that does not come up is stopped again; the
 * error carries its output.
 */
export async function startPgInstance(
  name: string,
  databaseUrl: string,
  dataDir: string,
  { timeoutMs = 180_000, env = {} }: { timeoutMs?: number; env?: Record<string, string | undefined> } = {},
): Promise<ChildServer> {
  const server = spawnServer({
    name,
    script: MAIN_JS,
    port: await freePort(),
    env: { DATABASE_URL: databaseUrl, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ZHIAN_DEMO: '1', ZHIAN_WORKERS: '1', ...env },
  });
  try {
    await waitFor200(server, HEALTH, { timeoutMs });
    return server;
  } catch (err) {
    await stopServer(server, 5000);
    throw err;
  }
}

/** A JSON call like the browser makes it (same-site Origin, optional session cookie); the body parsed when it is JSON. */
export async function apiCall(server: ChildServer, method: string, pathname: string, cookie: string | null, body?: unknown, headers: Record<string, string> = {}) {
  const origin = `http://${new URL(server.url('/')).host}`;
  const res = await httpRequest(server.url(pathname), {
    method,
    headers: { origin, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(cookie ? { cookie } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
    timeoutMs: 60_000,
  });
  let json: any;
  try {
    json = JSON.parse(res.body);
  } catch {
    json = res.body;
  }
  return { status: res.status, body: json, headers: res.headers };
}

/** Log in like the browser does (same-site Origin) and return the session cookie `zhian_sid=…`. */
export async function loginCookie(server: ChildServer, username: string, password: string): Promise<string> {
  const origin = `http://${new URL(server.url('/')).host}`;
  const res = await httpRequest(server.url('/api/v1/auth/login'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new BenchError(`login as ${username} failed: HTTP ${res.status} ${res.body.slice(0, 300)}`, server.output());
  const setCookie = res.headers['set-cookie'] ?? [];
  const sid = setCookie.find((c) => c.startsWith('zhian_sid='));
  if (!sid) throw new BenchError(`login as ${username} set no zhian_sid cookie (set-cookie: ${setCookie.join(' | ')})`, server.output());
  return sid.split(';')[0];
}

// ---------------------------------------------------------------------------
// Scratch PostgreSQL databases.

/** The PostgreSQL owner URL where benches create their databases. */
export function pgAdminUrl(): string {
  return process.env.BENCH_PG_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export interface ScratchDatabase {
  name: string;
  url: string;
  /** DROP … WITH (FORCE); runs once, also if the bench is interrupted. */
  drop(): Promise<void>;
}

/** A fresh, empty database named `zhian_bench_<random>` next to `adminUrl`'s. */
export async function createScratchDatabase(adminUrl: string = pgAdminUrl()): Promise<ScratchDatabase> {
  const name = `zhian_bench_${randomBytes(5).toString('hex')}`;
  const drop = onInterrupt(async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    } finally {
      await c.end();
    }
  });
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect().catch((err: Error) => {
      throw new BenchError(`cannot connect to ${adminUrl.replace(/:[^:@/]*@/, ':***@')}: ${err.message} (set BENCH_PG_URL)`);
    });
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } catch (err) {
    void drop().catch(() => {}); // nothing was created (or a half-made database): unregister
    throw err;
  } finally {
    await admin.end().catch(() => {});
  }
  return { name, url: withDatabase(adminUrl, name), drop };
}

// ---------------------------------------------------------------------------
// Load.

export interface LoadResult {
  /** 2xx responses per second over the run. */
  rps: number;
  p99: number;
  /** Non-2xx responses, errors and timeouts (only ever non-zero with `allowErrors`). */
  failed: number;
  /** e.g. "3 timeouts, 3 errors" when something failed, else "". */
  failures: string;
  raw: AutocannonResult;
}

/**
 * Run autocannon (10 s request timeout). Any non-2xx, error or timeout throws, unless `allowErrors`:
 * then they are counted in the result (the caller decides what they mean for its figure).
 */
export async function load(
  url: string,
  {
    connections,
    durationSec,
    headers,
    allowErrors = false,
  }: { connections: number; durationSec: number; headers?: Record<string, string>; allowErrors?: boolean },
): Promise<LoadResult> {
  const raw = await autocannon({ url, connections, duration: durationSec, timeout: 10, ...(headers ? { headers } : {}) });
  const bad = raw.non2xx + raw.errors + raw.timeouts;
  const failures = [
    raw.timeouts ? `${raw.timeouts} timeouts` : '',
    raw.errors - raw.timeouts > 0 ? `${raw.errors - raw.timeouts} other errors` : '',
    raw.non2xx ? `${raw.non2xx} non-2xx` : '',
  ]
    .filter(Boolean)
    .join(', ');
  if (bad > 0 && !allowErrors) {
    const codes = Object.entries(raw.statusCodeStats)
      .map(([code, s]) => `${code}×${s.count}`)
      .join(', ');
    throw new BenchError(
      `${url}: ${raw.non2xx} non-2xx, ${raw.errors} errors, ${raw.timeouts} timeouts of ${raw.requests.sent} requests (status codes: ${codes || 'none'})`,
    );
  }
  if (raw['2xx'] === 0) throw new BenchError(`${url}: no successful responses in ${durationSec} s${failures ? ` (${failures})` : ''}`);
  return { rps: raw['2xx'] / raw.duration, p99: raw.latency.p99, failed: bad, failures, raw };
}

/**
 * A database for generated data: with BENCH_KEEP_DATA=1 the database `zhian_bench_<label>`, kept
 * and reused by later runs once `complete()` marked it (its generation finished); otherwise a
 * scratch database dropped afterwards.
 */
export async function benchDatabase(label: string): Promise<ScratchDatabase & { reused: boolean; complete(): Promise<void> }> {
  const adminUrl = pgAdminUrl();
  if (process.env.BENCH_KEEP_DATA !== '1') {
    const scratch = await createScratchDatabase(adminUrl);
    return { ...scratch, reused: false, complete: async () => {} };
  }
  const name = `zhian_bench_${label}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const [row] = (
      await admin.query<{ note: string | null }>(`SELECT shobj_description(oid, 'pg_database') AS note FROM pg_database WHERE datname = $1`, [name])
    ).rows;
    if (row && row.note !== 'complete') await admin.query(`DROP DATABASE ${pg.escapeIdentifier(name)} WITH (FORCE)`); // an interrupted generation
    if (!row || row.note !== 'complete') await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    return {
      name,
      url: withDatabase(adminUrl, name),
      reused: row?.note === 'complete',
      drop: async () => {},
      async complete() {
        const c = new pg.Client({ connectionString: adminUrl });
        await c.connect();
        await c.query(`COMMENT ON DATABASE ${pg.escapeIdentifier(name)} IS 'complete'`).finally(() => c.end());
      },
    };
  } finally {
    await admin.end();
  }
}

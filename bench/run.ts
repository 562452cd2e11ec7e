// `npm run bench [-- ID ...]`: measure the figures of shared/spec/QUALITY.md that have a harness here.
//
// stdout: one line per figure with its target and PASS/FAIL, then `bench: N passed, M failed`.
// stderr: progress and the individual samples behind each figure.
// Exit code is 0 whatever the figures say (it is a report); 2 only for a bad command line.
//
// Environment:
//   BENCH_DURATION  seconds of each measured autocannon run (default 10)
//   BENCH_WARMUP    seconds of each warm-up run (default 2)
//   BENCH_ROUNDS    alternating bare/app rounds for P1 (default 2: bare, app, bare, app)
//   BENCH_WARM_RUNS warm starts for P7 (default 3)
//   BENCH_PG_URL    PostgreSQL owner URL for P2; a database is created and dropped there
//                   (default TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres)
//   BENCH_P2_ROWS   hazards generated on PostgreSQL for P2 (default 1000000)
//   BENCH_P2_PGLITE_ROWS  hazards generated on PGlite for P2 (default 100000)
//   BENCH_P3_HAZARDS      hazards generated for P3 (default 1000000; BENCH_P3_TASKS flow tasks, default 5000000;
//                         BENCH_P3_REQUESTS measured overview requests, default 200; PostgreSQL at BENCH_PG_URL)
//   BENCH_P4_CLIENTS      WebSocket clients for P4, split over 2 instances (default 2000; PostgreSQL at BENCH_PG_URL)
//   BENCH_P4_ROUNDS       measured warnings for P4, each followed by a raw ws broadcast (default 20; BENCH_P4_WARMUP more first, default 3)
//   BENCH_P4_RAW_SERVERS  processes of P4's raw ws baseline, sharing its sockets (default 1)
//   BENCH_P4_CLIENT_PROCS client processes of P4, sharing every server's sockets (default 1)
//   BENCH_P5_READINGS     MQTT readings for P5 (default 400000; BENCH_P5_RATE offered/s 40000, BENCH_P5_SENSORS 200,
//                         BENCH_P5_PER_MESSAGE 10, BENCH_P5_ALERTS 20; BENCH_MQTT_URL default mqtt://127.0.0.1:1883; PostgreSQL)
//   BENCH_P6_REMINDERS    reminders due at once for P6 (default 10000; PostgreSQL at BENCH_PG_URL)
//   BENCH_P6_DEPARTMENTS  departments of each P6 case's tasks, by code (default equipment,safety,hr)
//   BENCH_P6_TIMEOUT      seconds P6 waits for the reminders to be worked off (default 600)
//   BENCH_P8_RUNS         measured dashboard navigations for P8 (default 5; BENCH_P8_NO_BUILD=1 uses dist/web as built;
//                         CHROMIUM_PATH default /usr/bin/chromium)
import os from 'node:os';
import { connectOwner, generateHazards } from './generate-hazards.js';
import { runP3 } from './p3-dashboard.js';
import { runP4 } from './p4-fanout.js';
import { runP5 } from './p5-sensors.js';
import { runP6 } from './p6-reminders.js';
import { runP8 } from './p8-web.js';
import {
  BenchError,
  HEALTH,
  HELLO_TS,
  MAIN_TS,
  createScratchDatabase,
  envNumber,
  fmtInt,
  fmtSec,
  freePort,
  httpGet,
  httpRequest,
  installCleanup,
  load,
  loginCookie,
  makeTempDir,
  median,
  pgAdminUrl,
  removeTempDir,
  sleep,
  spawnServer,
  stopServer,
  waitFor200,
  type ChildServer,
  type LoadResult,
} from './lib.js';

interface Line {
  id: string;
  text: string;
  pass: boolean;
  /** Shown under the line when it fails (e.g. the server's captured output). */
  details?: string;
}

interface Figure {
  id: string;
  title: string;
  /** Lines printed for this figure; on an exception one FAIL line is printed for each name here. */
  lines: string[];
  run(): Promise<Line[]>;
}

const log = (msg: string) => process.stderr.write(`  · ${msg}\n`);

/** Environment of main.ts: embedded PGlite in a fresh data dir, demo data, quiet logs. */
function appEnv(dataDir: string) {
  return {
    DATA_DIR: dataDir,
    DATABASE_URL: undefined, // always the embedded database, whatever the caller's shell has
    LOG_LEVEL: 'warn',
    ZHIAN_DEMO: '1',
  };
}

async function startApp(name: string, dataDir: string, timeoutMs: number): Promise<{ server: ChildServer; ms: number }> {
  const server = spawnServer({ name, script: MAIN_TS, port: await freePort(), env: appEnv(dataDir) });
  try {
    const ms = await waitFor200(server, HEALTH, { timeoutMs });
    return { server, ms };
  } catch (err) {
    await stopServer(server, 5000);
    throw err;
  }
}

/** Stop a server and complain (on stderr, and via the returned note) if it did not exit cleanly. */
async function stopChecked(server: ChildServer): Promise<string | undefined> {
  const { code, killed } = await stopServer(server);
  if (killed) return `${server.name} ignored SIGTERM for 15 s and was killed`;
  if (code !== 0) return `${server.name} exited with ${code} after SIGTERM`;
  return undefined;
}

// ---------------------------------------------------------------------------
// P1: /api/v1/health through the whole app vs a bare Fastify hello-world.

const P1: Figure = {
  id: 'P1',
  title: 'health vs bare Fastify',
  lines: ['P1 health vs bare Fastify'],
  async run() {
    const duration = envNumber('BENCH_DURATION', 10);
    const warmup = envNumber('BENCH_WARMUP', 2);
    const rounds = Math.round(envNumber('BENCH_ROUNDS', 2));
    const connections = 50;
    const dataDir = makeTempDir('p1');
    const servers: ChildServer[] = [];
    try {
      log('P1: starting bare Fastify and the app');
      const bare = spawnServer({ name: 'bare Fastify', script: HELLO_TS, port: await freePort() });
      servers.push(bare);
      await waitFor200(bare, '/', { timeoutMs: 30_000 });
      const app = spawnServer({ name: 'app (main.ts)', script: MAIN_TS, port: await freePort(), env: appEnv(dataDir) });
      servers.push(app);
      await waitFor200(app, HEALTH, { timeoutMs: 120_000 });
      const probe = await httpGet(app.url(HEALTH));
      const body = JSON.parse(probe.body) as { status?: string; db?: string };
      if (body.status !== 'ok') throw new BenchError(`unexpected health body ${probe.body}`, app.output());
      log(`P1: health says ${probe.body}`);

      const bareUrl = bare.url('/');
      const appUrl = app.url(HEALTH);
      log(`P1: warm-up ${warmup} s each`);
      await load(bareUrl, { connections, durationSec: warmup });
      await load(appUrl, { connections, durationSec: warmup });

      const bareRps: number[] = [];
      const appRps: number[] = [];
      for (let i = 1; i <= rounds; i++) {
        const b = await load(bareUrl, { connections, durationSec: duration });
        bareRps.push(b.rps);
        log(`P1: round ${i}/${rounds} bare ${fmtInt(b.rps)} req/s (p99 ${b.p99} ms)`);
        const a = await load(appUrl, { connections, durationSec: duration });
        appRps.push(a.rps);
        log(`P1: round ${i}/${rounds} app  ${fmtInt(a.rps)} req/s (p99 ${a.p99} ms)`);
      }
      for (const s of servers) if (s.hasExited()) throw new BenchError(`${s.name} died during the run`, s.output());

      const bareMed = median(bareRps);
      const appMed = median(appRps);
      const ratio = (appMed / bareMed) * 100;
      const pass = ratio >= 70;
      return [
        {
          id: 'P1',
          text: `P1 health vs bare Fastify: ${fmtInt(appMed)} req/s vs ${fmtInt(bareMed)} req/s = ${ratio.toFixed(1)} %  (target ≥ 70 %)`,
          pass,
        },
      ];
    } finally {
      for (const s of servers) {
        const note = await stopChecked(s);
        if (note) log(`P1: warning: ${note}`);
      }
      removeTempDir(dataDir);
    }
  },
};

// ---------------------------------------------------------------------------
// P2: the hazard list (logged in, RLS on, 50 rows, filter + sort) over a big table, on PostgreSQL
// with 1,000,000 hazards against a bare hello-world measured in the same run, then on PGlite with
// 100,000 hazards against the PostgreSQL figure.

/** The figure's request, and a second one with a department + text search filter (shown on stderr). */
const P2_LIST = '/api/v1/hazards?pageSize=50&status=closed,rectifying&sort=-reportedAt';
const P2_SEARCH_Q = '防护罩';
const p2SearchPath = (departmentId: string) =>
  `/api/v1/hazards?pageSize=50&departmentId=${departmentId}&q=${encodeURIComponent(P2_SEARCH_Q)}&sort=-reportedAt`;

/**
 * Wait until the app has worked off what a load left queued (slow requests keep the database busy
 * after autocannon stops): `/api/v1/me` must answer within 250 ms. Gives up after 120 s.
 */
async function settle(server: ChildServer, cookie: string): Promise<void> {
  const deadline = performance.now() + 120_000;
  let waited = false;
  for (;;) {
    const t0 = performance.now();
    const res = await httpRequest(server.url('/api/v1/me'), { headers: { cookie }, timeoutMs: 60_000 }).catch(() => undefined);
    const ms = performance.now() - t0;
    if (res?.status === 200 && ms < 250) {
      if (waited) log(`P2: ${server.name} settled`);
      return;
    }
    if (performance.now() > deadline) throw new BenchError(`${server.name} still busy 120 s after a load (last /me: ${res?.status ?? 'no answer'} in ${Math.round(ms)} ms)`, server.output());
    if (!waited) log(`P2: waiting for ${server.name} to work off queued requests …`);
    waited = true;
    await sleep(500);
  }
}

/** Load that is reported but not part of the figure: a failure is logged, not thrown. */
async function sideLoad(label: string, url: string, opts: { connections: number; durationSec: number; headers: Record<string, string> }): Promise<LoadResult | undefined> {
  try {
    return await load(url, { ...opts, allowErrors: true });
  } catch (err) {
    log(`${label}: ${(err as Error).message}`);
    return undefined;
  }
}

/** Median req/s, worst p99 and all failures of some rounds. */
const summarize = (results: (LoadResult | undefined)[]) => {
  const ok = results.filter((r): r is LoadResult => !!r);
  if (!ok.length) return undefined;
  const failed = ok.reduce((n, r) => n + r.failed, 0);
  const failures = ok.map((r) => r.failures).filter(Boolean).join('; ');
  return { rps: median(ok.map((r) => r.rps)), p99: Math.max(...ok.map((r) => r.p99)), failed, failures };
};
const failNote = (s: { failed: number; failures: string }) => (s.failed ? `, failed requests: ${s.failures}` : '');

/** One GET with the cookie, checked: 200 and a full page of 50 (the total may be capped by the server). */
async function probeList(server: ChildServer, path: string, cookie: string): Promise<{ total: number; items: number; bytes: number; ms: number }> {
  const t0 = performance.now();
  const res = await httpRequest(server.url(path), { headers: { cookie }, timeoutMs: 60_000 });
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new BenchError(`GET ${path}: HTTP ${res.status} ${res.body.slice(0, 300)}`, server.output());
  const body = JSON.parse(res.body) as { items: unknown[]; total: number };
  if (body.items.length !== 50) throw new BenchError(`GET ${path}: ${body.items.length} items (total ${body.total}), expected a full page of 50`, server.output());
  return { total: body.total, items: body.items.length, bytes: Buffer.byteLength(res.body), ms };
}

const fmtLoad = (r: LoadResult) => `${fmtInt(r.rps)} req/s, p99 ${r.p99} ms${r.failures ? ` (${r.failures})` : ''}`;

const P2: Figure = {
  id: 'P2',
  title: 'hazard list',
  lines: ['P2 hazard list on PostgreSQL', 'P2 hazard list on PGlite'],
  async run() {
    const duration = envNumber('BENCH_DURATION', 10);
    const warmup = envNumber('BENCH_WARMUP', 2);
    const rounds = Math.round(envNumber('BENCH_ROUNDS', 2));
    const pgRows = Math.round(envNumber('BENCH_P2_ROWS', 1_000_000));
    const pgliteRows = Math.round(envNumber('BENCH_P2_PGLITE_ROWS', 100_000));
    const adminUrl = pgAdminUrl();
    const connections = 50;
    const rpsTarget = 25;
    const p99Target = 50;
    const pgliteTarget = 40;
    const lines: Line[] = [];
    const servers = new Set<ChildServer>();
    const dirs: string[] = [];

    const start = async (name: string, env: Record<string, string | undefined>) => {
      const server = spawnServer({ name, script: MAIN_TS, port: await freePort(), env: { LOG_LEVEL: 'warn', ZHIAN_DEMO: '1', ...env } });
      servers.add(server);
      await waitFor200(server, HEALTH, { timeoutMs: 180_000 });
      return server;
    };
    const stop = async (server: ChildServer) => {
      servers.delete(server);
      const note = await stopChecked(server);
      if (note) log(`P2: warning: ${note}`);
    };
    const generate = async (target: { databaseUrl?: string; dataDir?: string }, count: number, label: string) => {
      const db = await connectOwner(target);
      try {
        const r = await generateHazards(db, { count, log: (m) => log(`P2 ${label}: ${m}`) });
        log(
          `P2 ${label}: generated ${fmtInt(count)} hazards in ${fmtSec(r.ms.total)} ` +
            `(insert ${fmtSec(r.ms.insert)}, indexes ${fmtSec(r.ms.indexes)}, vacuum ${fmtSec(r.ms.vacuum)}); ${fmtInt(r.total)} in the tenant`,
        );
        return r;
      } finally {
        await db.close();
      }
    };
    const departmentOf = async (target: { databaseUrl?: string; dataDir?: string }) => {
      const db = await connectOwner(target);
      try {
        const [row] = await db.query<{ id: string }>(
          "SELECT d.id::text FROM departments d JOIN tenants t ON t.id = d.tenant_id WHERE t.code = 'demo' AND d.code = 'production'",
        );
        if (!row) throw new BenchError('the demo company has no production department');
        return row.id;
      } finally {
        await db.close();
      }
    };

    let bare: ChildServer | undefined;
    let pgFigure: number | undefined;
    const busy = os.loadavg()[0];
    if (busy > os.cpus().length * 0.5) log(`P2: note: load average ${busy.toFixed(1)} on ${os.cpus().length} CPUs before the run; other work on this machine skews the figures`);
    try {
      log('P2: starting bare Fastify');
      bare = spawnServer({ name: 'bare Fastify', script: HELLO_TS, port: await freePort() });
      servers.add(bare);
      await waitFor200(bare, '/', { timeoutMs: 30_000 });
      const bareUrl = bare.url('/');

      // ---- PostgreSQL ------------------------------------------------------------------
      const pgLabel = `P2 hazard list on PostgreSQL (${fmtInt(pgRows)} hazards)`;
      const pgDir = makeTempDir('p2-pg');
      dirs.push(pgDir);
      let database: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
      try {
        const t0 = performance.now();
        log('P2 PostgreSQL: creating a database');
        database = await createScratchDatabase(adminUrl);
        const dbUrl = database.url;
        log(`P2 PostgreSQL: database ${database.name}`);
        const app = await start('app on PostgreSQL', { DATABASE_URL: dbUrl, DATA_DIR: pgDir });
        log(`P2 PostgreSQL: server up (migrated, demo company loaded); generating ${fmtInt(pgRows)} hazards`);
        await generate({ databaseUrl: dbUrl }, pgRows, 'PostgreSQL');
        const departmentId = await departmentOf({ databaseUrl: dbUrl });
        const cookie = await loginCookie(app, 'safety', 'zhian123');
        const headers = { cookie };
        const listUrl = app.url(P2_LIST);
        const searchUrl = app.url(p2SearchPath(departmentId));
        const probe = await probeList(app, P2_LIST, cookie);
        const probe2 = await probeList(app, p2SearchPath(departmentId), cookie);
        log(
          `P2 PostgreSQL: list answers ${probe.items} items of ${fmtInt(probe.total)} (${fmtInt(probe.bytes)} bytes, first call ${Math.round(probe.ms)} ms); ` +
            `search ${probe2.items} of ${fmtInt(probe2.total)} (${Math.round(probe2.ms)} ms)`,
        );

        log(`P2 PostgreSQL: warm-up ${warmup} s each`);
        await load(bareUrl, { connections, durationSec: warmup });
        await load(listUrl, { connections, durationSec: warmup, headers, allowErrors: true });
        await settle(app, cookie);
        await sideLoad('P2 PostgreSQL: search warm-up', searchUrl, { connections, durationSec: warmup, headers });
        await settle(app, cookie);
        const bareRps: number[] = [];
        const list: LoadResult[] = [];
        const search: (LoadResult | undefined)[] = [];
        for (let i = 1; i <= rounds; i++) {
          const b = await load(bareUrl, { connections, durationSec: duration });
          bareRps.push(b.rps);
          log(`P2 PostgreSQL: round ${i}/${rounds} bare   ${fmtLoad(b)}`);
          const l = await load(listUrl, { connections, durationSec: duration, headers, allowErrors: true });
          list.push(l);
          log(`P2 PostgreSQL: round ${i}/${rounds} list   ${fmtLoad(l)}`);
          await settle(app, cookie);
          const q = await sideLoad(`P2 PostgreSQL: round ${i}/${rounds} search`, searchUrl, { connections, durationSec: duration, headers });
          search.push(q);
          if (q) log(`P2 PostgreSQL: round ${i}/${rounds} search ${fmtLoad(q)}  (department + q=${P2_SEARCH_Q})`);
          await settle(app, cookie);
        }
        for (const s of [bare, app]) if (s.hasExited()) throw new BenchError(`${s.name} died during the run`, s.output());
        const output = app.output();
        await stop(app);

        const bareMed = median(bareRps);
        const listSum = summarize(list)!;
        const listMed = listSum.rps;
        const p99 = listSum.p99;
        const ratio = (listMed / bareMed) * 100;
        pgFigure = listMed;
        const searchMed = summarize(search);
        if (searchMed) {
          log(
            `P2 PostgreSQL: search (department + q) ${fmtInt(searchMed.rps)} req/s = ${((searchMed.rps / bareMed) * 100).toFixed(1)} % of hello-world, ` +
              `p99 ${searchMed.p99} ms${failNote(searchMed)} (not part of the figure)`,
          );
        }
        log(`P2 PostgreSQL: done in ${fmtSec(performance.now() - t0)}`);
        lines.push({
          id: 'P2',
          text:
            `${pgLabel}: ${fmtInt(listMed)} req/s = ${ratio.toFixed(1)} % of hello-world (${fmtInt(bareMed)} req/s), p99 ${p99} ms${failNote(listSum)}` +
            `  (target ≥ ${rpsTarget} %, p99 ≤ ${p99Target} ms)`,
          pass: ratio >= rpsTarget && p99 <= p99Target && listSum.failed === 0,
          details: output,
        });
      } catch (err) {
        const e = err as Error;
        lines.push({ id: 'P2', text: `${pgLabel}: error: ${e.message}`, pass: false, details: e instanceof BenchError ? e.output : e.stack });
      } finally {
        for (const s of [...servers]) if (s !== bare) await stop(s);
        await database?.drop().catch((err) => log(`P2: warning: could not drop ${database!.name}: ${(err as Error).message}`));
        removeTempDir(pgDir);
      }
      if (bare) {
        await stop(bare);
        bare = undefined;
      }

      // ---- PGlite ----------------------------------------------------------------------
      const pgliteLabel = `P2 hazard list on PGlite (${fmtInt(pgliteRows)} hazards)`;
      const dir = makeTempDir('p2-pglite');
      dirs.push(dir);
      try {
        const t0 = performance.now();
        log('P2 PGlite: first start (migrations + demo company)');
        const first = await start('app on PGlite (first start)', { DATA_DIR: dir, DATABASE_URL: undefined });
        await stop(first); // one process per PGlite data dir: the generator needs it to itself
        log(`P2 PGlite: generating ${fmtInt(pgliteRows)} hazards`);
        await generate({ dataDir: dir }, pgliteRows, 'PGlite');
        const departmentId = await departmentOf({ dataDir: dir });
        const app = await start('app on PGlite', { DATA_DIR: dir, DATABASE_URL: undefined });
        const cookie = await loginCookie(app, 'safety', 'zhian123');
        const headers = { cookie };
        const listUrl = app.url(P2_LIST);
        const searchUrl = app.url(p2SearchPath(departmentId));
        const probe = await probeList(app, P2_LIST, cookie);
        const probe2 = await probeList(app, p2SearchPath(departmentId), cookie);
        log(
          `P2 PGlite: list answers ${probe.items} items of ${fmtInt(probe.total)} (first call ${Math.round(probe.ms)} ms); ` +
            `search ${probe2.items} of ${fmtInt(probe2.total)} (${Math.round(probe2.ms)} ms)`,
        );
        log(`P2 PGlite: warm-up ${warmup} s each`);
        await load(listUrl, { connections, durationSec: warmup, headers, allowErrors: true });
        await settle(app, cookie);
        await sideLoad('P2 PGlite: search warm-up', searchUrl, { connections, durationSec: warmup, headers });
        await settle(app, cookie);
        const list: LoadResult[] = [];
        const search: (LoadResult | undefined)[] = [];
        for (let i = 1; i <= rounds; i++) {
          const l = await load(listUrl, { connections, durationSec: duration, headers, allowErrors: true });
          list.push(l);
          log(`P2 PGlite: round ${i}/${rounds} list   ${fmtLoad(l)}`);
          await settle(app, cookie);
          const q = await sideLoad(`P2 PGlite: round ${i}/${rounds} search`, searchUrl, { connections, durationSec: duration, headers });
          search.push(q);
          if (q) log(`P2 PGlite: round ${i}/${rounds} search ${fmtLoad(q)}  (department + q=${P2_SEARCH_Q})`);
          await settle(app, cookie);
        }
        if (app.hasExited()) throw new BenchError(`${app.name} died during the run`, app.output());
        const output = app.output();
        await stop(app);
        const listSum = summarize(list)!;
        const listMed = listSum.rps;
        const p99 = listSum.p99;
        const searchMed = summarize(search);
        if (searchMed) log(`P2 PGlite: search (department + q) ${fmtInt(searchMed.rps)} req/s, p99 ${searchMed.p99} ms${failNote(searchMed)} (not part of the figure)`);
        log(`P2 PGlite: done in ${fmtSec(performance.now() - t0)}`);
        if (pgFigure === undefined) {
          lines.push({
            id: 'P2',
            text: `${pgliteLabel}: ${fmtInt(listMed)} req/s, p99 ${p99} ms${failNote(listSum)}, but no PostgreSQL figure to compare with  (target ≥ ${pgliteTarget} % of PostgreSQL)`,
            pass: false,
          });
        } else {
          const ratio = (listMed / pgFigure) * 100;
          lines.push({
            id: 'P2',
            text: `${pgliteLabel}: ${fmtInt(listMed)} req/s = ${ratio.toFixed(1)} % of PostgreSQL, p99 ${p99} ms${failNote(listSum)}  (target ≥ ${pgliteTarget} %)`,
            pass: ratio >= pgliteTarget && listSum.failed === 0,
            details: output,
          });
        }
      } catch (err) {
        const e = err as Error;
        lines.push({ id: 'P2', text: `${pgliteLabel}: error: ${e.message}`, pass: false, details: e instanceof BenchError ? e.output : e.stack });
      }
      return lines;
    } finally {
      for (const s of [...servers]) await stop(s);
      for (const d of dirs) removeTempDir(d);
    }
  },
};

// ---------------------------------------------------------------------------
// P7: cold start (empty data dir: migrations + demo data) and warm start (same data dir).

const P7: Figure = {
  id: 'P7',
  title: 'start',
  lines: ['P7 cold start (empty data dir)', 'P7 warm start (existing data dir)'],
  async run() {
    const warmRuns = Math.round(envNumber('BENCH_WARM_RUNS', 3));
    const coldTarget = 20_000;
    const warmTarget = 3_000;
    const dataDir = makeTempDir('p7');
    const notes: string[] = [];
    const lines: Line[] = [];
    try {
      log('P7: cold start on an empty data dir');
      const cold = await startApp('cold start', dataDir, 120_000);
      log(`P7: cold start ${fmtSec(cold.ms)}`);
      const coldOutput = cold.server.output();
      const coldNote = await stopChecked(cold.server);
      if (coldNote) notes.push(coldNote);
      lines.push({
        id: 'P7',
        text: `P7 cold start (empty data dir): ${fmtSec(cold.ms)}  (target ≤ 20 s)`,
        pass: cold.ms <= coldTarget,
        details: coldOutput,
      });

      const warm: number[] = [];
      let lastOutput = '';
      for (let i = 1; i <= warmRuns; i++) {
        const w = await startApp(`warm start ${i}`, dataDir, 60_000);
        warm.push(w.ms);
        lastOutput = w.server.output();
        log(`P7: warm start ${i}/${warmRuns} ${fmtSec(w.ms)}`);
        const note = await stopChecked(w.server);
        if (note) notes.push(note);
      }
      const warmMed = median(warm);
      lines.push({
        id: 'P7',
        text: `P7 warm start (existing data dir): ${fmtSec(warmMed)} median of ${warm.map((m) => (m / 1000).toFixed(2)).join(' / ')} s  (target ≤ 3 s)`,
        pass: warmMed <= warmTarget,
        details: lastOutput,
      });
      for (const n of notes) log(`P7: warning: ${n}`);
      return lines;
    } catch (err) {
      // keep a cold-start line that was already measured; the caller adds FAIL lines for the rest
      if (lines.length) throw Object.assign(err as Error, { partial: lines });
      throw err;
    } finally {
      removeTempDir(dataDir);
    }
  },
};

// ---------------------------------------------------------------------------
// P3: dashboard KPIs over 1,000,000 hazards and 5,000,000 step rows on PostgreSQL (bench/p3-dashboard.ts).

const P3: Figure = {
  id: 'P3',
  title: 'dashboard KPIs',
  lines: ['P3 dashboard KPIs over 1,000,000 hazards and 5,000,000 step rows'],
  async run() {
    return (await runP3(log)).map((l) => ({ id: 'P3', ...l }));
  },
};

// ---------------------------------------------------------------------------
// P4: a warning fanned out to 2,000 WebSocket clients over two app instances (bench/p4-fanout.ts).

const P4: Figure = {
  id: 'P4',
  title: 'warning fan-out',
  lines: ['P4 warning fanned out to 2,000 WebSocket clients over 2 instances'],
  async run() {
    return (await runP4(log)).map((l) => ({ id: 'P4', ...l }));
  },
};

// ---------------------------------------------------------------------------
// P5: MQTT sensor readings → threshold check → stored, one app instance on PostgreSQL (bench/p5-sensors.ts).

const P5: Figure = {
  id: 'P5',
  title: 'sensor readings over MQTT',
  lines: ['P5 MQTT → threshold check → stored', 'P5 against a raw multi-row INSERT', 'P5 reading → alert pushed'],
  async run() {
    return (await runP5(log)).map((l) => ({ id: 'P5', ...l }));
  },
};

// ---------------------------------------------------------------------------
// P6: 10,000 flow reminders due at once, two app instances on PostgreSQL (bench/p6-reminders.ts).

const P6: Figure = {
  id: 'P6',
  title: 'reminders due at once',
  lines: ['P6 10,000 reminders due at once'],
  async run() {
    return (await runP6(log)).map((l) => ({ id: 'P6', ...l }));
  },
};

// ---------------------------------------------------------------------------
// P8: JS for login + dashboard (gzip) and the dashboard fully drawn, headless Chromium (bench/p8-web.ts).

const P8: Figure = {
  id: 'P8',
  title: 'web: dashboard weight and drawing time',
  lines: ['P8 JS for login + dashboard', 'P8 dashboard fully drawn'],
  async run() {
    return (await runP8(log)).map((l) => ({ id: 'P8', ...l }));
  },
};

const FIGURES: Figure[] = [P1, P2, P3, P4, P5, P6, P7, P8];

// ---------------------------------------------------------------------------

function indent(text: string, max = 60): string {
  const rows = text.trimEnd().split('\n');
  const shown = rows.length > max ? ['…', ...rows.slice(-max)] : rows;
  return shown.map((r) => `      | ${r}`).join('\n');
}

function printLine(line: Line) {
  console.log(`${line.text}  ${line.pass ? 'PASS' : 'FAIL'}`);
  if (!line.pass && line.details?.trim()) console.log(indent(line.details));
}

async function main() {
  installCleanup();
  const wanted = process.argv.slice(2).map((a) => a.toUpperCase());
  const known = new Set(FIGURES.map((f) => f.id));
  const unknown = wanted.filter((w) => !known.has(w));
  if (unknown.length) {
    console.error(`bench: unknown figure ${unknown.join(', ')}; known: ${[...known].join(', ')}`);
    process.exit(2);
  }
  const selected = wanted.length ? FIGURES.filter((f) => wanted.includes(f.id)) : FIGURES;

  let passed = 0;
  let failed = 0;
  for (const figure of selected) {
    let lines: Line[];
    try {
      lines = await figure.run();
    } catch (err) {
      const e = err as Error & { partial?: Line[]; output?: string };
      const partial = e.partial ?? [];
      const output = e instanceof BenchError ? e.output : undefined;
      lines = [
        ...partial,
        ...figure.lines.slice(partial.length).map((label, i) => ({
          id: figure.id,
          text: i === 0 ? `${label}: error: ${e.message}` : `${label}: not measured (see the error above)`,
          pass: false,
          details: i === 0 ? (output ?? e.stack) : undefined,
        })),
      ];
    }
    for (const line of lines) {
      printLine(line);
      if (line.pass) passed++;
      else failed++;
    }
  }
  console.log(`bench: ${passed} passed, ${failed} failed`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error('bench: unexpected error:', err);
    process.exit(0);
  },
);

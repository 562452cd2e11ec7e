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
//   BENCH_P2_PGLITE_ROWS  hazards generated on PGlite (and again on PostgreSQL, to compare) for P2 (default 100000)
//   BENCH_KEEP_DATA=1     keep the generated P2/P3 databases and reuse them on the next run
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
import { spawnSync } from 'node:child_process';
import { connectOwner, generateHazards } from './generate-hazards.js';
import { runP2 } from './p2-hazard-list.js';
import { runP3 } from './p3-dashboard.js';
import { runP4 } from './p4-fanout.js';
import { runP5 } from './p5-sensors.js';
import { runP6 } from './p6-reminders.js';
import { runP8 } from './p8-web.js';
import {
  BenchError,
  HEALTH,
  HELLO_TS,
  MAIN_JS,
  ROOT,
  envNumber,
  fmtInt,
  fmtSec,
  freePort,
  httpGet,
  installCleanup,
  load,
  makeTempDir,
  median,
  removeTempDir,
  spawnServer,
  stopServer,
  waitFor200,
  type ChildServer,
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

/** Environment of the server: embedded PGlite in a fresh data dir, demo data, quiet logs. */
function appEnv(dataDir: string) {
  return {
    DATA_DIR: dataDir,
    DATABASE_URL: undefined, // always the embedded database, whatever the caller's shell has
    LOG_LEVEL: 'warn',
    ZHIAN_DEMO: '1',
  };
}

async function startApp(name: string, dataDir: string, timeoutMs: number): Promise<{ server: ChildServer; ms: number }> {
  const server = spawnServer({ name, script: MAIN_JS, port: await freePort(), env: appEnv(dataDir) });
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
      const app = spawnServer({ name: 'app', script: MAIN_JS, port: await freePort(), env: appEnv(dataDir) });
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
// P2: the hazard list and its search at 1,000,000 hazards on PostgreSQL against the same SQL through
// a pg pool, and on PGlite at 100,000 against PostgreSQL at 100,000 (bench/p2-hazard-list.ts).

const P2: Figure = {
  id: 'P2',
  title: 'hazard list',
  lines: ['P2 hazard list on PostgreSQL', 'P2 hazard search on PostgreSQL', 'P2 hazard list on PGlite', 'P2 hazard search on PGlite'],
  async run() {
    return (await runP2(log)).map((l) => ({ id: 'P2', ...l }));
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
    const warmTarget = 1_500;
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
        text: `P7 warm start (existing data dir): ${fmtSec(warmMed)} median of ${warm.map((m) => (m / 1000).toFixed(2)).join(' / ')} s  (target ≤ 1.5 s)`,
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
  lines: ['P8 JS for login + dashboard', "P8 JS for the worker's phone start page", 'P8 dashboard fully drawn'],
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
  // the app runs as `npm start` runs it: compiled (built here when missing or older than its sources)
  const built = spawnSync(process.execPath, ['scripts/build.mjs', 'server', '--if-stale'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('building the server failed');
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

// P4 (QUALITY.md): a warning fanned out to 2,000 WebSocket clients spread over 2 app instances.
// Figures: emit → receipt latency p50/p95 over every delivery, deliveries/s, and deliveries/s as a
// share of a raw `ws` loop sending the same-size message to the same number of sockets.
//
// Setup, all real:
// 1. a fresh PostgreSQL database; app instance A (`src/server/main.ts`) migrates it and loads the
//    demo company, then instance B starts on the same database;
// 2. the demo accounts log in (one session each); a child process (bench/p4-clients.ts) opens
//    1,000 WebSocket connections to each instance (`/api/v1/ws`, same-site Origin, the sessions
//    taken in turn: the route has no per-session limit) and as many to the raw `ws` server(s)
//    (bench/p4-raw-ws.ts, another child);
// 3. rounds, one at a time, alternating app and raw: a warning is raised — `POST /api/v1/warnings`
//    (manual, Actual) through A and B in turn, whose `warning.updated` event goes to everyone in
//    the tenant; if that endpoint does not answer 201 yet, the bench inserts an outbox event that
//    already reaches everyone (`risk_point.changed`) with `pg_notify`, as `Work.emit` does — then
//    the raw server(s) send one message of the same size to all their sockets;
// 4. emit = the earliest of: PostgreSQL's NOTIFY (sent at commit) reaching a LISTEN connection of
//    the bench, the same reaching one of the client process, and the emitting request (or INSERT)
//    returning — each happens at or after the commit, and a busy machine delays each of them now
//    and then, so the earliest is the closest; receipt = when the client process read the message.
//    All clocks are `performance.timeOrigin + performance.now()` on this machine. deliveries/s = deliveries ÷ the
//    sum over rounds of (last receipt − emit); the raw figure likewise from its loop's start.
//
// Environment: BENCH_PG_URL (as P6), BENCH_P4_CLIENTS (default 2000, split over the 2 instances),
// BENCH_P4_ROUNDS (measured rounds, default 20), BENCH_P4_WARMUP (unmeasured rounds first, default 3),
// BENCH_P4_RAW_SERVERS (processes of the raw baseline sharing its sockets, default 1),
// BENCH_P4_CLIENT_PROCS (client processes sharing every server's sockets, default 1),
// BENCH_P4_VERBOSE=1 (one line per measured warning on stderr).
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  BenchError,
  HOST,
  apiCall,
  createScratchDatabase,
  envNumber,
  fmtInt,
  freePort,
  loginCookie,
  makeTempDir,
  median,
  percentile,
  pgAdminUrl,
  removeTempDir,
  sleep,
  spawnServer,
  startPgInstance,
  stopServer,
  type ChildServer,
  type ScratchDatabase,
} from './lib.js';
import type { Receipts } from './p4-clients.js';

export interface P4Line {
  text: string;
  pass: boolean;
  details?: string;
}

const P95_TARGET_MS = 250;
const RATIO_TARGET = 50;
const ROUND_TIMEOUT_MS = 15_000;
const EVENTS_CHANNEL = 'zhian_events';
const CLIENTS_TS = path.join('bench', 'p4-clients.ts');
const RAW_TS = path.join('bench', 'p4-raw-ws.ts');
const DEMO_USERS = ['admin', 'safety', 'production', 'equipment', 'hr', 'logistics', 'worker', 'committee', 'clinic'];
const DEMO_PASSWORD = 'zhian123';

const clock = () => performance.timeOrigin + performance.now();

/** A child started with an IPC channel, answering `{ id, … }` requests. */
class Rpc {
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  readonly ready: Promise<void>;

  constructor(readonly server: ChildServer) {
    let onReady!: () => void;
    this.ready = new Promise<void>((resolve, reject) => {
      onReady = resolve;
      void server.exited.then((code) => reject(new BenchError(`${server.name} exited (${code}) before it was ready`, server.output())));
    });
    server.child.on('message', (m: any) => {
      if (m?.ready) return onReady();
      const w = this.waiting.get(m?.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (m.error) w.reject(new BenchError(`${server.name}: ${m.error}`, server.output()));
      else w.resolve(m);
    });
    void server.exited.then((code) => {
      for (const w of this.waiting.values()) w.reject(new BenchError(`${server.name} exited (${code})`, server.output()));
      this.waiting.clear();
    });
  }

  call<T = any>(req: Record<string, unknown>): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.server.child.send({ ...req, id });
    });
  }
}

async function startChild(name: string, script: string): Promise<Rpc> {
  const server = spawnServer({ name, script, port: await freePort(), ipc: true });
  const rpc = new Rpc(server);
  await rpc.ready;
  return rpc;
}

interface Stats {
  deliveries: number;
  missing: number;
  latencies: number[];
  spanMs: number;
  rounds: number;
}

function summarize(samples: { times: number[]; from: number }[], expected: number): Stats {
  const latencies: number[] = [];
  let spanMs = 0;
  let missing = 0;
  for (const s of samples) {
    let last = s.from;
    for (const t of s.times) {
      latencies.push(t - s.from);
      if (t > last) last = t;
    }
    spanMs += last - s.from;
    missing += Math.max(0, expected - s.times.length);
  }
  latencies.sort((x, y) => x - y);
  return { deliveries: latencies.length, missing, latencies, spanMs, rounds: samples.length };
}

const perSecond = (s: Stats) => (s.spanMs > 0 ? (s.deliveries / s.spanMs) * 1000 : NaN);
const ms = (v: number) => `${v.toFixed(1)} ms`;
const describe = (s: Stats) =>
  `${fmtInt(s.deliveries)} deliveries in ${s.rounds} rounds, latency min ${ms(s.latencies[0] ?? NaN)}, p50 ${ms(percentile(s.latencies, 50))}, p95 ${ms(percentile(s.latencies, 95))}, ` +
  `p99 ${ms(percentile(s.latencies, 99))}, max ${ms(s.latencies[s.latencies.length - 1] ?? NaN)}; ${fmtInt(perSecond(s))} deliveries/s` +
  (s.missing ? `; ${fmtInt(s.missing)} MISSING` : '');

/** The soft limit on open files this process (and so its children) has, or undefined if unknown. */
function openFileLimit(): number | undefined {
  try {
    const out = execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
    return out === 'unlimited' ? Infinity : Number(out) || undefined;
  } catch {
    return undefined;
  }
}

export async function runP4(log: (msg: string) => void): Promise<P4Line[]> {
  const clients = Math.round(envNumber('BENCH_P4_CLIENTS', 2000));
  const rounds = Math.round(envNumber('BENCH_P4_ROUNDS', 20));
  const warmup = Math.round(process.env.BENCH_P4_WARMUP === '0' ? 0 : envNumber('BENCH_P4_WARMUP', 3));
  const rawServers = Math.round(envNumber('BENCH_P4_RAW_SERVERS', 1));
  const clientProcs = Math.round(envNumber('BENCH_P4_CLIENT_PROCS', 1));
  const perInstance = [Math.ceil(clients / 2), Math.floor(clients / 2)];
  // each client process holds its share of the app's and the raw servers' sockets at once
  const needed = Math.ceil((2 * clients) / clientProcs) + 200;
  const limit = openFileLimit();
  if (limit !== undefined && limit < needed) {
    throw new BenchError(`P4 needs about ${needed} open files per client process; ulimit -n is ${limit} (raise it, or set BENCH_P4_CLIENT_PROCS)`);
  }
  const dirs = [makeTempDir('p4-a'), makeTempDir('p4-b')];
  const servers: ChildServer[] = [];
  const helpers: ChildServer[] = [];
  let database: ScratchDatabase | undefined;
  let listener: pg.Client | undefined;
  let owner: pg.Client | undefined;
  const clientRpcs: Rpc[] = [];

  try {
    database = await createScratchDatabase(pgAdminUrl());
    log(`P4: database ${database.name}; starting instance A (migrations + demo company)`);
    servers.push(await startPgInstance('instance A', database.url, dirs[0]));
    log('P4: starting instance B');
    servers.push(await startPgInstance('instance B', database.url, dirs[1]));
    const [a] = servers;

    // ---- the bench's own view of commits: NOTIFY arrival per event id --------------------------
    const notifiedAt = new Map<string, number>();
    listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    /** Both witnesses' stamps, for BENCH_P4_VERBOSE. */
    const stamps = new Map<string, { bench?: number; clients?: number }>();
    /** Keep the earliest stamp of each NOTIFY. */
    const noteNotify = (payload: string, at: number, by: 'bench' | 'clients') => {
      const had = notifiedAt.get(payload);
      if (had === undefined || at < had) notifiedAt.set(payload, at);
      const s = stamps.get(payload) ?? {};
      s[by] = at;
      stamps.set(payload, s);
    };
    listener.on('notification', (n) => {
      if (n.channel === EVENTS_CHANNEL && n.payload) noteNotify(n.payload, clock(), 'bench');
    });
    await listener.query(`LISTEN ${EVENTS_CHANNEL}`);
    owner = new pg.Client({ connectionString: database.url });
    await owner.connect();
    const [{ id: tenantId }] = (await owner.query<{ id: string }>(`SELECT id::text FROM tenants WHERE code = 'demo'`)).rows;

    // ---- sessions and sockets ------------------------------------------------------------------
    const cookies: string[] = [];
    for (const u of DEMO_USERS) cookies.push(await loginCookie(a, u, DEMO_PASSWORD));
    const safetyCookie = cookies[DEMO_USERS.indexOf('safety')];
    log(`P4: ${cookies.length} sessions (demo accounts); starting ${clientProcs} client process(es) and ${rawServers} raw ws server(s)`);
    for (let i = 0; i < clientProcs; i++) {
      const r = await startChild(`P4 clients ${i + 1}`, CLIENTS_TS);
      helpers.push(r.server);
      clientRpcs.push(r);
    }
    const raws: Rpc[] = [];
    for (let i = 0; i < rawServers; i++) {
      const r = await startChild(`raw ws server ${i + 1}`, RAW_TS);
      helpers.push(r.server);
      raws.push(r);
    }
    /** `count` split into `parts` nearly equal shares. */
    const share = (count: number, parts: number, i: number) => Math.floor(count / parts) + (i < count % parts ? 1 : 0);
    /** Sockets each client process holds to the app instances / to the raw servers. */
    const appShare = clientRpcs.map(() => 0);
    const rawShare = clientRpcs.map(() => 0);
    const connectAll = async (label: string, url: string, origin: string, count: number, sessions: string[] | null, shares: number[]) => {
      const t0 = performance.now();
      const groups = sessions ?? [null];
      let connected = 0;
      const errors: string[] = [];
      await Promise.all(
        clientRpcs.map(async (c, p) => {
          const mine = share(count, clientRpcs.length, p);
          shares[p] += mine;
          for (let i = 0; i < groups.length; i++) {
            const n = share(mine, groups.length, i);
            if (!n) continue;
            const headers: Record<string, string> = { origin, ...(groups[i] ? { cookie: groups[i]! } : {}) };
            const res = await c.call<{ connected: number; failed: number; errors: string[] }>({ cmd: 'connect', url, headers, count: n, concurrency: 25, hello: true });
            connected += res.connected;
            errors.push(...res.errors);
          }
        }),
      );
      if (connected !== count) throw new BenchError(`${label}: ${connected} of ${count} sockets connected (${errors.join('; ')})`, servers.map((s) => `--- ${s.name}\n${s.output()}`).join('\n'));
      log(`P4: ${fmtInt(connected)} sockets to ${label} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    };
    for (let i = 0; i < 2; i++) {
      const s = servers[i];
      const host = new URL(s.url('/')).host;
      await connectAll(s.name, `ws://${host}/api/v1/ws`, `http://${host}`, perInstance[i], cookies, appShare);
    }
    for (let i = 0; i < raws.length; i++) {
      await connectAll(raws[i].server.name, `ws://${HOST}:${raws[i].server.port}/`, `http://${HOST}`, share(clients, raws.length, i), null, rawShare);
    }
    /** Wait until each client process has `shares[p]` receipts of a message (or the time is up); total count. */
    const waitAll = async (type: string, subjectId: string | undefined, shares: number[]) => {
      const got = await Promise.all(
        clientRpcs.map((c, p) => c.call<{ count: number }>({ cmd: 'wait', type, subjectId, n: shares[p], timeoutMs: ROUND_TIMEOUT_MS })),
      );
      return got.reduce((x, g) => x + g.count, 0);
    };
    /** Every client process's receipts so far, merged by message. */
    const takeAll = async (): Promise<Receipts[]> => {
      const merged = new Map<string, Receipts>();
      const taken = await Promise.all(clientRpcs.map((c) => c.call<{ events: Receipts[]; notified: [string, number][] }>({ cmd: 'take' })));
      for (const { events, notified } of taken) {
        for (const [payload, at] of notified) noteNotify(payload, at, 'clients');
        for (const e of events) {
          const m = merged.get(e.key);
          if (!m) merged.set(e.key, e);
          else {
            for (const t of e.times) m.times.push(t);
            if (e.sentAt !== null && (m.sentAt === null || e.sentAt < m.sentAt)) m.sentAt = e.sentAt;
          }
        }
      }
      return [...merged.values()];
    };
    await clientRpcs[0].call({ cmd: 'listen', url: database.url, channel: EVENTS_CHANNEL });
    await sleep(500); // the last hellos through; every hub has registered its sockets
    await takeAll();

    // ---- how warnings are emitted -----------------------------------------------------------------
    let n = 0;
    const warningBody = () => ({
      sourceKind: 'manual',
      eventType: 'rainstorm',
      color: 'yellow',
      title: `P4 暴雨黄色预警 ${++n}`,
      description: 'P4 基准测试：人工发布的预警，推送给全体在线用户',
    });
    const probe = await apiCall(a, 'POST', '/api/v1/warnings', safetyCookie, warningBody());
    const viaApi = probe.status === 201 && typeof probe.body?.id === 'string';
    const fanoutType = viaApi ? 'warning.updated' : 'risk_point.changed';
    const how = viaApi ? 'POST /api/v1/warnings' : 'an outbox row + pg_notify (POST /api/v1/warnings not available yet)';
    if (viaApi) log(`P4: emitting through POST /api/v1/warnings (manual warnings, instances A and B in turn); fan-out event ${fanoutType}`);
    else {
      log(`P4: POST /api/v1/warnings answered ${probe.status} ${JSON.stringify(probe.body).slice(0, 200)}`);
      log(`P4: emitting by inserting ${fanoutType} outbox rows + pg_notify (as Work.emit does); that type already reaches everyone`);
    }
    const requestMs: number[] = [];
    /** Emit one warning; its subject (warning id) and when the emitting request/commit returned. */
    const emit = async (round: number): Promise<{ subjectId: string; returnedAt: number }> => {
      if (viaApi) {
        const server = servers[round % 2];
        const t0 = clock();
        const res = round === 0 ? probe : await apiCall(server, 'POST', '/api/v1/warnings', safetyCookie, warningBody());
        const t1 = clock();
        if (round !== 0) requestMs.push(t1 - t0);
        if (res.status !== 201) throw new BenchError(`POST /api/v1/warnings answered ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`, server.output());
        return { subjectId: res.body.id, returnedAt: t1 };
      }
      const subjectId = randomUUID();
      const t0 = clock();
      await owner!.query(
        `WITH e AS (INSERT INTO events (tenant_id, type, subject_type, subject_id, payload) VALUES ($1, $2, 'risk_point', $3, '{"code":"P4"}') RETURNING id)
         SELECT pg_notify('${EVENTS_CHANNEL}', id::text) FROM e`,
        [tenantId, fanoutType, subjectId],
      );
      const t1 = clock();
      requestMs.push(t1 - t0);
      return { subjectId, returnedAt: t1 };
    };

    // ---- rounds ----------------------------------------------------------------------------------
    /** Size of the fan-out message, for the raw baseline to send the same. */
    let bytes = 0;
    let rawBytes = 0;
    const measuredSubjects = new Set<string>();
    const returned = new Map<string, number>();
    /** Receipts by message (a late part of one is added to what an earlier take found). */
    const appByKey = new Map<string, Receipts>();
    const rawByKey = new Map<string, Receipts>();
    const keep = (into: Map<string, Receipts>, e: Receipts) => {
      const had = into.get(e.key);
      if (had) for (const t of e.times) had.times.push(t);
      else into.set(e.key, e);
    };
    /** Other pushes during measured rounds (e.g. the notifications a warning causes): type → [events, messages]. */
    const others = new Map<string, [number, number]>();
    const total = warmup + rounds;
    log(`P4: ${warmup} warm-up + ${rounds} measured rounds, each a warning to ${fmtInt(clients)} sockets then a raw broadcast to ${fmtInt(clients)}`);
    for (let round = 0; round < total; round++) {
      const measured = round >= warmup;
      // app
      const { subjectId, returnedAt } = await emit(round);
      returned.set(subjectId, returnedAt);
      if (measured) measuredSubjects.add(subjectId);
      const got = await waitAll(fanoutType, subjectId, appShare);
      if (got < clients) log(`P4: round ${round + 1}: only ${got} of ${clients} sockets heard warning ${subjectId} within ${ROUND_TIMEOUT_MS / 1000} s`);
      await sleep(100);
      const collect = (events: Receipts[]) => {
        for (const e of events) {
          if (e.type === 'raw') {
            rawBytes ||= e.bytes;
            if (Number(e.key.slice(4)) >= warmup) keep(rawByKey, e);
          } else if (e.type === fanoutType) {
            bytes ||= e.bytes;
            keep(appByKey, e);
          } else if (measured) {
            const o = others.get(e.type) ?? [0, 0];
            others.set(e.type, [o[0] + 1, o[1] + e.times.length]);
          }
        }
      };
      collect(await takeAll());
      // raw
      await Promise.all(raws.map((r) => r.call<{ sent: number }>({ cmd: 'broadcast', n: round, bytes: bytes || 170 })));
      const rawGot = await waitAll('raw', undefined, rawShare);
      if (rawGot < clients) log(`P4: round ${round + 1}: only ${rawGot} of ${clients} raw sockets got broadcast ${round}`);
      await sleep(100);
      collect(await takeAll());
      for (const s of servers) if (s.hasExited()) throw new BenchError(`${s.name} died during the run`, s.output());
      if ((round + 1) % 5 === 0 || round + 1 === total) log(`P4: ${round + 1}/${total} rounds`);
    }
    await sleep(500); // anything late (e.g. a second warning.updated from a linkage job)
    for (const e of await takeAll()) if (e.type === fanoutType) keep(appByKey, e);
    const appRecords = [...appByKey.values()];
    const rawRecords = [...rawByKey.values()];

    // ---- figures -----------------------------------------------------------------------------------
    const appSamples: { times: number[]; from: number }[] = [];
    let noNotify = 0;
    // The emitting request (or INSERT) returned after its commit too: for the event it committed
    // (the first of its warning) that is a third witness, and on a busy machine sometimes the earliest.
    const firstOf = new Map<string, bigint>();
    for (const r of appRecords) {
      if (!r.subjectId) continue;
      const id = BigInt(r.key);
      const had = firstOf.get(r.subjectId);
      if (had === undefined || id < had) firstOf.set(r.subjectId, id);
    }
    for (const r of appRecords) {
      if (!r.subjectId || !measuredSubjects.has(r.subjectId)) continue;
      const notified = notifiedAt.get(r.key);
      if (notified === undefined) noNotify++;
      const committedBy = firstOf.get(r.subjectId) === BigInt(r.key) ? returned.get(r.subjectId)! : Infinity;
      const from = Math.min(notified ?? Infinity, committedBy);
      if (from === Infinity) continue; // a later event of a warning whose NOTIFY nobody saw: not timed
      appSamples.push({ times: r.times, from });
      if (process.env.BENCH_P4_VERBOSE) {
        const st = stamps.get(r.key) ?? {};
        const sorted = [...r.times].sort((x, y) => x - y);
        log(
          `P4: event ${r.key}: NOTIFY at bench ${ms((st.bench ?? NaN) - from)}, at clients ${ms((st.clients ?? NaN) - from)}, request returned ${ms(returned.get(r.subjectId)! - from)}; ` +
            `receipts first ${ms(sorted[0] - from)}, median ${ms(percentile(sorted, 50) - from)}, last ${ms(sorted[sorted.length - 1] - from)} (${sorted.length})`,
        );
      }
    }
    const notifyLag = appRecords
      .filter((r) => r.subjectId && measuredSubjects.has(r.subjectId) && notifiedAt.has(r.key))
      .map((r) => notifiedAt.get(r.key)! - returned.get(r.subjectId!)!);
    const app = summarize(appSamples, clients);
    const heard = new Set(appRecords.map((r) => r.subjectId));
    app.missing += [...measuredSubjects].filter((id) => !heard.has(id)).length * clients; // warnings nobody heard of
    const raw = summarize(rawRecords.map((r) => ({ times: r.times, from: r.sentAt! })), clients);
    const appRate = perSecond(app);
    const rawRate = perSecond(raw);
    const ratio = (appRate / rawRate) * 100;
    const p50 = percentile(app.latencies, 50);
    const p95 = percentile(app.latencies, 95);
    log(
      `P4: message ${bytes} bytes (raw ${rawBytes}); emitting ${viaApi ? 'request' : 'INSERT + NOTIFY'}: round trip median ${ms(median(requestMs))}, ` +
        `its NOTIFY arrived a median ${ms(-median(notifyLag))} before it returned` +
        (noNotify ? `; ${noNotify} events without a NOTIFY seen, timed from the response` : ''),
    );
    log(`P4: app (${fanoutType}, 2 instances): ${describe(app)}`);
    if (others.size) {
      const list = [...others].map(([type, [events, messages]]) => `${type} ${fmtInt(events)} events / ${fmtInt(messages)} messages`).join(', ');
      log(`P4: also pushed to the same sockets during the measured rounds: ${list}`);
    }
    log(`P4: raw ws (${rawServers} server process${rawServers > 1 ? 'es' : ''}): ${describe(raw)}`);
    log(`P4: ${clientProcs} client process${clientProcs > 1 ? 'es' : ''}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`);
    const output = servers.map((s) => `--- ${s.name}\n${s.output()}`).join('\n');
    return [
      {
        text:
          `P4 warning fanned out to ${fmtInt(clients)} WebSocket clients over 2 instances (emitted via ${how}): ` +
          `emit → receipt p50 ${ms(p50)}, p95 ${ms(p95)}; ${fmtInt(appRate)} deliveries/s = ${ratio.toFixed(1)} % of a raw ws loop (${fmtInt(rawRate)}/s)` +
          `${app.missing ? `; ${fmtInt(app.missing)} deliveries missing` : ''}  (target p95 ≤ ${P95_TARGET_MS} ms; ≥ ${RATIO_TARGET} %)`,
        pass: p95 <= P95_TARGET_MS && ratio >= RATIO_TARGET && app.missing === 0 && app.deliveries > 0,
        details: output,
      },
    ];
  } finally {
    await Promise.race([Promise.all(clientRpcs.filter((c) => !c.server.hasExited()).map((c) => c.call({ cmd: 'close' }).catch(() => {}))), sleep(5000)]);
    await listener?.end().catch(() => {});
    await owner?.end().catch(() => {});
    for (const h of helpers) await stopServer(h, 5000);
    for (const s of servers) {
      const { code, killed } = await stopServer(s);
      if (killed) log(`P4: warning: ${s.name} ignored SIGTERM for 15 s and was killed`);
      else if (code !== 0) log(`P4: warning: ${s.name} exited with ${code} after SIGTERM`);
    }
    await database?.drop().catch((err) => log(`P4: warning: could not drop ${database!.name}: ${(err as Error).message}`));
    for (const d of dirs) removeTempDir(d);
  }
}

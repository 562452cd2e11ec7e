// P5 (QUALITY.md): MQTT sensor readings → threshold check → stored, on PostgreSQL.
// Figures:
//  - phase 1, offered faster than the target: sustained readings/s from the first publish until
//    every reading is stored (≥ 10,000/s), and
//    that rate against a raw multi-row INSERT of the same rows into the same table in the same run
//    (≥ 50 %);
//  - phase 2, reading → browser alert, p95 ≤ 1 s: under a stream at the target rate (10,000/s),
//    one reading every 0.5 s crosses a threshold; the time from its publish until a logged-in WebSocket client receives the
//    `warning.updated` push of the new warning. (A WebSocket client stands in for the browser: it
//    is what the browser's socket receives before it refetches.)
//
// Setup, all real: a fresh database; one app instance (`src/server/main.ts`, workers on, MQTT_URL
// set, a topic root and share group of its own) migrates it and loads the demo company; sensors are
// created through the HTTP API; the bench publishes to the broker like gateways do.
//
// Environment: BENCH_PG_URL (see lib.ts), BENCH_MQTT_URL (default mqtt://127.0.0.1:1883),
// BENCH_P5_READINGS (default 400000), BENCH_P5_RATE (readings/s offered, default 40000),
// BENCH_P5_SENSORS (default 200), BENCH_P5_PER_MESSAGE (readings per MQTT message, default 10: a gateway's batch of one sensor),
// BENCH_P5_ALERTS (threshold crossings measured, default 20), BENCH_P5_ALERT_RATE (readings/s of the
// stream under them, default 10000).
import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';
import pg from 'pg';
import WebSocket from 'ws';
import {
  BenchError,
  apiCall,
  createScratchDatabase,
  envNumber,
  fmtInt,
  fmtSec,
  loginCookie,
  makeTempDir,
  percentile,
  pgAdminUrl,
  removeTempDir,
  sleep,
  startPgInstance,
  stopServer,
  type ChildServer,
  type ScratchDatabase,
} from './lib.js';

export interface P5Line {
  text: string;
  pass: boolean;
  details?: string;
}

const RATE_TARGET = 10_000;
const RAW_SHARE_TARGET = 0.5;
const ALERT_P95_TARGET_MS = 1000;
const TENANT = 'demo';

export async function runP5(log: (msg: string) => void): Promise<P5Line[]> {
  const total = Math.round(envNumber('BENCH_P5_READINGS', 400_000));
  const offered = envNumber('BENCH_P5_RATE', 40_000);
  const sensorCount = Math.round(envNumber('BENCH_P5_SENSORS', 200));
  const perMessage = Math.round(envNumber('BENCH_P5_PER_MESSAGE', 10));
  const alerts = Math.round(envNumber('BENCH_P5_ALERTS', 20));
  const mqttUrl = process.env.BENCH_MQTT_URL || 'mqtt://127.0.0.1:1883';
  const run = randomBytes(4).toString('hex');
  const root = `zhian-bench-${run}`;
  const dir = makeTempDir('p5');
  let server: ChildServer | undefined;
  let database: ScratchDatabase | undefined;
  let owner: pg.Client | undefined;
  let pub: mqtt.MqttClient | undefined;
  let ws: WebSocket | undefined;
  try {
    database = await createScratchDatabase(pgAdminUrl());
    log(`P5: database ${database.name}; starting the app (migrations + demo company), MQTT ${mqttUrl} under ${root}/`);
    server = await startPgInstance('app', database.url, dir, {
      env: { MQTT_URL: mqttUrl, MQTT_TOPIC_ROOT: root, MQTT_SHARE_GROUP: `bench-${run}`, ...(process.env.BENCH_P5_LOG_LEVEL ? { LOG_LEVEL: process.env.BENCH_P5_LOG_LEVEL } : {}) },
    });
    owner = new pg.Client({ connectionString: database.url });
    await owner.connect();
    const cookie = await loginCookie(server, 'admin', 'zhian123');

    // ---- sensors through the API: the stream's (limit never reached) and the alert ones -------
    const create = async (code: string, limit: number) => {
      const r = await apiCall(server!, 'POST', '/api/v1/sensors', cookie, {
        code,
        name: `P5 ${code}`,
        parameter: 'temperature',
        unit: '°C',
        thresholds: [{ direction: 'above', limit, clearAt: limit - 10, holdSeconds: 0, color: 'orange' }],
      });
      if (r.status !== 201) throw new BenchError(`creating sensor ${code} failed: ${r.status} ${JSON.stringify(r.body)}`, server!.output());
      return r.body.id as string;
    };
    const streamIds: string[] = [];
    for (let i = 0; i < sensorCount; i++) streamIds.push(await create(`P5-${i}`, 1000));
    const alertCodes = Array.from({ length: alerts }, (_, i) => `P5-ALERT-${i}`);
    const alertIds: string[] = [];
    for (const c of alertCodes) alertIds.push(await create(c, 100));
    log(`P5: ${sensorCount} stream sensors and ${alerts} alert sensors created`);

    // ---- the browser stand-in: a logged-in WebSocket client ------------------------------------
    const origin = `http://${new URL(server.url('/')).host}`;
    ws = new WebSocket(server.url('/api/v1/ws').replace(/^http/, 'ws'), { headers: { cookie, origin } });
    const pushes: { at: number; subjectId: string }[] = [];
    ws.on('message', (data) => {
      const m = JSON.parse(String(data));
      if (m.type === 'event' && m.event?.type === 'warning.updated') pushes.push({ at: performance.now(), subjectId: m.event.subjectId });
    });
    await new Promise<void>((resolve, reject) => {
      ws!.once('open', () => resolve());
      ws!.once('error', reject);
    });

    pub = await mqtt.connectAsync(mqttUrl, { clean: true });
    const topic = (code: string) => `${root}/${TENANT}/sensors/${code}`;
    // Reading i belongs to message floor(i / perMessage); messages go round the sensors; each sensor's
    // readings are one second apart from a day ago: unique (sensor, at), in order per sensor.
    const t0 = Date.now() - 86_400_000;
    const rowsFor = (i: number) => {
      const m = Math.floor(i / perMessage);
      const step = Math.floor(m / sensorCount) * perMessage + (i % perMessage);
      return { sensor: m % sensorCount, at: t0 + step * 1000, value: 20 + ((i * 7919) % 600) / 10 };
    };

    // Publish readings [from, from + count) paced at `rate`; with alerts, one threshold crossing
    // (QoS 1, on its own sensor) every 500 ms until all are sent.
    const alertSent: number[] = [];
    const stream = async (from: number, count: number, rate: number, withAlerts: boolean) => {
      const started = performance.now();
      let sent = 0;
      let nextAlert = started + 500;
      while (sent < count || (withAlerts && alertSent.length < alerts)) {
        const due = Math.min(count, Math.floor(((performance.now() - started) / 1000) * rate));
        while (sent < due) {
          const n = Math.min(perMessage, count - sent);
          const readings = [];
          for (let k = 0; k < n; k++) {
            const r = rowsFor(from + sent + k);
            readings.push({ value: r.value, at: new Date(r.at).toISOString() });
          }
          const payload = perMessage === 1 ? JSON.stringify(readings[0]) : JSON.stringify({ readings });
          pub!.publish(topic(`P5-${rowsFor(from + sent).sensor}`), payload, { qos: 0 });
          sent += n;
        }
        if (withAlerts && alertSent.length < alerts && performance.now() >= nextAlert) {
          alertSent.push(performance.now());
          pub!.publish(topic(alertCodes[alertSent.length - 1]), JSON.stringify({ value: 150 }), { qos: 1 });
          nextAlert += 500;
        }
        await sleep(10);
      }
      return performance.now() - started;
    };

    // ---- phase 1: throughput, offered faster than the target ------------------------------------
    log(`P5: publishing ${fmtInt(total)} readings at up to ${fmtInt(offered)}/s (${perMessage} per message) over ${sensorCount} sensors`);
    const started = performance.now();
    const publishMs = await stream(0, total, offered, false);
    log(`P5: published in ${fmtSec(publishMs)} (${fmtInt(total / (publishMs / 1000))}/s offered)`);

    // ---- until every reading is stored ---------------------------------------------------------
    let stored = 0;
    let lastChange = performance.now();
    for (;;) {
      // the count sees what was committed when the query began: that instant, not its answer's, is
      // when those rows were known to be stored (the count itself takes a while on a busy machine)
      const asked = performance.now();
      const [{ n }] = (await owner.query<{ n: string }>('SELECT count(*)::text AS n FROM sensor_readings WHERE sensor_id = ANY($1::uuid[])', [streamIds])).rows;
      if (Number(n) !== stored) {
        stored = Number(n);
        lastChange = asked;
      }
      if (stored >= total) break;
      if (performance.now() - lastChange > 10_000) break; // nothing new for 10 s: some were lost
      if (server.hasExited()) throw new BenchError('the app died during the run', server.output());
      await sleep(100);
    }
    const elapsedMs = lastChange - started;
    const rate = stored / (elapsedMs / 1000);
    log(`P5: ${fmtInt(stored)} of ${fmtInt(total)} readings stored ${fmtSec(elapsedMs)} after the first publish = ${fmtInt(rate)} readings/s`);

    // ---- phase 2: reading → alert while a stream at the target rate runs ------------------------
    const alertRate = envNumber('BENCH_P5_ALERT_RATE', RATE_TARGET);
    const background = Math.round(alertRate * (alerts * 0.5 + 1));
    log(`P5: ${alerts} threshold crossings, one every 0.5 s, under a stream of ${fmtInt(alertRate)} readings/s`);
    await stream(total, background, alertRate, true);
    await sleep(2000); // the last alerts' pushes
    // Each warning's first push, matched to its crossing by the warning's sensor (other warnings of
    // the demo company may be pushed meanwhile; a warning is pushed again as its responses change).
    const firstPush = new Map<string, number>();
    for (const p of pushes) if (!firstPush.has(p.subjectId)) firstPush.set(p.subjectId, p.at);
    const latencies: number[] = [];
    for (const [warningId, at] of firstPush) {
      const w = await apiCall(server, 'GET', `/api/v1/warnings/${warningId}`, cookie);
      const i = alertIds.indexOf(w.body?.sensorId);
      if (i >= 0 && alertSent[i] !== undefined) latencies.push(at - alertSent[i]);
    }
    latencies.sort((a, b) => a - b);
    const firstPushes = latencies;
    const p50 = percentile(latencies, 50);
    const p95 = percentile(latencies, 95);
    log(`P5: ${firstPushes.length} of ${alerts} alerts pushed; reading → WebSocket push p50 ${fmtSec(p50)}, p95 ${fmtSec(p95)}, max ${fmtSec(latencies[latencies.length - 1] ?? NaN)}`);
    const [{ n: warnings }] = (await owner.query<{ n: string }>(`SELECT count(*)::text AS n FROM warnings WHERE source_kind = 'sensor'`)).rows;

    // ---- the raw baseline: the same rows, multi-row INSERTs of the app's batch size -------------
    const batch = 5000;
    const rawIds = streamIds.map(() => crypto.randomUUID()); // same table, other sensor ids: no key clashes
    const [{ tenant }] = (await owner.query<{ tenant: string }>(`SELECT id AS tenant FROM tenants WHERE code = $1`, [TENANT])).rows;
    const rawStart = performance.now();
    for (let i = 0; i < total; i += batch) {
      const n = Math.min(batch, total - i);
      const params: unknown[] = [tenant];
      const values: string[] = [];
      for (let k = 0; k < n; k++) {
        const r = rowsFor(i + k);
        params.push(rawIds[r.sensor], new Date(r.at).toISOString(), r.value);
        const b = params.length;
        values.push(`($1, $${b - 2}, $${b - 1}, $${b})`);
      }
      await owner.query(`INSERT INTO sensor_readings (tenant_id, sensor_id, at, value) VALUES ${values.join(',')}`, params);
    }
    const rawMs = performance.now() - rawStart;
    const rawRate = total / (rawMs / 1000);
    log(`P5: raw multi-row INSERT (owner, ${fmtInt(batch)} rows per statement) of the same ${fmtInt(total)} rows: ${fmtSec(rawMs)} = ${fmtInt(rawRate)} rows/s`);

    const mqttLine = `(${perMessage} reading${perMessage > 1 ? 's' : ''} per MQTT message, ${sensorCount} sensors, 1 app instance)`;
    const lost = total - stored;
    return [
      {
        text: `P5 MQTT → threshold check → stored: ${fmtInt(rate)} readings/s sustained, ${lost ? `${fmtInt(lost)} lost` : 'none lost'} ${mqttLine}  (target ≥ 10,000/s)`,
        pass: rate >= RATE_TARGET && lost === 0,
        details: server.output(),
      },
      {
        text: `P5 against a raw multi-row INSERT of the same rows: ${fmtInt(rate)} / ${fmtInt(rawRate)} rows/s = ${(100 * (rate / rawRate)).toFixed(0)} %  (target ≥ 50 %)`,
        pass: rate / rawRate >= RAW_SHARE_TARGET,
      },
      {
        text:
          `P5 reading → alert pushed to a logged-in WebSocket client (stand-in for the browser), under a ${fmtInt(alertRate)}/s stream: ` +
          `p50 ${fmtSec(p50)}, p95 ${fmtSec(p95)}; ${firstPushes.length}/${alerts} pushed, ${warnings} sensor warnings  (target p95 ≤ 1 s)`,
        pass: p95 <= ALERT_P95_TARGET_MS && firstPushes.length === alerts && Number(warnings) === alerts,
      },
    ];
  } finally {
    ws?.close();
    await pub?.endAsync().catch(() => {});
    await owner?.end().catch(() => {});
    if (server) {
      const { code, killed } = await stopServer(server);
      if (killed) log('P5: warning: the app ignored SIGTERM for 15 s and was killed');
      else if (code !== 0) log(`P5: warning: the app exited with ${code} after SIGTERM`);
    }
    await database?.drop().catch((err) => log(`P5: warning: could not drop ${database!.name}: ${(err as Error).message}`));
    removeTempDir(dir);
  }
}

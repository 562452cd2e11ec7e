import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../helpers/app.js';
import { ownMqttTopics } from '../helpers/mqtt.js';
import { connect } from '../helpers/socket.js';
import { sensorRuntime } from '../../src/server/modules/sensors/index.js';
import { DEMO_TENANT } from '../../src/server/seed/demo-data.js';

const { url: MQTT_URL, run: RUN, root: ROOT, configure: useOwnTopics } = ownMqttTopics();

let t: TestApp;
let admin: Client;
/** The readings gateway: an API token scoped to sensors.ingest. */
let gateway: { post: Client['post'] };
let pub: MqttClient;
let port: number;
let equipmentId: string;

beforeAll(async () => {
  useOwnTopics();
  t = await startTestApp({ workers: true });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as { port: number }).port;
  admin = await t.login('admin');
  const token = await admin.post('/api/v1/api-tokens', { name: `gateway ${RUN}`, permissions: ['sensors.ingest'] });
  gateway = { post: (url: string, body: unknown) => t.anonymous().post(url, body, { authorization: `Bearer ${token.body.token}` }) };
  pub = await mqtt.connectAsync(MQTT_URL);
  const eq = await t.database.owner.query<{ id: string }>(`SELECT id::text FROM equipment WHERE tenant_id = $1 AND code = 'CMP-002'`, [t.tenantId]);
  equipmentId = eq[0].id;
});
afterAll(async () => {
  await pub?.endAsync();
  await t?.stop();
});

const base = () => t.clock.now().getTime() - 3600_000; // an hour ago: every reading carries its own time
const iso = (ms: number) => new Date(ms).toISOString();

async function createSensor(code: string, threshold = { direction: 'above', limit: 80, clearAt: 75, holdSeconds: 10, color: 'orange' }) {
  const res = await admin.post('/api/v1/sensors', {
    code,
    name: `测试电机温度 ${code}`,
    equipmentId,
    parameter: 'temperature',
    unit: '°C',
    thresholds: [threshold],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function publish(sensor: string, body: unknown) {
  await pub.publishAsync(`${ROOT}/${DEMO_TENANT.code}/sensors/${sensor}`, typeof body === 'string' ? body : JSON.stringify(body), { qos: 1 });
}

/** Poll until the condition holds (MQTT delivery and the writer's flush are asynchronous). */
async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('sensors over MQTT', () => {
  it('a value held beyond the limit raises exactly one warning; hovering at the limit does not flap; it clears below the clear line', async () => {
    const code = `T-${RUN}-1`;
    const s = await createSensor(code);
    const ws = await connect(port, admin.cookie);
    const t0 = base();
    const warningsBefore = (await admin.get('/api/v1/warnings?sourceKind=sensor&pageSize=100')).body.total as number;
    // in separate messages, one reading each, the way a gateway publishes
    const seq = [70, 85, 86, 84, 88, 81, 79, 81, 79.5, 80.5, 78, 81, 76, 82];
    for (const [i, v] of seq.entries()) await publish(code, { value: v, at: iso(t0 + i * 5000) });
    const breached = await until(() => admin.get(`/api/v1/sensors/${s.id}`), (r) => r.body.lastValue === 82);
    expect(breached.body).toMatchObject({ state: 'breached', lastValue: 82 });
    expect(breached.body.thresholds[0]).toMatchObject({ state: 'breached', since: iso(t0 + 5000) });

    const list = await admin.get('/api/v1/warnings?sourceKind=sensor&pageSize=100');
    expect(list.body.total).toBe(warningsBefore + 1);
    const w = list.body.items.find((x: { headline: string }) => x.headline.includes('超限'));
    expect(w).toMatchObject({ color: 'orange', eventType: 'equipment', sourceKind: 'sensor' });
    expect(w.headline).toContain('(限值 80)');
    const detail = await admin.get(`/api/v1/warnings/${w.id}`);
    expect(detail.body).toMatchObject({ sensorId: s.id, equipmentId });
    // the browser heard of it: the breach of the sensor and the warning
    await ws.next((m) => m.type === 'event' && m.event.type === 'sensor.breach' && m.event.subjectId === s.id);
    await ws.next((m) => m.type === 'event' && m.event.type === 'warning.updated' && m.event.subjectId === w.id);

    // back below the clear line: normal again, still one warning
    await publish(code, { readings: [{ value: 74, at: iso(t0 + 100_000) }, { value: 71, at: iso(t0 + 105_000) }] });
    const cleared = await until(() => admin.get(`/api/v1/sensors/${s.id}`), (r) => r.body.state === 'normal');
    expect(cleared.body.state).toBe('normal');
    expect((await admin.get('/api/v1/warnings?sourceKind=sensor&pageSize=100')).body.total).toBe(warningsBefore + 1);
    // state changes only: one breach event, not one per reading
    await new Promise((r) => setTimeout(r, 300));
    expect(ws.messages.filter((m) => m.type === 'event' && m.event.type === 'sensor.breach' && m.event.subjectId === s.id)).toHaveLength(1);
    ws.ws.close();
  });

  it('a spike shorter than the hold time raises nothing; late readings do not move the state back', async () => {
    const code = `T-${RUN}-2`;
    const s = await createSensor(code);
    const before = (await admin.get('/api/v1/warnings?sourceKind=sensor&pageSize=100')).body.total as number;
    const t0 = base();
    for (const [i, v] of [70, 95, 99, 72].entries()) await publish(code, { value: v, at: iso(t0 + i * 3000) }); // 6 s beyond, hold 10 s
    // a late reading from before the spike ended: stored, ignored by the thresholds
    await publish(code, { value: 99, at: iso(t0 + 4000) });
    const r = await until(() => admin.get(`/api/v1/sensors/${s.id}/readings?from=${iso(t0 - 1000)}&to=${iso(t0 + 60_000)}&buckets=60`), (x) => x.body.buckets?.reduce((n: number, b: { n: number }) => n + b.n, 0) === 5);
    expect(r.body.buckets.reduce((n: number, b: { n: number }) => n + b.n, 0)).toBe(5);
    const now = await admin.get(`/api/v1/sensors/${s.id}`);
    expect(now.body).toMatchObject({ state: 'normal', lastValue: 72 });
    expect((await admin.get('/api/v1/warnings?sourceKind=sensor&pageSize=100')).body.total).toBe(before);
  });

  it('bad topics and payloads are counted, never fatal', async () => {
    const code = `T-${RUN}-3`;
    const s = await createSensor(code);
    const stats = sensorRuntime(t.platform)!.mqtt!.stats;
    const bad = stats.badPayload;
    await publish(code, 'not json');
    await publish(code, { value: 'hot' });
    await publish(code, { value: 1, at: iso(t.clock.now().getTime() + 3600_000) }); // a clock an hour ahead
    await pub.publishAsync(`${ROOT}/no-such-tenant-${RUN}/sensors/${code}`, JSON.stringify({ value: 1 }), { qos: 1 });
    await publish(code, { value: 42.5 });
    const r = await until(() => admin.get(`/api/v1/sensors/${s.id}`), (x) => x.body.lastValue === 42.5);
    expect(r.body.lastValue).toBe(42.5);
    expect(stats.badPayload - bad).toBe(3);
    expect(stats.unknownTenant).toBeGreaterThanOrEqual(1);
  });
});

describe('sensors over HTTP', () => {
  it('validates with paths (422), stores readings (202) and serves them downsampled', async () => {
    const code = `T-${RUN}-4`;
    const s = await createSensor(code);
    const bad = await gateway.post('/api/v1/sensors/readings', { readings: [{ sensor: code, value: 'x' }, { sensor: code, value: 1, at: 'yesterday' }] });
    expect(bad.status).toBe(422);
    const paths = bad.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.readings.0.value', 'body.readings.1.at']));
    const unknown = await gateway.post('/api/v1/sensors/readings', { readings: [{ sensor: code, value: 1 }, { sensor: `nope-${RUN}`, value: 2 }] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details).toEqual([{ path: 'body.readings.1.sensor', message: expect.stringContaining('no sensor') }]);
    const tooMany = await gateway.post('/api/v1/sensors/readings', { readings: Array.from({ length: 5001 }, () => ({ sensor: code, value: 1 })) });
    expect(tooMany.status).toBe(422);

    // an hour of readings, one a second: 3,600 rows in one request
    const t0 = Math.floor(base() / 3600_000) * 3600_000 - 3600_000;
    const readings = Array.from({ length: 3600 }, (_, i) => ({ sensor: code, value: 50 + (i % 60) / 2, at: iso(t0 + i * 1000) }));
    const ok = await gateway.post('/api/v1/sensors/readings', { readings });
    expect(ok.status).toBe(202);
    expect(ok.body).toEqual({ accepted: 3600 });
    const n = await t.database.owner.query<{ n: string }>('SELECT count(*) AS n FROM sensor_readings WHERE sensor_id = $1', [s.id]);
    expect(Number(n[0].n)).toBe(3600);

    const series = await admin.get(`/api/v1/sensors/${s.id}/readings?from=${iso(t0)}&to=${iso(t0 + 3600_000)}&buckets=12`);
    expect(series.status).toBe(200);
    expect(series.body.bucketSeconds).toBe(300);
    expect(series.body.buckets).toHaveLength(12);
    expect(series.body.buckets[0]).toEqual({ t: iso(t0), min: 50, max: 79.5, avg: 64.75, n: 300 });
    expect((await admin.get(`/api/v1/sensors/${s.id}`)).body).toMatchObject({ state: 'normal', lastValue: 79.5 });
  });

  it('takes readings only from an API token holding sensors.ingest, not from a session', async () => {
    const res = await t.anonymous().post('/api/v1/sensors/readings', { readings: [{ sensor: 'x', value: 1 }] });
    expect(res.status).toBe(401);
    expect((await admin.post('/api/v1/sensors/readings', { readings: [{ sensor: 'x', value: 1 }] })).status).toBe(403);
    const token = await admin.post('/api/v1/api-tokens', { name: `gateway 2 ${RUN}`, permissions: ['sensors.ingest'] });
    expect(token.status, JSON.stringify(token.body)).toBe(201);
    const code = `T-${RUN}-5`;
    const s = await createSensor(code);
    const viaToken = await t.anonymous().post('/api/v1/sensors/readings', { readings: [{ sensor: code, value: 12.5 }] }, { authorization: `Bearer ${token.body.token}` });
    expect(viaToken.status, JSON.stringify(viaToken.body)).toBe(202);
    expect((await admin.get(`/api/v1/sensors/${s.id}`)).body.lastValue).toBe(12.5);
  });
});

describe('sensor administration', () => {
  it('lists sensors with state and thresholds (demo data too), edits thresholds with a version check', async () => {
    const list = await admin.get('/api/v1/sensors');
    expect(list.status).toBe(200);
    const dust = list.body.items.find((x: { code: string }) => x.code === 'DUST-SPR-01');
    expect(dust).toMatchObject({ unit: 'mg/m³', state: 'normal', parameter: 'dust_mg_m3' });
    expect(dust.thresholds.map((x: { limit: number }) => x.limit)).toEqual([8, 10]);
    expect(dust.lastValue).toEqual(expect.any(Number));
    // the demo week has one excursion above 12 mg/m³
    const week = await admin.get(`/api/v1/sensors/${dust.id}/readings?from=${iso(t.clock.now().getTime() - 7 * 86400_000)}&buckets=168`);
    expect(Math.max(...week.body.buckets.map((b: { max: number }) => b.max))).toBeGreaterThan(12);

    const worker = await t.login('worker');
    expect((await worker.get(`/api/v1/sensors/${dust.id}`)).status).toBe(200);
    expect((await worker.request('PUT', `/api/v1/sensors/${dust.id}/thresholds`, { version: dust.version, thresholds: [] })).status).toBe(403);

    const bad = await admin.request('PUT', `/api/v1/sensors/${dust.id}/thresholds`, {
      version: dust.version,
      thresholds: [{ direction: 'above', limit: 8, clearAt: 9, holdSeconds: 0, color: 'yellow' }],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toEqual([{ path: 'body.thresholds.0.clearAt', message: expect.any(String) }]);
    const keep = dust.thresholds[1];
    const ok = await admin.request('PUT', `/api/v1/sensors/${dust.id}/thresholds`, {
      version: dust.version,
      thresholds: [{ id: keep.id, direction: 'above', limit: 9.5, clearAt: 8, holdSeconds: 30, color: 'orange' }],
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.thresholds).toEqual([expect.objectContaining({ id: keep.id, limit: 9.5, holdSeconds: 30 })]);
    const stale = await admin.request('PUT', `/api/v1/sensors/${dust.id}/thresholds`, { version: dust.version, thresholds: [] });
    expect(stale.status).toBe(409);
    const dup = await admin.post('/api/v1/sensors', { code: 'DUST-SPR-01', name: 'x', parameter: 'dust_mg_m3' });
    expect(dup.status).toBe(422);
    expect(dup.body.error.details[0].path).toBe('body.code');
  });
});

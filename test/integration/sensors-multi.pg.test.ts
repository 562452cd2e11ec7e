import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { ownMqttTopics } from '../helpers/mqtt.js';
import { openDatabase } from '../../src/server/platform/db/database.js';
import { sensorRuntime } from '../../src/server/modules/sensors/index.js';
import { DEMO_TENANT } from '../../src/server/seed/demo-data.js';

// Two instances on one PostgreSQL database in one MQTT shared-subscription group: the broker
// splits the readings between them; the sensor row lock keeps the threshold state consistent, so
// each excursion still raises exactly one warning. (PostgreSQL only: PGlite is one process's.)
const { url: MQTT_URL, run: RUN, root: ROOT, configure: useOwnTopics } = ownMqttTopics();

let a: TestApp;
let b: TestApp;
let pub: MqttClient;
beforeAll(async () => {
  useOwnTopics();
  a = await startTestApp();
  b = await startTestApp({ seed: false, database: await openDatabase({ databaseUrl: a.url! }), url: a.url });
  pub = await mqtt.connectAsync(MQTT_URL);
});
afterAll(async () => {
  await pub?.endAsync();
  await b?.stop();
  await a?.stop();
});

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('sensors on two instances', () => {
  it('split readings, one warning per excursion', async () => {
    const admin = await a.login('admin');
    const code = `M-${RUN}`;
    const created = await admin.post('/api/v1/sensors', {
      code,
      name: '双实例测试',
      parameter: 'vibration_mm_s',
      unit: 'mm/s',
      thresholds: [{ direction: 'above', limit: 7.1, clearAt: 6, holdSeconds: 0, color: 'yellow' }],
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const t0 = a.clock.now().getTime() - 3600_000;
    let i = 0;
    const phase = async (value: number, expected: 'normal' | 'breached') => {
      // one message per reading: the broker hands them to either instance
      for (let k = 0; k < 6; k++, i++) {
        await pub.publishAsync(`${ROOT}/${DEMO_TENANT.code}/sensors/${code}`, JSON.stringify({ value: value + k / 100, at: new Date(t0 + i * 1000).toISOString() }), { qos: 1 });
      }
      const r = await until(() => admin.get(`/api/v1/sensors/${id}`), (x) => x.body.state === expected && x.body.lastAt === new Date(t0 + (i - 1) * 1000).toISOString());
      expect(r.body.state).toBe(expected);
    };
    for (let cycle = 0; cycle < 4; cycle++) {
      await phase(3, 'normal');
      await phase(9, 'breached');
    }
    await phase(3, 'normal');

    const warnings = await a.database.owner.query<{ n: string }>('SELECT count(*)::text AS n FROM warnings WHERE sensor_id = $1', [id]);
    expect(Number(warnings[0].n)).toBe(4);
    // the other instance may still hold a few of the last readings for up to one flush interval
    const count = () => a.database.owner.query<{ n: string }>('SELECT count(*)::text AS n FROM sensor_readings WHERE sensor_id = $1', [id]).then((r) => Number(r[0].n));
    expect(await until(count, (n) => n === 54)).toBe(54);
    // both instances took part
    expect(sensorRuntime(a.platform)!.writer.stats.received).toBeGreaterThan(0);
    expect(sensorRuntime(b.platform)!.writer.stats.received).toBeGreaterThan(0);
    expect(sensorRuntime(a.platform)!.writer.stats.received + sensorRuntime(b.platform)!.writer.stats.received).toBe(54);
  });
});

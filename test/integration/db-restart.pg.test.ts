import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { openDatabase } from '../../src/server/platform/db/database.js';

// R2: the database goes away under write load and comes back. The server between the test and
// PostgreSQL reaches it through a TCP proxy of this test's own, which the test cuts and restores
// (the machine's shared PostgreSQL is never stopped).
let seeded: TestApp;
let app: TestApp;
let proxy: TcpProxy;
beforeAll(async () => {
  seeded = await startTestApp();
  const target = new URL(seeded.url!);
  proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  const viaProxy = new URL(seeded.url!);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  app = await startTestApp({ seed: false, workers: true, database: await openDatabase({ databaseUrl: viaProxy.toString(), poolSize: 5 }), url: viaProxy.toString() });
});
afterAll(async () => {
  await app?.stop();
  await proxy?.close();
  await seeded?.stop();
});

const waitFor = async <T>(what: string, ms: number, probe: () => Promise<T | undefined>): Promise<T> => {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('the database restarts under write load', () => {
  it('answers 503 with the error model while it is away, keeps every acknowledged write and serves again within 10 s', async () => {
    const ids = await seeded.ids();
    const worker = await app.login('worker');
    const heard: string[] = [];
    await app.database.listen('zhian_restart_probe', (payload) => heard.push(payload));

    const acknowledged: string[] = [];
    const statuses = new Map<number, number>();
    const bodies: any[] = [];
    let load = true;
    let n = 0;
    const writer = async () => {
      while (load) {
        const res = await worker.post('/api/v1/hazards', { title: `断库写入 ${n++}`, departmentId: ids.departments.production });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 201) acknowledged.push(res.body.id);
        else bodies.push(res.body);
      }
    };
    const writers = [writer(), writer(), writer()];
    try {
    await waitFor('first writes', 10_000, async () => (acknowledged.length >= 10 ? true : undefined));

    proxy.cut(); // every connection drops mid-transaction, new ones are refused
    await new Promise((r) => setTimeout(r, 1500));
    const away = await worker.get('/api/v1/hazards');
    expect(away.status).toBe(503);
    expect(away.body.error.code).toBe('DATABASE_UNAVAILABLE');
    expect(Array.isArray(away.body.error.details)).toBe(true);
    expect(statuses.get(500) ?? 0).toBe(0);

    proxy.restore();
    const back = Date.now();
    await waitFor('serving again', 10_000, async () => ((await worker.get('/api/v1/hazards')).status === 200 ? true : undefined));
    expect(Date.now() - back).toBeLessThan(10_000);
    const afterBack = acknowledged.length;
    await waitFor('writes again', 10_000, async () => (acknowledged.length > afterBack + 5 ? true : undefined));
    } finally {
      load = false;
      await Promise.all(writers);
    }

    // every non-201 answer during the outage was the 503 of the error model
    for (const b of bodies) expect(b?.error?.code).toBe('DATABASE_UNAVAILABLE');
    expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
    // nothing acknowledged was lost
    const stored = await seeded.database.owner.query<{ id: string }>('SELECT id::text FROM hazards WHERE id = ANY($1::uuid[])', [acknowledged]);
    expect(stored.length).toBe(acknowledged.length);

    // the LISTEN connection came back by itself
    await waitFor('LISTEN again', 10_000, async () => {
      await seeded.database.owner.query(`SELECT pg_notify('zhian_restart_probe', 'back')`);
      await new Promise((r) => setTimeout(r, 200));
      return heard.includes('back') ? true : undefined;
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, ORIGIN, pngBytes, startTestApp, type Client, type TestApp } from '../helpers/app.js';

// A file is readable only by those who may read a record it is attached to, or by its uploader
// until it is attached; everyone else gets the same 404 as for a file that does not exist.
let t: TestApp;
let ids: Awaited<ReturnType<TestApp['ids']>>;
let worker: Client, production: Client, logistics: Client, safety: Client;
beforeAll(async () => {
  t = await startTestApp();
  ids = await t.ids();
  [worker, production, logistics, safety] = await Promise.all(['worker', 'production', 'logistics', 'safety'].map((u) => t.login(u)));
});
afterAll(() => t?.stop());

async function upload(c: Client) {
  const { payload, headers } = multipart('现场.png', await pngBytes(80 + Math.floor(Math.random() * 100), 60));
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/files', payload, headers: { ...headers, cookie: c.cookie!, origin: ORIGIN, host: 'localhost:3000' } });
  expect(res.statusCode).toBe(201);
  return JSON.parse(res.body) as { id: string; url: string; thumbUrl: string };
}

describe('who may read an uploaded file', () => {
  it('only its uploader until it is attached', async () => {
    const f = await upload(worker);
    expect((await worker.get(f.url)).status).toBe(200);
    for (const other of [production, logistics, safety]) {
      const res = await other.get(f.url);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
      expect((await other.get(f.thumbUrl)).status).toBe(404);
    }
  });

  it("a hazard's photo: those who may read the hazard, nobody else (thumbnail too)", async () => {
    const f = await upload(worker);
    const created = await worker.post('/api/v1/hazards', { title: '配电柜门未关', departmentId: ids.departments.production, photos: [f.id] });
    expect(created.status).toBe(201);
    for (const c of [worker, production, safety]) {
      expect((await c.get(f.url)).status).toBe(200);
      expect((await c.get(f.thumbUrl)).status).toBe(200);
    }
    // 后勤部 may not see 生产部's hazard, so not its photo either
    expect((await logistics.get(`/api/v1/hazards/${created.body.id}`)).status).toBe(404);
    expect((await logistics.get(f.url)).status).toBe(404);
    expect((await logistics.get(f.thumbUrl)).status).toBe(404);
  });

  it('the site plan: every user of the tenant (it is the risk map)', async () => {
    const plan = await logistics.get('/api/v1/site-plan');
    expect(plan.status).toBe(200);
    const url = plan.body.sitePlan?.url ?? plan.body.sitePlan?.file?.url;
    expect(url).toBeTruthy();
    expect((await logistics.get(url)).status).toBe(200);
    expect((await worker.get(url)).status).toBe(200);
  });
});

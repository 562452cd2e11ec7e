// The dashboard is never refreshed by its readers: a job brings the rollups up to date moments
// after a write and says so over the WebSocket; that is what the browser (and this test) waits for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OverviewView } from '../../src/server/modules/analytics/views.js';
import { connect } from '../helpers/socket.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let port: number;
beforeAll(async () => {
  t = await startTestApp({ workers: true });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as { port: number }).port;
});
afterAll(() => t?.stop());

const reported = (o: OverviewView) => o.hazardsByMonth.reduce((n, m) => n + m.general + m.major + m.unassessed, 0);

describe('the dashboard after a write', () => {
  it('catches up within 5 s and is told so; the worker who cannot see analytics is not', async () => {
    const ids = await t.ids();
    const safety = await t.login('safety');
    const worker = await t.login('worker');
    const before = (await safety.get<OverviewView>('/api/v1/analytics/overview')).body;
    const s = await connect(port, safety.cookie);
    const w = await connect(port, worker.cookie);
    await s.next((m) => m.type === 'hello');
    await w.next((m) => m.type === 'hello');
    const t0 = Date.now();
    const created = await worker.post('/api/v1/hazards', { title: '配电箱门未关闭', departmentId: ids.departments.production });
    expect(created.status).toBe(201);
    await s.next((m) => m.type === 'event' && m.event.type === 'analytics.refreshed', 5000);
    expect(Date.now() - t0).toBeLessThanOrEqual(5000);
    const after = (await safety.get<OverviewView>('/api/v1/analytics/overview')).body;
    expect(reported(after)).toBe(reported(before) + 1);
    expect(w.messages.some((m) => m.type === 'event' && m.event.type === 'analytics.refreshed')).toBe(false);
    s.ws.close();
    w.ws.close();
  });

  it('reading never refreshes: with the workers stopped, a write stays unseen until the job runs', async () => {
    const ids = await t.ids();
    const safety = await t.login('safety');
    const worker = await t.login('worker');
    await t.platform.jobs.stop();
    try {
      const before = (await safety.get<OverviewView>('/api/v1/analytics/overview')).body;
      expect((await worker.post('/api/v1/hazards', { title: '消防栓被遮挡', departmentId: ids.departments.production })).status).toBe(201);
      expect(reported((await safety.get<OverviewView>('/api/v1/analytics/overview')).body)).toBe(reported(before));
      await t.drain();
      expect(reported((await safety.get<OverviewView>('/api/v1/analytics/overview')).body)).toBe(reported(before) + 1);
    } finally {
      t.platform.jobs.start(200);
    }
  });
});

import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import { connect } from '../helpers/socket.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { userActor } from '../../src/server/platform/access.js';
import { RealtimeHub } from '../../src/server/platform/realtime/hub.js';

let a: TestApp;
let port: number;
beforeAll(async () => {
  a = await startTestApp({ workers: true });
  await a.app.listen({ port: 0, host: '127.0.0.1' });
  port = (a.app.server.address() as { port: number }).port;
});
afterAll(() => a?.stop());

describe('real time', () => {
  it('the safety officer hears of a new hazard and of the notification it causes; the worker in another department does not', async () => {
    const ids = await a.ids();
    const safety = await a.login('safety');
    const hr = await a.login('hr');
    const worker = await a.login('worker');
    const s = await connect(port, safety.cookie);
    const h = await connect(port, hr.cookie);
    await s.next((m) => m.type === 'hello');
    const created = await worker.post('/api/v1/hazards', { title: '实时推送测试', departmentId: ids.departments.production });
    const evt = await s.next((m) => m.type === 'event' && m.event.type === 'hazard.created');
    expect(evt.event).toMatchObject({ subjectType: 'hazard', subjectId: created.body.id });
    // ids only: the browser refetches what it may see
    expect(JSON.stringify(evt)).not.toContain('实时推送测试');
    await s.next((m) => m.type === 'event' && m.event.type === 'notification.created');
    await new Promise((r) => setTimeout(r, 300));
    // (only the tenant-wide "figures have caught up" signal of the dashboards, which names no record)
    expect(h.messages.filter((m) => m.type === 'event' && m.event.type !== 'analytics.refreshed')).toEqual([]);
    s.ws.close();
    h.ws.close();
  });

  it('a process that starts listening replays nothing older, and each later event reaches it once (NOTIFY and the poll do not double it)', async () => {
    const ids = await a.ids();
    const worker = await a.login('worker');
    const old = await worker.post('/api/v1/hazards', { title: '启动前的隐患', departmentId: ids.departments.production });
    // a second process's hub on the same database (e.g. an instance restarted after that event)
    const hub = new RealtimeHub(a.platform.database, a.platform.bus, a.app.log);
    await hub.start();
    const socket = Object.assign(new EventEmitter(), { readyState: 1, bufferedAmount: 0, sent: [] as string[], send(d: unknown) { this.sent.push(String(d)); }, close() {}, terminate() {}, ping() {} });
    const heard = () => socket.sent.map((m) => JSON.parse(m)).filter((m) => m.type === 'event' && m.event.type === 'hazard.created');
    try {
      hub.add(socket as unknown as WebSocket, userActor({
        tenantId: a.tenantId, userId: ids.users.safety, username: 'safety', displayName: '安全员', departmentId: ids.departments.safety, roles: ['safety_officer'], locale: 'zh-CN',
      }));
      await (hub as any).catchUp();
      expect(heard()).toEqual([]);
      const fresh = await worker.post('/api/v1/hazards', { title: '启动后的隐患', departmentId: ids.departments.production });
      await vi.waitFor(() => expect(heard()).toHaveLength(1), { timeout: 5000 }); // by NOTIFY
      await (hub as any).catchUp(); // the poll finds it too, and sends nothing again
      expect(heard().map((m) => m.event.subjectId)).toEqual([fresh.body.id]);
      expect(heard().map((m) => m.event.subjectId)).not.toContain(old.body.id);
    } finally {
      await hub.stop();
    }
  });

  it('refuses sockets from a foreign Origin or without a session', async () => {
    const safety = await a.login('safety');
    await expect(connect(port, safety.cookie, 'https://evil.example')).rejects.toThrow(/403/);
    await expect(connect(port, null)).rejects.toThrow(/401/);
  });
});

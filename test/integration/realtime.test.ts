import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../helpers/socket.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

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
    expect(h.messages.filter((m) => m.type === 'event')).toEqual([]);
    s.ws.close();
    h.ws.close();
  });

  it('refuses sockets from a foreign Origin or without a session', async () => {
    const safety = await a.login('safety');
    await expect(connect(port, safety.cookie, 'https://evil.example')).rejects.toThrow(/403/);
    await expect(connect(port, null)).rejects.toThrow(/401/);
  });
});

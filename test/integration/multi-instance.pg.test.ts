import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { connect } from '../helpers/socket.js';
import { openDatabase } from '../../src/server/platform/db/database.js';

// Two server processes' worth of platform on one PostgreSQL database (PostgreSQL project only:
// an embedded PGlite database belongs to one process).
let a: TestApp;
let b: TestApp;
beforeAll(async () => {
  a = await startTestApp({ workers: true });
  b = await startTestApp({ seed: false, workers: true, database: await openDatabase({ databaseUrl: a.url! }), url: a.url });
  await b.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await b?.stop();
  await a?.stop();
});

describe('two instances on one PostgreSQL', () => {
  it('a hazard reported through instance A reaches a user connected to instance B; handlers run once', async () => {
    const portB = (b.app.server.address() as { port: number }).port;
    const safetyOnB = await b.login('safety');
    const s = await connect(portB, safetyOnB.cookie);
    await s.next((m) => m.type === 'hello');
    const ids = await a.ids();
    const worker = await a.login('worker');
    const created = await worker.post('/api/v1/hazards', { title: '跨实例推送', departmentId: ids.departments.production });
    const evt = await s.next((m) => m.type === 'event' && m.event.type === 'hazard.created' && m.event.subjectId === created.body.id);
    expect(evt.event.subjectId).toBe(created.body.id);
    await s.next((m) => m.type === 'event' && m.event.type === 'notification.created');
    await new Promise((r) => setTimeout(r, 500));
    const per = await a.database.owner.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM notifications WHERE subject_id = $1 AND kind = 'hazard.reported' GROUP BY user_id",
      [created.body.id],
    );
    expect(per.length).toBeGreaterThan(0);
    expect(per.every((r) => r.n === '1')).toBe(true);
    s.ws.close();
  });
});

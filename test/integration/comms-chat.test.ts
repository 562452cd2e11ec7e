import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { multipart, ORIGIN, onPostgres, pngBytes, startTestApp, type Client, type TestApp } from '../helpers/app.js';
import { connect } from '../helpers/socket.js';
import { openDatabase } from '../../src/server/platform/db/database.js';

// Chat (C6) across two instances on one database: a second app with its own hub and listener
// (on PostgreSQL its own connection pool; an embedded PGlite belongs to one process, so the two
// apps share it there).
let a: TestApp;
let b: TestApp;
let portB: number;
let ids: Awaited<ReturnType<TestApp['ids']>>;
let safety: Client;
let worker: Client;
let production: Client;
let hr: Client;
beforeAll(async () => {
  a = await startTestApp({ workers: true });
  const database = onPostgres() ? await openDatabase({ databaseUrl: a.url! }) : a.database;
  b = await startTestApp({ seed: false, workers: true, database, url: a.url });
  await b.app.listen({ port: 0, host: '127.0.0.1' });
  portB = (b.app.server.address() as { port: number }).port;
  ids = await a.ids();
  [safety, worker, production, hr] = await Promise.all(['safety', 'worker', 'production', 'hr'].map((u) => a.login(u)));
}, 120_000);
afterAll(async () => {
  if (onPostgres()) await b?.stop();
  else {
    await b?.app.close();
    if (b) rmSync(b.dataDir, { recursive: true, force: true });
  }
  await a?.stop();
});

async function upload(c: Client): Promise<string> {
  const { payload, headers } = multipart('现场照片.png', await pngBytes(), 'image/png');
  const res = await a.app.inject({ method: 'POST', url: '/api/v1/files', payload, headers: { ...headers, cookie: c.cookie!, origin: ORIGIN, host: 'localhost:3000' } });
  expect(res.statusCode, res.body).toBe(201);
  return JSON.parse(res.body).id;
}

async function hazardRoom() {
  const h = await worker.post('/api/v1/hazards', { title: '冲压车间护栏松动', description: '2 号冲床防护栏螺栓脱落', departmentId: ids.departments.production, areaId: ids.areas.A05 });
  expect(h.status).toBe(201);
  const room = await safety.post(`/api/v1/comms/records/hazard/${h.body.id}/room`);
  expect(room.status, JSON.stringify(room.body)).toBe(200);
  return { hazard: h.body, roomId: room.body.id as string };
}

describe('chat', () => {
  it('a department channel is for its members: 生产部 talks, 人事部 gets 404 for reading and writing', async () => {
    const list = await worker.get('/api/v1/comms/conversations');
    expect(list.status).toBe(200);
    const channel = list.body.items.find((c: any) => c.kind === 'department');
    expect(channel).toMatchObject({ title: '生产部频道', departmentId: ids.departments.production });
    const sent = await production.post(`/api/v1/comms/conversations/${channel.id}/messages`, { body: '今天下午三点各班组长到会议室开安全例会' });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toMatchObject({ body: '今天下午三点各班组长到会议室开安全例会', author: { displayName: '张伟' }, mine: true });
    expect((await hr.get(`/api/v1/comms/conversations/${channel.id}`)).status).toBe(404);
    expect((await hr.get(`/api/v1/comms/conversations/${channel.id}/messages`)).status).toBe(404);
    expect((await hr.post(`/api/v1/comms/conversations/${channel.id}/messages`, { body: '我也想看看' })).status).toBe(404);
    expect((await hr.post(`/api/v1/comms/departments/${ids.departments.production}/channel`)).status).toBe(404);
    const hrSearch = await hr.get(`/api/v1/comms/search?q=${encodeURIComponent('安全例会')}`);
    expect(hrSearch.body.items).toEqual([]);
    const workerSearch = await worker.get(`/api/v1/comms/search?q=${encodeURIComponent('安全例会')}`);
    expect(workerSearch.body.items.map((m: any) => m.id)).toContain(sent.body.id);
  });

  it('a hazard room opens with its participants; mentions invite and notify; a photo, a reply and a record card', async () => {
    const { hazard, roomId } = await hazardRoom();
    const room = await worker.get(`/api/v1/comms/conversations/${roomId}`);
    expect(room.status).toBe(200);
    expect(room.body.members.map((m: any) => m.id)).toEqual(expect.arrayContaining([ids.users.worker, ids.users.production]));
    expect(room.body.subject).toMatchObject({ type: 'hazard', id: hazard.id, visible: true, code: hazard.code });
    // 人事部 has nothing to do with this hazard; 设备部 not yet
    expect((await hr.get(`/api/v1/comms/conversations/${roomId}`)).status).toBe(404);
    const equipment = await a.login('equipment');
    expect((await equipment.get(`/api/v1/comms/conversations/${roomId}`)).status).toBe(404);

    const photo = await upload(worker);
    const first = await worker.post(`/api/v1/comms/conversations/${roomId}/messages`, { body: '护栏螺栓已经脱落两颗，照片见附件', files: [photo] });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.files[0]).toMatchObject({ id: photo, mime: 'image/png', url: `/api/v1/files/${photo}` });

    const reply = await safety.post(`/api/v1/comms/conversations/${roomId}/messages`, {
      body: `@孙小明 先停用 2 号冲床；@设备部 请今天内更换螺栓。参考 /hazards/${hazard.id}`,
      replyTo: first.body.id,
      mentions: { userIds: [ids.users.worker], departmentIds: [ids.departments.equipment] },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.replyTo).toMatchObject({ id: first.body.id, author: { displayName: '孙小明' } });
    expect(reply.body.mentions.departments).toEqual([{ id: ids.departments.equipment, name: '设备部' }]);
    expect(reply.body.links).toEqual([expect.objectContaining({ type: 'hazard', id: hazard.id, visible: true, title: '冲压车间护栏松动', path: `/hazards/${hazard.id}` })]);

    // the mentioned person and department are notified; 设备部 joined the room
    const notes = await a.database.owner.query<{ user_id: string }>(`SELECT user_id::text FROM notifications WHERE kind = 'comms.mention' AND subject_id = $1`, [roomId]);
    expect(notes.map((n) => n.user_id)).toEqual(expect.arrayContaining([ids.users.worker, ids.users.equipment]));
    expect((await equipment.get(`/api/v1/comms/conversations/${roomId}`)).status).toBe(200);
    // 人事部 still cannot, and a link card to a record it may not see says nothing of it
    expect((await hr.get(`/api/v1/comms/conversations/${roomId}/messages`)).status).toBe(404);

    // the room's history belongs to the record
    const history = await production.get(`/api/v1/comms/records/hazard/${hazard.id}/history`);
    expect(history.body.items.map((m: any) => m.id)).toEqual([first.body.id, reply.body.id]);
    expect((await hr.get(`/api/v1/comms/records/hazard/${hazard.id}/history`)).status).toBe(404);
  });

  it('unread counts and read state travel live to the other instance', async () => {
    const { roomId } = await hazardRoom();
    const workerOnB = await b.login('worker');
    const socket = await connect(portB, workerOnB.cookie);
    await socket.next((m) => m.type === 'hello');
    const before = (await workerOnB.get('/api/v1/comms/conversations')).body.items.find((c: any) => c.id === roomId);
    expect(before.unread).toBe(0);
    const msg = await safety.post(`/api/v1/comms/conversations/${roomId}/messages`, { body: '请现场拍照确认防护栏状态' });
    expect(msg.status).toBe(201);
    const evt = await socket.next((m) => m.type === 'event' && m.event.type === 'comms.message' && m.event.subjectId === roomId);
    expect(JSON.stringify(evt)).not.toContain('防护栏'); // ids only
    const listed = await workerOnB.get('/api/v1/comms/conversations');
    const mine = listed.body.items.find((c: any) => c.id === roomId);
    expect(mine).toMatchObject({ unread: 1, lastMessage: { body: '请现场拍照确认防护栏状态', author: '李建国' } });
    expect(listed.body.unread).toBeGreaterThanOrEqual(1);

    // read through instance A; the worker's socket on B hears it and the count is 0
    const workerOnA = await a.login('worker');
    expect((await workerOnA.post(`/api/v1/comms/conversations/${roomId}/read`, { seq: msg.body.seq })).status).toBe(200);
    await socket.next((m) => m.type === 'event' && m.event.type === 'comms.read' && m.event.subjectId === roomId);
    expect((await workerOnB.get('/api/v1/comms/conversations')).body.items.find((c: any) => c.id === roomId).unread).toBe(0);

    // someone outside never hears of the room
    const hrSocket = await connect(portB, (await b.login('hr')).cookie);
    await hrSocket.next((m) => m.type === 'hello');
    await safety.post(`/api/v1/comms/conversations/${roomId}/messages`, { body: '再提醒一次' });
    await socket.next((m) => m.type === 'event' && m.event.type === 'comms.message' && m.messages === undefined && m.event.subjectId === roomId && m.event.id !== evt.event.id);
    await new Promise((r) => setTimeout(r, 300));
    expect(hrSocket.messages.filter((m) => m.type === 'event' && String(m.event.type).startsWith('comms.'))).toEqual([]);
    socket.ws.close();
    hrSocket.ws.close();
  });

  it('an edit or withdrawal keeps the original for the audit; only the author changes; stale versions conflict', async () => {
    const { roomId } = await hazardRoom();
    const m = await worker.post(`/api/v1/comms/conversations/${roomId}/messages`, { body: '螺栓已更换完毕' });
    expect((await production.patch(`/api/v1/comms/messages/${m.body.id}`, { body: '改一下', version: 1 })).status).toBe(403);
    const edited = await worker.patch(`/api/v1/comms/messages/${m.body.id}`, { body: '螺栓已更换 4 颗，待设备部复检', version: 1 });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ body: '螺栓已更换 4 颗，待设备部复检', edited: true, version: 2 });
    expect((await worker.patch(`/api/v1/comms/messages/${m.body.id}`, { body: '旧版本', version: 1 })).status).toBe(409);
    const gone = await worker.post(`/api/v1/comms/messages/${m.body.id}/withdraw`, { version: 2 });
    expect(gone.body).toMatchObject({ withdrawn: true, body: null });
    const page = await production.get(`/api/v1/comms/conversations/${roomId}/messages`);
    expect(page.body.items.find((x: any) => x.id === m.body.id)).toMatchObject({ withdrawn: true, body: null });
    const hist = await worker.get(`/api/v1/comms/messages/${m.body.id}/history`);
    expect(hist.body.items.map((r: any) => [r.action, r.body])).toEqual([['edit', '螺栓已更换完毕'], ['withdraw', '螺栓已更换 4 颗，待设备部复检']]);
    expect((await production.get(`/api/v1/comms/messages/${m.body.id}/history`)).status).toBe(403);
    expect((await safety.get(`/api/v1/comms/messages/${m.body.id}/history`)).status).toBe(200); // audit.view
    const audit = await a.database.owner.query<{ action: string; before: any }>(`SELECT action, before FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [m.body.id]);
    expect(audit.map((x) => x.action)).toEqual(['comms.message.post', 'comms.message.edit', 'comms.message.withdraw']);
    expect(audit[1].before).toMatchObject({ body: '螺栓已更换完毕' });
  });

  it('history loads by page; bad input is a 422 with field paths', async () => {
    const direct = await worker.post('/api/v1/comms/direct', { userId: ids.users.production });
    expect(direct.status).toBe(200);
    for (let i = 1; i <= 35; i++) await worker.post(`/api/v1/comms/conversations/${direct.body.id}/messages`, { body: `第 ${i} 条` });
    const p1 = await production.get(`/api/v1/comms/conversations/${direct.body.id}/messages?limit=30`);
    expect(p1.body.items).toHaveLength(30);
    expect(p1.body.hasMore).toBe(true);
    expect(p1.body.items.at(-1).body).toBe('第 35 条');
    const p2 = await production.get(`/api/v1/comms/conversations/${direct.body.id}/messages?limit=30&before=${p1.body.items[0].seq}`);
    expect(p2.body.items.map((m: any) => m.body)).toEqual(['第 1 条', '第 2 条', '第 3 条', '第 4 条', '第 5 条']);
    expect(p2.body.hasMore).toBe(false);
    expect((await safety.get(`/api/v1/comms/conversations/${direct.body.id}/messages`)).status).toBe(404); // not theirs
    const bad = await worker.post(`/api/v1/comms/conversations/${direct.body.id}/messages`, { body: '', files: ['x'] });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.map((d: any) => d.path).join()).toMatch(/files\.0/);
    const empty = await worker.post(`/api/v1/comms/conversations/${direct.body.id}/messages`, { body: '   ' });
    expect(empty.status).toBe(422);
    const deptInDirect = await worker.post(`/api/v1/comms/conversations/${direct.body.id}/messages`, { body: '@设备部', mentions: { departmentIds: [ids.departments.equipment] } });
    expect(deptInDirect.status).toBe(422);
  });

  it('a case’s room opens by itself when the case starts, with the departments that have a task', async () => {
    const h = await safety.post('/api/v1/hazards', { title: '打磨车间粉尘浓度超标', description: '除尘器风机故障', departmentId: ids.departments.production, areaId: ids.areas.A01 });
    const tpl = (await safety.get('/api/v1/flows/templates')).body.items.find((x: any) => x.key === 'dust-over-limit');
    const c = await safety.post('/api/v1/flows/instances', { templateId: tpl.id, title: h.body.title, subjectType: 'hazard', subjectId: h.body.id, data: { level: 2 } });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    await vi.waitFor(async () => {
      const rooms = await a.database.owner.query<{ id: string }>(`SELECT id::text FROM comms_conversations WHERE subject_type = 'flow_instance' AND subject_id = $1`, [c.body.id]);
      expect(rooms).toHaveLength(1);
    }, { timeout: 10_000 });
    const departments = [...new Set(c.body.tasks.map((t: any) => t.department?.id ?? t.departmentId))] as string[];
    const room = await safety.post(`/api/v1/comms/records/flow_instance/${c.body.id}/room`);
    const got = await production.get(`/api/v1/comms/conversations/${room.body.id}`);
    expect(departments).toContain(ids.departments.production);
    expect(got.status).toBe(200);
    expect(got.body.members.map((m: any) => m.id)).toContain(ids.users.production);
  });
});

describe('comms routes × roles', () => {
  // Each demo role against a department channel (生产部) and a one-to-one chat (safety ↔ worker):
  // 2xx only for those the rules admit, 404 for everyone else (nothing revealed).
  const ROLES = ['admin', 'safety', 'production', 'equipment', 'hr', 'logistics', 'worker', 'committee', 'clinic'];
  it('every route answers each role as the rules say', async () => {
    const channelId = (await worker.get('/api/v1/comms/conversations')).body.items.find((c: any) => c.kind === 'department').id;
    const directId = (await safety.post('/api/v1/comms/direct', { userId: ids.users.worker })).body.id;
    const msgId = (await safety.post(`/api/v1/comms/conversations/${directId}/messages`, { body: '矩阵测试' })).body.id;
    const inChannel = new Set(['production', 'worker']);
    const inDirect = new Set(['safety', 'worker']);
    const routes: { name: string; call: (c: Client) => Promise<{ status: number }>; allowed: (u: string) => boolean; other?: number }[] = [
      { name: 'GET channel', call: (c) => c.get(`/api/v1/comms/conversations/${channelId}`), allowed: (u) => inChannel.has(u) },
      { name: 'GET channel messages', call: (c) => c.get(`/api/v1/comms/conversations/${channelId}/messages`), allowed: (u) => inChannel.has(u) },
      { name: 'POST channel read', call: (c) => c.post(`/api/v1/comms/conversations/${channelId}/read`, { seq: 1 }), allowed: (u) => inChannel.has(u) },
      { name: 'GET direct', call: (c) => c.get(`/api/v1/comms/conversations/${directId}`), allowed: (u) => inDirect.has(u) },
      { name: 'POST direct message', call: (c) => c.post(`/api/v1/comms/conversations/${directId}/messages`, { body: '你好' }), allowed: (u) => inDirect.has(u) },
      { name: 'GET message history', call: (c) => c.get(`/api/v1/comms/messages/${msgId}/history`), allowed: (u) => u === 'safety', other: 0 },
      { name: 'PATCH message', call: (c) => c.patch(`/api/v1/comms/messages/${msgId}`, { body: '改', version: 99 }), allowed: () => false, other: 0 },
      { name: 'GET list', call: (c) => c.get('/api/v1/comms/conversations'), allowed: () => true },
      { name: 'GET directory', call: (c) => c.get('/api/v1/comms/directory'), allowed: () => true },
      { name: 'GET search', call: (c) => c.get('/api/v1/comms/search?q=%E7%9F%A9%E9%98%B5'), allowed: () => true },
    ];
    const failures: string[] = [];
    for (const u of ROLES) {
      const c = await a.login(u);
      for (const r of routes) {
        const res = await r.call(c);
        const ok = res.status >= 200 && res.status < 300;
        if (r.allowed(u) !== ok) failures.push(`${u} ${r.name}: ${res.status}`);
        if (!ok && r.other !== 0 && res.status !== 404) failures.push(`${u} ${r.name}: ${res.status} instead of 404`);
      }
    }
    expect(failures).toEqual([]);
    expect((await a.anonymous().get('/api/v1/comms/conversations')).status).toBe(401);
  });
});

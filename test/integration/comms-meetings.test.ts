import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgres, startTestApp, type Client, type TestApp } from '../helpers/app.js';
import { connect } from '../helpers/socket.js';
import { openDatabase } from '../../src/server/platform/db/database.js';
import { parseIceServers } from '../../src/server/platform/config.js';

// Video meetings: invitations, join/leave records and the signalling between two instances.
let a: TestApp;
let b: TestApp;
let portA: number;
let portB: number;
let ids: Awaited<ReturnType<TestApp['ids']>>;
let safety: Client;
let production: Client;
let hr: Client;
beforeAll(async () => {
  a = await startTestApp({ workers: true });
  await a.app.listen({ port: 0, host: '127.0.0.1' });
  portA = (a.app.server.address() as { port: number }).port;
  const database = onPostgres() ? await openDatabase({ databaseUrl: a.url! }) : a.database;
  b = await startTestApp({ seed: false, workers: true, database, url: a.url });
  await b.app.listen({ port: 0, host: '127.0.0.1' });
  portB = (b.app.server.address() as { port: number }).port;
  ids = await a.ids();
  [safety, production, hr] = await Promise.all(['safety', 'production', 'hr'].map((u) => a.login(u)));
}, 120_000);
afterAll(async () => {
  if (onPostgres()) await b?.stop();
  else {
    await b?.app.close();
    if (b) rmSync(b.dataDir, { recursive: true, force: true });
  }
  await a?.stop();
});

async function hazard() {
  const h = await safety.post('/api/v1/hazards', { title: '喷涂车间排风机停转', description: '调漆间可燃气体浓度上升', departmentId: ids.departments.production, areaId: ids.areas.A04 });
  expect(h.status).toBe(201);
  return h.body;
}

describe('video meetings', () => {
  it('started from a hazard, the invited ring live; only they join; offers and answers reach the other instance as ids', async () => {
    const h = await hazard();
    const productionOnB = await b.login('production');
    const ring = await connect(portB, productionOnB.cookie);
    await ring.next((m) => m.type === 'hello');
    const started = await safety.post(`/api/v1/comms/records/hazard/${h.id}/meetings`, { invite: [ids.users.production] });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const meetingId = started.body.id;
    await ring.next((m) => m.type === 'event' && m.event.type === 'meeting.updated' && m.event.subjectId === meetingId);
    expect((await productionOnB.get('/api/v1/comms/meetings/ringing')).body.items.map((x: any) => x.id)).toContain(meetingId);
    const note = await a.database.owner.query(`SELECT 1 FROM notifications WHERE kind = 'comms.meeting' AND subject_id = $1 AND user_id = $2`, [meetingId, ids.users.production]);
    expect(note).toHaveLength(1);

    // not invited: cannot see it (人事部) or cannot join (a view-all role who sees the room)
    expect((await hr.get(`/api/v1/comms/meetings/${meetingId}`)).status).toBe(404);
    expect((await hr.post(`/api/v1/comms/meetings/${meetingId}/join`)).status).toBe(404);
    const committee = await a.login('committee');
    expect((await committee.get(`/api/v1/comms/meetings/${meetingId}`)).status).toBe(200);
    const cj = await committee.post(`/api/v1/comms/meetings/${meetingId}/join`);
    expect(cj.status, JSON.stringify(cj.body)).toBe(403);

    const safetySocket = await connect(portA, safety.cookie);
    await safetySocket.next((m) => m.type === 'hello');
    const joinedA = await safety.post(`/api/v1/comms/meetings/${meetingId}/join`);
    expect(joinedA.body.present.map((p: any) => p.id)).toEqual([ids.users.safety]);
    expect(joinedA.body.record).toMatchObject({ type: 'hazard', id: h.id });
    // signalling before the peer is in: refused
    expect((await safety.post(`/api/v1/comms/meetings/${meetingId}/signals`, { to: ids.users.production, kind: 'offer', data: { type: 'offer', sdp: 'v=0' } })).status).toBe(409);
    const joinedB = await productionOnB.post(`/api/v1/comms/meetings/${meetingId}/join`);
    expect(joinedB.body.present.map((p: any) => p.id).sort()).toEqual([ids.users.safety, ids.users.production].sort());
    expect((await productionOnB.get('/api/v1/comms/meetings/ringing')).body.items.map((x: any) => x.id)).not.toContain(meetingId);

    // the newcomer offers through B; the offer's id reaches A's socket, the SDP only by fetching it
    const sdp = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n';
    const offer = await productionOnB.post(`/api/v1/comms/meetings/${meetingId}/signals`, { to: ids.users.safety, kind: 'offer', data: { type: 'offer', sdp } });
    expect(offer.status).toBe(201);
    const evt = await safetySocket.next((m) => m.type === 'event' && m.event.type === 'meeting.signal' && m.event.subjectId === offer.body.id);
    expect(JSON.stringify(evt)).not.toContain('v=0');
    const got = await safety.get(`/api/v1/comms/signals/${offer.body.id}`);
    expect(got.body).toMatchObject({ from: ids.users.production, kind: 'offer', data: { type: 'offer', sdp } });
    // nobody else reads it, not even its sender
    expect((await productionOnB.get(`/api/v1/comms/signals/${offer.body.id}`)).status).toBe(404);
    expect((await committee.get(`/api/v1/comms/signals/${offer.body.id}`)).status).toBe(404);
    const answer = await safety.post(`/api/v1/comms/meetings/${meetingId}/signals`, { to: ids.users.production, kind: 'answer', data: { type: 'answer', sdp } });
    await ring.next((m) => m.type === 'event' && m.event.type === 'meeting.signal' && m.event.subjectId === answer.body.id);
    expect(safetySocket.messages.some((m) => m.type === 'event' && m.event.subjectId === answer.body.id)).toBe(false);
    // a malformed signal is a 422 with paths
    const bad = await safety.post(`/api/v1/comms/meetings/${meetingId}/signals`, { to: ids.users.production, kind: 'offer', data: { type: 'nonsense' } });
    expect(bad.status).toBe(422);

    // 30 minutes later 张伟 leaves, then 李建国: the meeting ends; the record's history keeps who, when, how long
    const advance = (ms: number) => [a, b].forEach((x) => x.clock.advance(ms)); // one clock per instance
    advance(30 * 60_000);
    expect((await productionOnB.post(`/api/v1/comms/meetings/${meetingId}/leave`)).body).toEqual({ left: true });
    advance(5 * 60_000);
    await safety.post(`/api/v1/comms/meetings/${meetingId}/leave`);
    const m = await safety.get(`/api/v1/comms/meetings/${meetingId}`);
    expect(m.body.state).toBe('ended');
    const history = await production.get(`/api/v1/comms/records/hazard/${h.id}/history`);
    const held = history.body.meetings.find((x: any) => x.id === meetingId);
    expect(held.attendance.map((x: any) => [x.displayName, x.minutes])).toEqual([['李建国', 35], ['张伟', 30]]);
    expect(history.body.items.map((x: any) => x.body)).toEqual(expect.arrayContaining([expect.stringContaining('发起了视频会议'), '张伟 加入了视频会议', '张伟 离开了视频会议（30 分钟）', expect.stringMatching(/结束，时长 35 分钟/)]));
    expect((await production.post(`/api/v1/comms/meetings/${meetingId}/join`)).status).toBe(409);
    const audit = await a.database.owner.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [meetingId]);
    expect(audit.map((x) => x.action)).toEqual(['comms.meeting.start', 'comms.meeting.join', 'comms.meeting.join', 'comms.meeting.leave', 'comms.meeting.leave', 'comms.meeting.end']);

    // the month's cross-department meetings count it (安全环保部 + 生产部)
    const monthly = await safety.get('/api/v1/comms/meetings/monthly?months=1');
    expect(monthly.body.items.at(-1).crossDepartment).toBeGreaterThanOrEqual(1);
    expect((await production.get('/api/v1/comms/meetings/monthly')).status).toBe(403);
    ring.ws.close();
    safetySocket.ws.close();
  });

  it('a mesh holds six; ICE servers are configuration', async () => {
    const h = await hazard();
    const people = ['safety', 'production', 'equipment', 'hr', 'logistics', 'clinic', 'committee'];
    const started = await safety.post(`/api/v1/comms/records/hazard/${h.id}/meetings`, { invite: people.map((u) => ids.users[u]) });
    const statuses = [];
    for (const u of people) statuses.push((await (await a.login(u)).post(`/api/v1/comms/meetings/${started.body.id}/join`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 409]);
    expect(parseIceServers('stun:stun.example.cn:3478, turn:turn.example.cn:3478')).toEqual([{ urls: 'stun:stun.example.cn:3478' }, { urls: 'turn:turn.example.cn:3478' }]);
    expect(parseIceServers('[{"urls":"turn:t.example.cn","username":"u","credential":"p"}]')).toEqual([{ urls: 'turn:t.example.cn', username: 'u', credential: 'p' }]);
    expect(() => parseIceServers('[{"x":1}]')).toThrow(/ICE_SERVERS/);
  });
});

import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startTestApp, pngBytes, multipart, ORIGIN, type TestApp, type Client } from '../helpers/app.js';

let t: TestApp;
let ids: Awaited<ReturnType<TestApp['ids']>>;
let safety: Client, production: Client, logistics: Client, equipment: Client, worker: Client, committee: Client, admin: Client;
const HOUR = 3_600_000;
const fixture = (name: string) => readFileSync(new URL(`../fixtures/cap/${name}`, import.meta.url), 'utf8');
const DEMO_KEY = 'demo-cap-key';

beforeAll(async () => {
  // the feed server of this test listens on the loopback address, which feeds may reach only when allowed
  t = await startTestApp({ config: { outboundAllowHosts: ['127.0.0.1'] } });
  ids = await t.ids();
  await loginAll();
});
afterAll(() => t?.stop());

/** Sessions last 12 hours of the clock: log everyone in again after moving it. */
async function loginAll() {
  [safety, production, logistics, equipment, worker, committee, admin] = await Promise.all(
    ['safety', 'production', 'logistics', 'equipment', 'worker', 'committee', 'admin'].map((u) => t.login(u)),
  );
}

/** A CAP message pushed the way a sender does it: no session, no Origin, the source's key. */
async function pushCap(xml: string, key: string | null = DEMO_KEY, type = 'application/cap+xml') {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/warnings/cap',
    payload: xml,
    headers: { host: 'localhost:3000', 'content-type': type, ...(key ? { 'x-api-key': key } : {}) },
  });
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

async function photo(c: Client) {
  const { payload, headers } = multipart('measures.png', await pngBytes());
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/files', payload, headers: { ...headers, cookie: c.cookie!, origin: ORIGIN, host: 'localhost:3000' } });
  return JSON.parse(res.body).id as string;
}

async function notes(kind: string, subjectId: string) {
  return t.database.owner.query<{ user_id: string; dedupe_key: string }>('SELECT user_id, dedupe_key FROM notifications WHERE kind = $1 AND subject_id = $2', [kind, subjectId]);
}

async function pendingTimers(warningId: string) {
  const rows = await t.database.owner.query<{ n: string }>(`SELECT count(*) AS n FROM jobs WHERE state = 'pending' AND singleton_key LIKE $1`, [`warning:${warningId}:%`]);
  return Number(rows[0].n);
}

async function quarantined(identifierOrReason: string) {
  return t.database.owner.query<{ reason: string; identifier: string | null; details: unknown }>(
    'SELECT reason, identifier, details FROM warning_quarantine WHERE identifier = $1 OR reason = $1 ORDER BY received_at',
    [identifierOrReason],
  );
}

const setClock = (at: number) => t.clock.advance(at - t.clock.now().getTime());
const responseOf = (w: { responses: { departmentId: string }[] }, dept: string) => w.responses.find((r) => r.departmentId === ids.departments[dept]) as any;

describe('scenario 3: 暴雨红色预警 arrives as a CAP message', () => {
  let warningId: string;

  it('creates one warning and instructs logistics, production and safety, each with its text and deadline', async () => {
    const res = await pushCap(fixture('rainstorm-red-alert.xml'));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ identifier: '33010041600000_20260721143000_0', outcome: 'created', status: 'Actual', msgType: 'Alert' });
    warningId = res.body.warningId;
    const board = await safety.get(`/api/v1/warnings/${warningId}`);
    expect(board.status).toBe(200);
    expect(board.body).toMatchObject({ sourceKind: 'cap', sourceName: '市气象台', eventType: 'rainstorm', event: '暴雨', color: 'red', level: 'I', loop: 'open', sender: '33010041600000', senderName: '杭州市气象台' });
    expect(board.body.matchedRules.map((r: { name: string }) => r.name)).toEqual(['暴雨红色预警']);
    expect(board.body.responses.map((r: { departmentName: string }) => r.departmentName).sort()).toEqual(['后勤部', '安全环保部', '生产部'].sort());
    expect(responseOf(board.body, 'logistics').instruction).toContain('排水');
    expect(responseOf(board.body, 'production').instruction).toContain('室外设备');
    expect(responseOf(board.body, 'safety').instruction).toContain('应急救援队伍');
    for (const r of board.body.responses) {
      expect(r).toMatchObject({ state: 'instructed', canAct: r.departmentId === ids.departments.safety });
      expect(new Date(r.dueAt).getTime() - t.clock.now().getTime()).toBeGreaterThan(3.9 * HOUR);
    }
    // each department's people are told (urgent: red), the worker in production too
    const told = (await notes('warning.instructed', warningId)).map((n) => n.user_id);
    expect(told).toEqual(expect.arrayContaining([ids.users.logistics, ids.users.production, ids.users.worker, ids.users.safety]));
    expect(told).not.toContain(ids.users.equipment);
    expect(await pendingTimers(warningId)).toBe(6); // overdue and escalation per department
    // everyone sees an actual warning in the list
    const list = await worker.get('/api/v1/warnings?state=active&pageSize=100');
    expect(list.status).toBe(200);
    expect(list.body.items.map((w: { id: string }) => w.id)).not.toContain(warningId); // the fixture's expiry has passed …
    const all = await worker.get('/api/v1/warnings?pageSize=100');
    const mine = all.body.items.find((w: { id: string }) => w.id === warningId);
    expect(mine).toMatchObject({ state: 'expired', loop: 'open', headline: expect.stringContaining('暴雨红色预警') }); // … the loop is still open
  });

  it('the same message again is one warning (duplicate)', async () => {
    const res = await pushCap(fixture('rainstorm-red-alert.xml'), DEMO_KEY, 'application/xml');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ warningId, outcome: 'duplicate' });
    const count = await t.database.owner.query<{ n: string }>(`SELECT count(*) AS n FROM warnings WHERE identifier = '33010041600000_20260721143000_0'`);
    expect(Number(count[0].n)).toBe(1);
  });

  it('only the department’s own members answer (403), with the version they read (409)', async () => {
    const board = (await logistics.get(`/api/v1/warnings/${warningId}`)).body;
    const mine = responseOf(board, 'logistics');
    expect(mine.canAct).toBe(true);
    const foreign = await production.post(`/api/v1/warnings/${warningId}/responses/${mine.id}/acknowledge`, { version: mine.version });
    expect(foreign.status).toBe(403);
    const ack = await logistics.post(`/api/v1/warnings/${warningId}/responses/${mine.id}/acknowledge`, { version: mine.version });
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
    expect(responseOf(ack.body, 'logistics')).toMatchObject({ state: 'acknowledged', acknowledgedBy: { id: ids.users.logistics, name: '赵磊' } });
    const stale = await logistics.post(`/api/v1/warnings/${warningId}/responses/${mine.id}/measures`, { version: mine.version, measures: '已检查' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    const again = await logistics.post(`/api/v1/warnings/${warningId}/responses/${mine.id}/acknowledge`, { version: responseOf(ack.body, 'logistics').version });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_STATE');
    const noText = await logistics.post(`/api/v1/warnings/${warningId}/responses/${mine.id}/measures`, { version: responseOf(ack.body, 'logistics').version, measures: '   ' });
    expect(noText.status).toBe(422);
    const badPhoto = await logistics.post(`/api/v1/warnings/${warningId}/responses/${mine.id}/measures`, {
      version: responseOf(ack.body, 'logistics').version, measures: '排水沟已清理', photos: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(badPhoto.status).toBe(422);
    expect(badPhoto.body.error.details[0].path).toBe('body.photos.0');
  });

  it('an Update keeps the answers given and instructs departments a rule now adds', async () => {
    // 设备部 joins for orange rainstorms from now on (checks the pumps of the power room)
    const rule = await safety.post('/api/v1/warnings/rules', {
      name: '暴雨橙色及以上：配电房', when: { eventTypes: ['rainstorm'], minColor: 'orange' },
      instruct: [{ departmentId: ids.departments.equipment, instruction: '{{headline}}：检查配电房排水泵' }], responseHours: 4, escalateAfterHours: 2,
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    const res = await pushCap(fixture('rainstorm-update.xml'), DEMO_KEY, 'text/xml');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ warningId, outcome: 'updated', msgType: 'Update' });
    const board = (await safety.get(`/api/v1/warnings/${warningId}`)).body;
    expect(board).toMatchObject({ color: 'orange', msgType: 'Update', loop: 'open', headline: expect.stringContaining('降级为橙色') });
    expect(board.messages.map((m: { msgType: string }) => m.msgType)).toEqual(['Alert', 'Update']);
    expect(responseOf(board, 'logistics').state).toBe('acknowledged'); // kept
    expect(responseOf(board, 'equipment')).toMatchObject({ state: 'instructed', instruction: expect.stringContaining('配电房排水泵') });
    expect(board.responses).toHaveLength(4);
    expect((await notes('warning.instructed', warningId)).map((n) => n.user_id)).toContain(ids.users.equipment);
    await safety.request('DELETE', `/api/v1/warnings/rules/${rule.body.id}`);
  });

  it('each department reports its measures (photos optional); the loop closes and the timers go', async () => {
    for (const [client, dept, measures] of [
      [logistics, 'logistics', '排水沟、雨水井已清理，排水泵试运行正常'],
      [production, 'production', '室外设备已停机断电并遮盖'],
      [safety, 'safety', '应急队伍 12 人已集结待命'],
      [equipment, 'equipment', '配电房排水泵运行正常'],
    ] as const) {
      const board = (await client.get(`/api/v1/warnings/${warningId}`)).body;
      const r = responseOf(board, dept);
      const res = await client.post(`/api/v1/warnings/${warningId}/responses/${r.id}/measures`, { version: r.version, measures, photos: [await photo(client)] });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(responseOf(res.body, dept)).toMatchObject({ state: 'reported', measures, reportedBy: { id: ids.users[dept] }, photos: [{ url: expect.stringContaining('/api/v1/files/') }] });
    }
    const board = (await worker.get(`/api/v1/warnings/${warningId}`)).body;
    expect(board).toMatchObject({ loop: 'closed', state: 'closed', closedAt: expect.any(String) });
    expect(await pendingTimers(warningId)).toBe(0);
    // nothing fires later
    setClock(t.clock.now().getTime() + 10 * HOUR);
    await t.drain();
    expect(await notes('warning.overdue', warningId)).toHaveLength(0);
    await loginAll();
  });

  it('a Cancel referring to it is accepted; an answered warning stays as it was answered', async () => {
    const res = await pushCap(fixture('rainstorm-cancel.xml'));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ warningId, outcome: 'cancelled', msgType: 'Cancel' });
    const board = (await safety.get(`/api/v1/warnings/${warningId}`)).body;
    expect(board).toMatchObject({ state: 'cancelled', loop: 'closed', cancelledAt: expect.any(String) });
    expect(board.responses.every((r: { state: string }) => r.state === 'reported')).toBe(true);
    expect(board.messages).toHaveLength(3);
  });
});

describe('cancel, test status, quarantine, keys', () => {
  /** The fixture with another identifier (a second storm), so the scenario's warning is not touched. */
  const variant = (xml: string, suffix: string) => xml.replaceAll('33010041600000_20260721', `33010041600000_2026072${suffix}`);

  it('a Cancel stands down the departments that have not answered, stops their timers and closes the loop', async () => {
    const created = await pushCap(variant(fixture('rainstorm-red-alert.xml'), '2'));
    expect(created.status).toBe(201);
    const id = created.body.warningId;
    const board = (await production.get(`/api/v1/warnings/${id}`)).body;
    const r = responseOf(board, 'production');
    await production.post(`/api/v1/warnings/${id}/responses/${r.id}/measures`, { version: r.version, measures: '已停机' });
    const cancel = variant(fixture('rainstorm-cancel.xml'), '2').replaceAll('33010041600000_20260722170000', '33010041600000_20260721170000');
    const res = await pushCap(cancel);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ warningId: id, outcome: 'cancelled' });
    const after = (await safety.get(`/api/v1/warnings/${id}`)).body;
    expect(after).toMatchObject({ state: 'cancelled', loop: 'closed' });
    expect(responseOf(after, 'production').state).toBe('reported');
    expect(responseOf(after, 'logistics')).toMatchObject({ state: 'stood_down', canAct: false });
    expect(responseOf(after, 'safety').state).toBe('stood_down');
    expect(await pendingTimers(id)).toBe(0);
    expect((await notes('warning.cancelled', id)).map((n) => n.user_id)).toContain(ids.users.logistics);
    const late = await logistics.post(`/api/v1/warnings/${id}/responses/${responseOf(after, 'logistics').id}/measures`, { version: responseOf(after, 'logistics').version, measures: 'x' });
    expect(late.status).toBe(409);
  });

  it('status Test: stored and shown with the rules it would match, no responses, only view-all roles hear of it', async () => {
    const res = await pushCap(fixture('test-message.xml'));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ outcome: 'created', status: 'Test' });
    const id = res.body.warningId;
    const board = (await safety.get(`/api/v1/warnings/${id}`)).body;
    expect(board).toMatchObject({ status: 'Test', loop: 'none', responses: [] });
    expect(await pendingTimers(id)).toBe(0);
    expect(await notes('warning.instructed', id)).toHaveLength(0);
    const raised = (await notes('warning.raised', id)).map((n) => n.user_id);
    expect(raised).toEqual(expect.arrayContaining([ids.users.safety, ids.users.admin, ids.users.committee]));
    expect(raised).not.toContain(ids.users.worker);
    // the worker neither sees it nor finds it
    expect((await worker.get(`/api/v1/warnings/${id}`)).status).toBe(404);
    expect((await worker.get('/api/v1/warnings?status=Test')).body.items).toHaveLength(0);
    expect((await committee.get('/api/v1/warnings?status=Test')).body.items.map((w: { id: string }) => w.id)).toContain(id);
  });

  it('a malformed message is refused (422 CAP_INVALID) and kept in quarantine', async () => {
    const res = await pushCap(fixture('malformed.xml'));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('CAP_INVALID');
    expect(res.body.error.details.length).toBeGreaterThan(0);
    const q = await safety.get('/api/v1/warnings/quarantine');
    expect(q.status).toBe(200);
    expect(q.body.items[0]).toMatchObject({ reason: 'invalid', sourceName: '市气象台', raw: expect.stringContaining('<msgType>Alert') });
    for (const name of ['xxe.xml', 'billion-laughs.xml']) {
      const bad = await pushCap(fixture(name));
      expect(bad.status, name).toBe(422);
      expect(bad.body.error.code).toBe('CAP_INVALID');
    }
  });

  it('a sender not on the allowlist is refused (422 CAP_SENDER_NOT_ALLOWED) and quarantined', async () => {
    const sources = (await safety.get('/api/v1/warnings/sources')).body.items;
    const src = sources.find((s: { name: string }) => s.name === '市气象台');
    expect(src).toMatchObject({ kind: 'cap', hasKey: true, keyPrefix: 'demo-cap', senderAllowlist: ['*'] });
    const narrowed = await safety.patch(`/api/v1/warnings/sources/${src.id}`, { version: src.version, senderAllowlist: ['33010041600000'] });
    expect(narrowed.status, JSON.stringify(narrowed.body)).toBe(200);
    const res = await pushCap(fixture('unlisted-sender.xml'));
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'CAP_SENDER_NOT_ALLOWED', details: [{ path: 'alert.sender' }] });
    expect(await quarantined('warn-2026-0721-0001')).toMatchObject([{ reason: 'sender_not_allowed' }]);
    const back = await safety.patch(`/api/v1/warnings/sources/${src.id}`, { version: narrowed.body.version, senderAllowlist: ['*'] });
    expect(back.status).toBe(200);
  });

  it('a bad or missing key is 401; a new key works once issued and replaces the old', async () => {
    expect((await pushCap(fixture('rainstorm-red-alert.xml'), 'wrong-key')).status).toBe(401);
    expect((await pushCap(fixture('rainstorm-red-alert.xml'), null)).status).toBe(401);
    const created = await safety.post('/api/v1/warnings/sources', { kind: 'cap', name: '区气象台', senderAllowlist: ['33010041600000'] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await worker.post(`/api/v1/warnings/sources/${created.body.id}/keys`)).status).toBe(403);
    const issued = await safety.post(`/api/v1/warnings/sources/${created.body.id}/keys`);
    expect(issued.status).toBe(201);
    expect(issued.body.key).toMatch(/^zak_/);
    const pushed = await pushCap(variant(fixture('rainstorm-red-alert.xml'), '3'), issued.body.key);
    expect(pushed.status).toBe(201);
    const reissued = await safety.post(`/api/v1/warnings/sources/${created.body.id}/keys`);
    expect((await pushCap(fixture('rainstorm-red-alert.xml'), issued.body.key)).status).toBe(401);
    expect((await pushCap(fixture('rainstorm-red-alert.xml'), reissued.body.key)).status).toBe(200);
    // only the key's hash is stored
    const stored = await t.database.owner.query<{ key_hash: string }>('SELECT key_hash FROM warning_sources WHERE id = $1', [created.body.id]);
    expect(stored[0].key_hash).not.toContain(reissued.body.key);
    // XML is accepted on this route only
    const elsewhere = await t.app.inject({ method: 'POST', url: '/api/v1/hazards', payload: '<a/>', headers: { host: 'localhost:3000', 'content-type': 'application/xml', cookie: worker.cookie!, origin: ORIGIN } });
    expect(elsewhere.statusCode).toBe(415);
  });
});

describe('silence past the deadline', () => {
  it('overdue once (department head and safety officers), escalated once (committee)', async () => {
    const created = await pushCap(fixture('rainstorm-red-alert.xml').replaceAll('33010041600000_20260721143000', '33010041600000_20260725143000'));
    expect(created.status).toBe(201);
    const id = created.body.warningId;
    const board = (await safety.get(`/api/v1/warnings/${id}`)).body;
    const r = responseOf(board, 'logistics');
    const due = new Date(r.dueAt).getTime();
    // two departments answer, logistics stays silent
    for (const [client, dept] of [[production, 'production'], [safety, 'safety']] as const) {
      const x = responseOf((await client.get(`/api/v1/warnings/${id}`)).body, dept);
      expect((await client.post(`/api/v1/warnings/${id}/responses/${x.id}/measures`, { version: x.version, measures: '已落实' })).status).toBe(200);
    }
    expect(await pendingTimers(id)).toBe(2);
    setClock(due + 1000);
    await t.drain();
    await t.drain();
    const overdue = (await notes('warning.overdue', id)).map((n) => n.user_id);
    expect(overdue).toEqual(expect.arrayContaining([ids.users.logistics, ids.users.safety]));
    expect(new Set(overdue).size).toBe(overdue.length);
    expect(await notes('warning.escalated', id)).toHaveLength(0);
    setClock(due + 2 * HOUR + 2000);
    await t.drain();
    await t.drain();
    const escalated = (await notes('warning.escalated', id)).map((n) => n.user_id);
    expect(escalated).toContain(ids.users.committee);
    expect((await notes('warning.overdue', id)).length).toBe(overdue.length);
    await loginAll();
    const late = (await logistics.get(`/api/v1/warnings/${id}`)).body;
    expect(responseOf(late, 'logistics')).toMatchObject({ state: 'overdue', overdueAt: expect.any(String), escalatedAt: expect.any(String), canAct: true });
    expect(late.loop).toBe('open');
    const lr = responseOf(late, 'logistics');
    const done = await logistics.post(`/api/v1/warnings/${id}/responses/${lr.id}/measures`, { version: lr.version, measures: '已补做排水检查' });
    expect(done.status).toBe(200);
    expect(done.body.loop).toBe('closed');
  });
});

describe('manual and neighbour warnings, rules, sensors API', () => {
  it('a manual warning with Idempotency-Key; a neighbour’s warning needs its name; cancel stands down', async () => {
    const body = { sourceKind: 'manual', eventType: 'gale', color: 'orange', title: '厂区突发大风', description: '阵风 10 级', areaId: ids.areas.E01 };
    const first = await worker.post('/api/v1/warnings', body, { 'idempotency-key': 'manual-gale-0001' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ sourceKind: 'manual', color: 'orange', areaId: ids.areas.E01, areaName: '厂区道路及停车场', loop: 'open' });
    expect(first.body.identifier).toMatch(/^MW-\d{8}-\d{4}$/);
    expect(first.body.responses.map((r: { departmentName: string }) => r.departmentName).sort()).toEqual(['生产部', '设备部'].sort());
    const replay = await worker.post('/api/v1/warnings', body, { 'idempotency-key': 'manual-gale-0001' });
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(first.body.id);
    const neighbour = await production.post('/api/v1/warnings', { sourceKind: 'neighbour', eventType: 'chemical_leak', color: 'red', title: '邻厂氨气泄漏' });
    expect(neighbour.status).toBe(422);
    expect(neighbour.body.error.details[0].path).toBe('body.neighbourName');
    // cancel: manage only, with the version
    expect((await worker.post(`/api/v1/warnings/${first.body.id}/cancel`, { version: first.body.version, reason: '误报' })).status).toBe(403);
    expect((await safety.post(`/api/v1/warnings/${first.body.id}/cancel`, { version: first.body.version + 99, reason: '误报' })).status).toBe(409);
    const cancelled = await safety.post(`/api/v1/warnings/${first.body.id}/cancel`, { version: (await safety.get(`/api/v1/warnings/${first.body.id}`)).body.version, reason: '风力已减弱' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body).toMatchObject({ state: 'cancelled', loop: 'closed', cancelReason: '风力已减弱' });
    expect(cancelled.body.responses.every((r: { state: string }) => r.state === 'stood_down')).toBe(true);
    expect(await pendingTimers(first.body.id)).toBe(0);
  });

  it('rules are validated: departments, placeholders, flow templates; manage only', async () => {
    const bad = await safety.post('/api/v1/warnings/rules', {
      name: '坏规则', when: { minColor: 'yellow' },
      instruct: [{ departmentId: '00000000-0000-4000-8000-000000000000', instruction: '请 {{nonsense}} 处理' }, { departmentId: ids.departments.safety, instruction: '{{unknown}}' }],
      responseHours: 2, escalateAfterHours: 1, flowTemplateKey: 'no-such-template',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['body.instruct.0.departmentId', 'body.instruct.1.instruction', 'body.flowTemplateKey']),
    );
    expect((await worker.get('/api/v1/warnings/rules')).status).toBe(403);
    const list = await safety.get('/api/v1/warnings/rules');
    expect(list.body.items.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['暴雨红色预警', '台风橙色及以上预警', '高温橙色及以上预警', '大风橙色及以上预警', '设备传感器预警']));
    const red = list.body.items.find((r: { name: string }) => r.name === '暴雨红色预警');
    expect(red.instruct.map((x: { departmentName: string }) => x.departmentName)).toEqual(['后勤部', '生产部', '安全环保部']);
    const { id, version, createdAt: _c, updatedAt: _u, ...rest } = red;
    const edited = await safety.request('PUT', `/api/v1/warnings/rules/${id}`, { version, ...rest, instruct: rest.instruct.map(({ departmentId, instruction }: { departmentId: string; instruction: string }) => ({ departmentId, instruction })), responseHours: 3 });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ responseHours: 3, version: version + 1 });
    const stale = await safety.request('PUT', `/api/v1/warnings/rules/${id}`, { version, ...rest, instruct: rest.instruct.map(({ departmentId, instruction }: { departmentId: string; instruction: string }) => ({ departmentId, instruction })) });
    expect(stale.status).toBe(409);
  });

  it('a rule naming a process template launches a collaboration case for the warning', async () => {
    const rule = await safety.post('/api/v1/warnings/rules', {
      name: '人工火警：协同处置', when: { sourceKinds: ['manual'], eventTypes: ['fire'], minColor: 'yellow' },
      instruct: [{ departmentId: ids.departments.safety, instruction: '{{headline}}：到场处置' }], responseHours: 1, escalateAfterHours: 1, flowTemplateKey: 'dust-over-limit',
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    const raised = await production.post('/api/v1/warnings', { sourceKind: 'manual', eventType: 'fire', color: 'orange', title: '喷涂车间冒烟', areaId: ids.areas.A04 });
    expect(raised.status, JSON.stringify(raised.body)).toBe(201);
    expect(raised.body.flowInstanceId).toEqual(expect.any(String));
    const flow = await safety.get(`/api/v1/flows/instances/${raised.body.flowInstanceId}`);
    expect(flow.status).toBe(200);
    expect(flow.body).toMatchObject({ title: '预警联动：喷涂车间冒烟', status: 'running', subject: { type: 'warning', id: raised.body.id, link: `/warnings/${raised.body.id}` } });
    const row = await t.database.owner.query<{ subject_type: string; subject_id: string }>('SELECT subject_type, subject_id FROM flow_instances WHERE id = $1', [raised.body.flowInstanceId]);
    expect(row[0]).toEqual({ subject_type: 'warning', subject_id: raised.body.id });
    expect((await safety.request('DELETE', `/api/v1/warnings/rules/${rule.body.id}`)).status).toBe(204);
  });

  it('WarningService.raise and markCleared for the sensors module: a sensor warning raises a hazard by rule', async () => {
    const { WarningService } = await import('../../src/server/modules/warnings/service.js');
    const { systemActor } = await import('../../src/server/platform/access.js');
    const service = new WarningService(t.platform);
    const equipmentId = (await t.database.owner.query<{ id: string }>(`SELECT id FROM equipment WHERE tenant_id = $1 AND code = 'CRN-001'`, [t.tenantId]))[0].id;
    const input = { sourceKind: 'sensor' as const, identifier: 'sensor:test:1', eventType: 'equipment' as const, color: 'orange' as const, title: '1号桥式起重机温度超限', equipmentId };
    const first = await t.platform.run(systemActor(t.tenantId), (w) => service.raise(w, input));
    expect(first.created).toBe(true);
    const again = await t.platform.run(systemActor(t.tenantId), (w) => service.raise(w, input));
    expect(again).toEqual({ id: first.id, created: false });
    await t.platform.run(systemActor(t.tenantId), (w) => service.markCleared(w, 'sensor:test:1'));
    const board = (await safety.get(`/api/v1/warnings/${first.id}`)).body;
    expect(board).toMatchObject({ sourceKind: 'sensor', clearedAt: expect.any(String), loop: 'open', equipmentId, hazardId: expect.any(String) });
    expect(board.responses.map((r: { departmentName: string }) => r.departmentName).sort()).toEqual(['安全环保部', '设备部'].sort());
    const hazard = await safety.get(`/api/v1/hazards/${board.hazardId}`);
    expect(hazard.status).toBe(200);
    expect(hazard.body.title).toContain('1号桥式起重机温度超限');
  });
});

describe('realtime and demo data', () => {
  it('one warning.updated event per change, with the departments and status', async () => {
    const before = await t.database.owner.query<{ n: string }>(`SELECT count(*) AS n FROM events WHERE type = 'warning.updated'`);
    const res = await pushCap(fixture('rainstorm-red-alert.xml').replaceAll('33010041600000_20260721143000', '33010041600000_20260726143000'));
    const after = await t.database.owner.query<{ subject_id: string; payload: { departmentIds: string[]; status: string } }>(
      `SELECT subject_id, payload FROM events WHERE type = 'warning.updated' ORDER BY id DESC LIMIT 1`,
    );
    const count = await t.database.owner.query<{ n: string }>(`SELECT count(*) AS n FROM events WHERE type = 'warning.updated'`);
    expect(Number(count[0].n) - Number(before[0].n)).toBe(1);
    expect(after[0].subject_id).toBe(res.body.warningId);
    expect(after[0].payload.status).toBe('Actual');
    expect(after[0].payload.departmentIds.sort()).toEqual([ids.departments.logistics, ids.departments.production, ids.departments.safety].sort());
  });

  it('the realtime audience: everyone for actual warnings; tests only for view-all roles and the departments named', async () => {
    const { mayHearWarning } = await import('../../src/server/modules/warnings/policies.js');
    const { userActor } = await import('../../src/server/platform/access.js');
    const actor = (roles: string[], dept: string) => userActor({ tenantId: t.tenantId, userId: ids.users.worker, username: 'x', displayName: 'x', departmentId: ids.departments[dept], roles, locale: 'zh-CN' });
    const worker = actor(['worker'], 'production');
    expect(mayHearWarning(worker, { status: 'Actual', departmentIds: [] })).toBe(true);
    expect(mayHearWarning(worker, { status: 'Test', departmentIds: [ids.departments.logistics] })).toBe(false);
    expect(mayHearWarning(worker, { status: 'Exercise', departmentIds: [ids.departments.production] })).toBe(true);
    expect(mayHearWarning(actor(['committee'], 'committee'), { status: 'Test', departmentIds: [] })).toBe(true);
  });

  it('the demo history: closed loops, an overdue department, a test, an active yellow warning', async () => {
    const list = (await committee.get('/api/v1/warnings?sourceKind=cap&pageSize=100')).body.items as any[];
    const demo = list.filter((w) => w.sourceName === '市气象台' && w.identifier.startsWith('33010041600000_') && !w.identifier.includes('202607'));
    expect(demo.length).toBeGreaterThanOrEqual(8);
    expect(demo.filter((w) => w.loop === 'closed').length).toBeGreaterThanOrEqual(4);
    expect(demo.some((w) => w.status === 'Test' && w.loop === 'none')).toBe(true);
    expect(demo.some((w) => w.state === 'cancelled')).toBe(true);
    expect(demo.some((w) => w.loop === 'open' && w.responses.some((r: { state: string }) => r.state === 'overdue'))).toBe(true);
    const active = demo.filter((w) => w.state === 'active');
    expect(active.map((w) => w.color)).toContain('yellow');
  });
});

describe('feed poller', () => {
  it('polls an Atom feed on a local server: embedded and linked CAP take the push path; duplicates stay one', async () => {
    let base = '';
    const files: Record<string, string> = {
      '/cap/33010041600000_20260721143000_0.xml': fixture('rainstorm-red-alert.xml').replaceAll('33010041600000_20260721143000', '33010041600000_20260728143000'),
      // the feed links this one relative to itself
      '/33010041600000_20260721170000_0.xml': fixture('rainstorm-update.xml').replaceAll('33010041600000_20260721143000', '33010041600000_20260728143000').replaceAll('33010041600000_20260721170000', '33010041600000_20260728170000'),
    };
    let hits = 0;
    const server = http.createServer((req, res) => {
      hits++;
      const path = req.url ?? '';
      if (path === '/feed.xml') {
        res.setHeader('content-type', 'application/atom+xml');
        res.end(fixture('feed.atom.xml').replaceAll('https://example.org/cap/', `${base}/cap/`).replaceAll('33010841600000_20260721143500', '33010841600000_20260728143500'));
        return;
      }
      const body = files[path];
      if (typeof body !== 'string') {
        res.statusCode = 404;
        res.end();
        return;
      }
      res.setHeader('content-type', 'application/cap+xml');
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const created = await safety.post('/api/v1/warnings/sources', { kind: 'cap', name: '预警信息订阅', senderAllowlist: ['*'], feedUrl: `${base}/feed.xml`, pollSeconds: 60 });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const pending = await t.database.owner.query<{ n: string }>(`SELECT count(*) AS n FROM jobs WHERE state = 'pending' AND singleton_key = $1`, [`warnings:poll:${created.body.id}`]);
      expect(Number(pending[0].n)).toBe(1);
      await t.drain();
      expect(hits).toBeGreaterThanOrEqual(3);
      const rows = await t.database.owner.query<{ identifier: string; msg_type: string; color: string }>(
        `SELECT identifier, msg_type, color FROM warnings WHERE source_id = $1 ORDER BY identifier`,
        [created.body.id],
      );
      // the embedded 大风蓝色 and the linked rainstorm (its Update applied: orange)
      expect(rows.map((r) => r.identifier)).toEqual(['33010041600000_20260728143000_0', '33010841600000_20260728143500_0']);
      expect(rows[0]).toMatchObject({ msg_type: 'Update', color: 'orange' });
      const src = (await safety.get('/api/v1/warnings/sources')).body.items.find((s: { id: string }) => s.id === created.body.id);
      expect(src).toMatchObject({ lastPolledAt: expect.any(String), lastPollError: null });
      // the next poll is scheduled; running it again changes nothing
      setClock(t.clock.now().getTime() + 61_000);
      await t.drain();
      const again = await t.database.owner.query<{ n: string }>(`SELECT count(*) AS n FROM warnings WHERE source_id = $1`, [created.body.id]);
      expect(Number(again[0].n)).toBe(2);
      const next = await t.database.owner.query<{ n: string }>(`SELECT count(*) AS n FROM jobs WHERE state = 'pending' AND singleton_key = $1`, [`warnings:poll:${created.body.id}`]);
      expect(Number(next[0].n)).toBe(1);
      // switched off: no further polls
      const off = await safety.patch(`/api/v1/warnings/sources/${created.body.id}`, { version: src.version, enabled: false });
      expect(off.status).toBe(200);
      const none = await t.database.owner.query<{ n: string }>(`SELECT count(*) AS n FROM jobs WHERE state = 'pending' AND singleton_key = $1`, [`warnings:poll:${created.body.id}`]);
      expect(Number(none[0].n)).toBe(0);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await loginAll();
  });
});

describe('fuzzed warning requests', () => {
  it('CAP bodies of any bytes and manual bodies of any shape: never a 5xx, always the error format', async () => {
    const wellFormed = (res: { status: number; body: any }) => {
      expect(res.status).toBeLessThan(500);
      if (res.status >= 400) expect(res.body?.error?.code, JSON.stringify(res.body)).toEqual(expect.any(String));
    };
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1'))), async (xml) => {
        const res = await t.app.inject({ method: 'POST', url: '/api/v1/warnings/cap', payload: xml, headers: { host: 'localhost:3000', 'content-type': 'application/cap+xml', 'x-api-key': DEMO_KEY } });
        wellFormed({ status: res.statusCode, body: JSON.parse(res.body) });
      }),
      { numRuns: 60 },
    );
    const anyJson = fc.jsonValue({ maxDepth: 3 });
    await fc.assert(
      fc.asyncProperty(
        fc.record({ sourceKind: fc.oneof(fc.constantFrom('manual', 'neighbour'), fc.string()), eventType: fc.oneof(fc.constantFrom('gale', 'fire'), anyJson), color: fc.string(), title: anyJson, photos: anyJson }, { requiredKeys: [] }),
        async (body) => wellFormed(await worker.post('/api/v1/warnings', body)),
      ),
      { numRuns: 60 },
    );
  });
});

describe('history period and tenant isolation', () => {
  it('the period filter keeps warnings sent in [from, to); a bad date is a 422 naming the field', async () => {
    const all = (await committee.get('/api/v1/warnings?pageSize=100')).body.items as { id: string; sentAt: string }[];
    expect(all.length).toBeGreaterThan(3);
    const sorted = all.map((w) => new Date(w.sentAt).getTime()).sort((a, b) => a - b);
    const from = new Date(sorted[1]).toISOString();
    const to = new Date(sorted[sorted.length - 2]).toISOString();
    const inRange = all.filter((w) => new Date(w.sentAt).getTime() >= sorted[1] && new Date(w.sentAt).getTime() < sorted[sorted.length - 2]);
    const res = await committee.get(`/api/v1/warnings?pageSize=100&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(inRange.length);
    expect(res.body.items.map((w: { id: string }) => w.id).sort()).toEqual(inRange.map((w) => w.id).sort());
    const bad = await committee.get('/api/v1/warnings?from=yesterday');
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toContain('querystring.from');
  });

  it('another company sees none of our warnings, and the demo key stays ours', async () => {
    const { seedDemo } = await import('../../src/server/seed/demo.js');
    await seedDemo(t.database.db, t.clock, { code: 'neighbour-co', name: '邻居公司', months: 1 });
    const ours = (await committee.get('/api/v1/warnings?pageSize=100')).body.items as { id: string }[];
    const theirs = await t.login('committee', 'zhian123', 'neighbour-co');
    const listed = (await theirs.get('/api/v1/warnings?pageSize=100')).body.items as { id: string }[];
    expect(listed.length).toBeGreaterThan(0); // their own demo history
    expect(listed.map((w) => w.id).filter((id) => ours.some((o) => o.id === id))).toEqual([]);
    expect((await theirs.get(`/api/v1/warnings/${ours[0].id}`)).status).toBe(404);
    // the key names one source: a message pushed with it lands in our tenant only
    const before = listed.length;
    const xml = fixture('rainstorm-red-alert.xml').replaceAll('33010041600000_20260721143000_0', '33010041600000_20261202090000_9');
    const pushed = await pushCap(xml);
    expect([200, 201]).toContain(pushed.status);
    expect((await committee.get(`/api/v1/warnings/${pushed.body.warningId}`)).status).toBe(200);
    expect((await theirs.get(`/api/v1/warnings/${pushed.body.warningId}`)).status).toBe(404);
    expect((await theirs.get('/api/v1/warnings?pageSize=100')).body.items.length).toBe(before);
  });
});

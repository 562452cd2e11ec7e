import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, pngBytes, multipart, ORIGIN, type TestApp, type Client } from '../helpers/app.js';

let t: TestApp;
let ids: Awaited<ReturnType<TestApp['ids']>>;
let worker: Client, safety: Client, equipment: Client, committee: Client, production: Client;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await startTestApp();
  ids = await t.ids();
  [worker, safety, equipment, committee, production] = await Promise.all(['worker', 'safety', 'equipment', 'committee', 'production'].map((u) => t.login(u)));
});
afterAll(() => t?.stop());

async function photo(c: Client) {
  const { payload, headers } = multipart('after.png', await pngBytes());
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/files', payload, headers: { ...headers, cookie: c.cookie!, origin: ORIGIN, host: 'localhost:3000' } });
  return JSON.parse(res.body).id as string;
}

async function reported(title = '冲压机光电保护失效') {
  const res = await worker.post('/api/v1/hazards', { title, departmentId: ids.departments.production, areaId: ids.areas.A05 });
  expect(res.status).toBe(201);
  return res.body;
}

const inDays = (n: number) => new Date(t.clock.now().getTime() + n * DAY).toISOString();

async function notificationsOf(hazardId: string, kind: string) {
  return t.database.owner.query<{ user_id: string }>('SELECT user_id FROM notifications WHERE subject_id = $1 AND kind = $2', [hazardId, kind]);
}

describe('the closed loop 上报 → 评估定级 → 整改派发 → 整改 → 验收 → 销号', () => {
  it('runs end to end, with the right person at each step and a timestamped timeline', async () => {
    const h = await reported();
    expect(h.can).toMatchObject({ assess: false, dispatch: false, submit: false, verify: false });
    const assessed = await safety.post(`/api/v1/hazards/${h.id}/assess`, {
      version: 1,
      potentialDeaths: 0,
      directLossYuan: 20000,
      risk: { method: 'lec', l: 3, e: 6, c: 7 },
      basis: '光电保护失效可致手部伤害，按统一标准评估',
    });
    expect(assessed.status).toBe(200);
    expect(assessed.body).toMatchObject({ status: 'assessed', grade: 'general', assessment: { riskScore: 126, riskLevel: '显著危险', riskColor: 'yellow' } });
    expect(assessed.body.can.dispatch).toBe(true);

    const dispatched = await safety.post(`/api/v1/hazards/${h.id}/dispatch`, {
      version: assessed.body.version,
      responsibleDepartmentId: ids.departments.equipment,
      responsibleUserId: ids.users.equipment,
      deadline: inDays(3),
      measures: '更换光电保护装置并试验',
      budgetYuan: 3500,
    });
    expect(dispatched.status).toBe(200);
    expect(dispatched.body).toMatchObject({ status: 'rectifying', responsibleDepartment: { id: ids.departments.equipment }, rectification: { budgetYuan: 3500 } });
    // the equipment head now sees it and may submit; the worker who reported may not
    const asEquipment = await equipment.get(`/api/v1/hazards/${h.id}`);
    expect(asEquipment.body.can.submit).toBe(true);
    expect((await worker.get(`/api/v1/hazards/${h.id}`)).body.can.submit).toBe(false);
    await t.drain();
    expect((await notificationsOf(h.id, 'hazard.dispatched')).map((n) => n.user_id)).toContain(ids.users.equipment);

    const submitted = await equipment.post(`/api/v1/hazards/${h.id}/submit`, { version: dispatched.body.version, note: '已更换并试验合格', afterPhotos: [await photo(equipment)] });
    expect(submitted.status).toBe(200);
    expect(submitted.body.rectification.afterPhotos).toHaveLength(1);
    expect(submitted.body.status).toBe('verifying');

    const rejectNoReason = await safety.post(`/api/v1/hazards/${h.id}/verify`, { version: submitted.body.version, result: 'reject' });
    expect(rejectNoReason.status).toBe(422);
    expect(rejectNoReason.body.error.details[0].path).toBe('body.comment');
    const rejected = await safety.post(`/api/v1/hazards/${h.id}/verify`, { version: submitted.body.version, result: 'reject', comment: '未提供试验记录' });
    expect(rejected.body).toMatchObject({ status: 'rectifying', rectification: { rejectCount: 1 } });

    const again = await equipment.post(`/api/v1/hazards/${h.id}/submit`, { version: rejected.body.version, note: '补充试验记录', afterPhotos: [await photo(equipment)] });
    const closed = await safety.post(`/api/v1/hazards/${h.id}/verify`, { version: again.body.version, result: 'pass' });
    expect(closed.body).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    expect(closed.body.timeline.map((s: { action: string }) => s.action)).toEqual(['assess', 'dispatch', 'submit', 'reject', 'submit', 'pass']);
    expect(closed.body.timeline[3]).toMatchObject({ basis: '未提供试验记录', actorName: '李建国' });
    const history = await safety.get(`/api/v1/hazards/${h.id}/history`);
    expect(history.body.items.map((i: { action: string }) => i.action)).toEqual([
      'hazard.report', 'hazard.assess', 'hazard.dispatch', 'hazard.submit', 'hazard.reject', 'hazard.submit', 'hazard.pass',
    ]);
  });

  it('refuses illegal transitions and the wrong people', async () => {
    const h = await reported('非法流转');
    const dispatchTooEarly = await safety.post(`/api/v1/hazards/${h.id}/dispatch`, {
      version: 1, responsibleDepartmentId: ids.departments.equipment, responsibleUserId: ids.users.equipment, deadline: inDays(2), measures: 'x',
    });
    expect(dispatchTooEarly.status).toBe(409);
    expect(dispatchTooEarly.body.error.code).toBe('INVALID_STATE');
    expect((await safety.post(`/api/v1/hazards/${h.id}/verify`, { version: 1, result: 'pass' })).status).toBe(409);
    const byWorker = await worker.post(`/api/v1/hazards/${h.id}/assess`, { version: 1, grade: 'general', basis: 'x' });
    expect(byWorker.status).toBe(403);
    const byCommittee = await committee.post(`/api/v1/hazards/${h.id}/assess`, { version: 1, grade: 'general', basis: 'x' });
    expect(byCommittee.status).toBe(403);
    const badRisk = await safety.post(`/api/v1/hazards/${h.id}/assess`, { version: 1, grade: 'general', basis: 'x', risk: { method: 'lec', l: 4, e: 6, c: 7 } });
    expect(badRisk.status).toBe(422);
    expect(badRisk.body.error.details[0].path).toBe('body.risk.l');
  });

  it('two people acting at once: one wins, the other gets 409', async () => {
    const h = await reported('并发评估');
    const results = await Promise.all([
      safety.post(`/api/v1/hazards/${h.id}/assess`, { version: 1, grade: 'general', basis: 'A' }),
      safety.post(`/api/v1/hazards/${h.id}/assess`, { version: 1, grade: 'major', basis: 'B' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const rows = await t.database.owner.query<{ n: string }>("SELECT count(*)::text AS n FROM hazard_transitions WHERE hazard_id = $1", [h.id]);
    expect(rows[0].n).toBe('1');
  });
});

describe('major hazards (挂牌督办)', () => {
  it('figures the standard calls 重大 cannot be graded 一般', async () => {
    const h = await reported('锅炉安全阀失效');
    const res = await safety.post(`/api/v1/hazards/${h.id}/assess`, { version: 1, grade: 'general', potentialDeaths: 1, basis: 'x' });
    expect(res.status).toBe(422);
    expect(res.body.error.details[0].path).toBe('body.grade');
    const lossAtThreshold = await safety.post(`/api/v1/hazards/${h.id}/assess`, { version: 1, directLossYuan: 500000, basis: '可能造成 50 万元以上损失' });
    expect(lossAtThreshold.body.grade).toBe('major');
  });

  it('need a supervisor and a deadline within 30 days; the committee hears at once when overdue; the register lists them', async () => {
    const h = await reported('危化品库防爆灯损坏');
    const a = await safety.post(`/api/v1/hazards/${h.id}/assess`, { version: 1, potentialDeaths: 3, basis: '爆炸风险' });
    const base = { version: a.body.version, responsibleDepartmentId: ids.departments.production, responsibleUserId: ids.users.production, measures: '停用并更换防爆灯具' };
    const noSupervisor = await safety.post(`/api/v1/hazards/${h.id}/dispatch`, { ...base, deadline: inDays(10) });
    expect(noSupervisor.status, JSON.stringify(noSupervisor.body)).toBe(422);
    expect(noSupervisor.body.error.details.map((d: { path: string }) => d.path)).toContain('body.supervisorId');
    const tooLate = await safety.post(`/api/v1/hazards/${h.id}/dispatch`, { ...base, deadline: inDays(45), supervisorId: ids.users.committee });
    expect(tooLate.body.error.details.map((d: { path: string }) => d.path)).toContain('body.deadline');
    const ok = await safety.post(`/api/v1/hazards/${h.id}/dispatch`, { ...base, deadline: inDays(5), supervisorId: ids.users.committee });
    expect(ok.status).toBe(200);
    const register = await committee.get('/api/v1/hazards/major-register');
    expect(register.body.items.map((i: { id: string }) => i.id)).toContain(h.id);
    // the supervisor may see it; overdue goes to the committee right away
    t.clock.advance(5 * DAY + 60_000);
    await t.drain();
    const escalated = await notificationsOf(h.id, 'hazard.escalated');
    expect(escalated.map((n) => n.user_id)).toContain(ids.users.committee);
    [safety, production] = await Promise.all([t.login('safety'), t.login('production')]); // sessions outlived by the clock
    const overdueList = await safety.get('/api/v1/hazards?overdue=true&pageSize=200');
    expect(overdueList.body.items.map((i: { id: string }) => i.id)).toContain(h.id);
    expect((await production.get(`/api/v1/hazards/${h.id}`)).body.overdue).toBe(true);
  });
});

describe('deadlines are real timers, each notice sent once', () => {
  it('reminds before, notifies at overdue, escalates to the committee after 72 h; a finished job cancels its timers', async () => {
    // earlier tests moved the clock past the sessions' lifetime
    [worker, safety] = await Promise.all([t.login('worker'), t.login('safety')]);
    const h = await reported('防护栏缺失');
    const a = await safety.post(`/api/v1/hazards/${h.id}/assess`, { version: 1, grade: 'general', basis: '一般隐患' });
    const d = await safety.post(`/api/v1/hazards/${h.id}/dispatch`, {
      version: a.body.version, responsibleDepartmentId: ids.departments.production, responsibleUserId: ids.users.worker, deadline: inDays(2), measures: '加装防护栏',
    });
    // a second hazard finished early: none of its timers may fire
    const early = await reported('提前完成');
    const ea = await safety.post(`/api/v1/hazards/${early.id}/assess`, { version: 1, grade: 'general', basis: 'x' });
    const ed = await safety.post(`/api/v1/hazards/${early.id}/dispatch`, {
      version: ea.body.version, responsibleDepartmentId: ids.departments.production, responsibleUserId: ids.users.worker, deadline: inDays(2), measures: 'x',
    });
    await worker.post(`/api/v1/hazards/${early.id}/submit`, { version: ed.body.version, note: '完成', afterPhotos: [await photo(worker)] });

    t.clock.advance(1 * DAY + 3_600_000); // 23 h before the deadline: the 24 h reminder is due
    await Promise.all([t.drain(), t.drain()]);
    expect((await notificationsOf(h.id, 'hazard.deadline_soon')).map((n) => n.user_id).sort()).toEqual([ids.users.production, ids.users.worker].sort());
    expect(await notificationsOf(h.id, 'hazard.overdue')).toEqual([]);

    t.clock.advance(1 * DAY); // past the deadline
    await t.drain();
    await t.drain();
    const overdue = (await notificationsOf(h.id, 'hazard.overdue')).map((n) => n.user_id);
    expect(overdue.sort()).toEqual([ids.users.production, ids.users.worker].sort());
    expect(await notificationsOf(h.id, 'hazard.escalated')).toEqual([]);

    t.clock.advance(3 * DAY);
    await t.drain();
    await t.drain();
    expect((await notificationsOf(h.id, 'hazard.escalated')).map((n) => n.user_id)).toEqual([ids.users.committee]);
    // each notice once, and nothing for the hazard finished early
    expect((await notificationsOf(h.id, 'hazard.deadline_soon')).length).toBe(2);
    for (const kind of ['hazard.deadline_soon', 'hazard.overdue', 'hazard.escalated']) expect(await notificationsOf(early.id, kind)).toEqual([]);
    expect(d.status).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, pngBytes, multipart, ORIGIN, type TestApp, type Client } from '../helpers/app.js';

let t: TestApp;
let ids: Awaited<ReturnType<TestApp['ids']>>;
let safety: Client, production: Client, equipment: Client, committee: Client, worker: Client, clinic: Client;
const HOUR = 3_600_000;

beforeAll(async () => {
  t = await startTestApp();
  ids = await t.ids();
  await loginAll();
});

/** Sessions last 12 hours of the clock: log everyone in again after moving it. */
async function loginAll() {
  [safety, production, equipment, committee, worker, clinic] = await Promise.all(
    ['safety', 'production', 'equipment', 'committee', 'worker', 'clinic'].map((u) => t.login(u)),
  );
}
afterAll(() => t?.stop());

async function photo(c: Client) {
  const { payload, headers } = multipart('scene.png', await pngBytes());
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/files', payload, headers: { ...headers, cookie: c.cookie!, origin: ORIGIN, host: 'localhost:3000' } });
  return JSON.parse(res.body).id as string;
}

async function template(key: string) {
  const res = await safety.get('/api/v1/flows/templates');
  expect(res.status).toBe(200);
  return res.body.items.find((x: { key: string }) => x.key === key);
}

async function dustHazard() {
  const res = await safety.post('/api/v1/hazards', { title: '打磨车间粉尘浓度超标', description: '除尘器风机故障，粉尘浓度 12 mg/m³', departmentId: ids.departments.production, areaId: ids.areas.A01 });
  expect(res.status).toBe(201);
  return res.body;
}

async function launchDust(data: Record<string, unknown> = { level: 2 }) {
  const h = await dustHazard();
  const tpl = await template('dust-over-limit');
  const res = await safety.post('/api/v1/flows/instances', { templateId: tpl.id, title: h.title, subjectType: 'hazard', subjectId: h.id, data });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Move the test clock to an instant (it only moves forward by offsets). */
const setClock = (at: number) => t.clock.advance(at - t.clock.now().getTime());

const task = (c: { tasks: { key: string }[] }, key: string) => c.tasks.find((x) => x.key === key) as any;

async function notes(kind: string, subjectId: string) {
  return t.database.owner.query<{ user_id: string }>('SELECT user_id FROM notifications WHERE kind = $1 AND subject_id = $2', [kind, subjectId]);
}

async function pendingTimers(caseId: string) {
  const rows = await t.database.owner.query<{ n: string }>(`SELECT count(*) AS n FROM jobs WHERE state = 'pending' AND singleton_key LIKE $1`, [`flow:${caseId}:%`]);
  return Number(rows[0].n);
}

describe('process templates', () => {
  it('lists the built-in templates with name, version and steps, documented in OpenAPI', async () => {
    const res = await worker.get('/api/v1/flows/templates');
    expect(res.status).toBe(200);
    const keys = res.body.items.map((x: { key: string }) => x.key);
    expect(keys).toEqual(expect.arrayContaining(['dust-over-limit', 'abnormal-noise', 'school-wiring', 'park-inspection', 'hazard-rectification']));
    const dust = res.body.items.find((x: { key: string }) => x.key === 'dust-over-limit');
    expect(dust).toMatchObject({ name: '粉尘超标协同处置', version: 1 });
    expect(dust.steps.map((s: { departmentName: string }) => s.departmentName)).toEqual(['生产部', '设备部', '安全环保部', '生产部']);
    const spec = await t.app.inject({ method: 'GET', url: '/api/v1/docs/json' });
    const paths = Object.keys(JSON.parse(spec.body).paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/flows/templates', '/api/v1/flows/instances', '/api/v1/flows/tasks', '/api/v1/flows/tasks/{id}/submit']));
  });

  it('refuses a template that cannot finish, naming the step', async () => {
    const definition = {
      nodes: [
        { id: 'start', type: 'start' },
        { id: 'a', type: 'task', name: '检查', assignee: { departmentCode: 'safety' }, deadline: { hours: 4 }, form: { type: 'object', properties: {}, required: [] } },
        { id: 'orphan', type: 'task', name: '孤立步骤', assignee: { departmentCode: 'hr' }, deadline: { hours: 4 }, form: { type: 'object', properties: {}, required: [] } },
        { id: 'end', type: 'end' },
      ],
      edges: [
        { id: 'e1', from: 'start', to: 'a' },
        { id: 'e2', from: 'a', to: 'end' },
        { id: 'e3', from: 'orphan', to: 'end' },
      ],
    };
    const res = await safety.post('/api/v1/flows/templates', { name: '测试模板', category: 'collaboration', subjectTypes: ['none'], definition });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toContainEqual({ path: 'body.definition.nodes.2', message: expect.stringContaining('孤立步骤') });
    const check = await safety.post('/api/v1/flows/templates/validate', { definition });
    expect(check.body.ok).toBe(false);
    // fixed: saved as version 1; a worker may not design
    definition.edges.push({ id: 'e4', from: 'start', to: 'orphan' });
    expect((await worker.post('/api/v1/flows/templates', { name: '测试模板', category: 'collaboration', subjectTypes: ['none'], definition })).status).toBe(403);
    const saved = await safety.post('/api/v1/flows/templates', { key: 'test-two-checks', name: '测试模板', category: 'collaboration', subjectTypes: ['none'], definition });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ key: 'test-two-checks', version: 1 });
  });

  it('a new version applies to new cases only; a stale base version is a conflict', async () => {
    const tpl = await template('abnormal-noise');
    const running = await safety.post('/api/v1/flows/instances', { templateId: tpl.id, title: '2号线异响', subjectType: 'none' });
    expect(running.status).toBe(201);
    const definition = structuredClone(tpl.definition);
    definition.nodes.find((n: { id: string }) => n.id === 'diagnose').name = '诊断（新版）';
    const v2 = await safety.post(`/api/v1/flows/templates/${tpl.id}/versions`, { baseVersion: 1, name: tpl.name, category: tpl.category, subjectTypes: tpl.subjectTypes, definition });
    expect(v2.status).toBe(201);
    expect(v2.body.version).toBe(2);
    const stale = await safety.post(`/api/v1/flows/templates/${tpl.id}/versions`, { baseVersion: 1, name: tpl.name, category: tpl.category, subjectTypes: tpl.subjectTypes, definition });
    expect(stale.status).toBe(409);
    const board = await safety.get(`/api/v1/flows/instances/${running.body.id}`);
    expect(board.body.template.version).toBe(1);
    expect(task(board.body, 'diagnose').name).toBe('诊断并制定维修方案');
    const fresh = await safety.post('/api/v1/flows/instances', { templateId: v2.body.id, title: '3号线异响', subjectType: 'none' });
    expect(task(fresh.body, 'diagnose').name).toBe('诊断（新版）');
  });
});

describe('scenario 2: dust over the limit, one click to three departments', () => {
  it('suggests the dust template for a dust hazard', async () => {
    const h = await dustHazard();
    const res = await safety.get(`/api/v1/flows/templates/suggest?subjectType=hazard&subjectId=${h.id}`);
    expect(res.status).toBe(200);
    expect(res.body.template.key).toBe('dust-over-limit');
    expect(res.body.title).toBe(h.title);
    expect(res.body.data).toEqual({ concentration: 12 }); // read from "粉尘浓度 12 mg/m³"
  });

  it('runs end to end: parallel tasks, one department overdue → reminded once → escalated once, join, completion', async () => {
    const c = await launchDust();
    expect(c).toMatchObject({ status: 'running', subject: { type: 'hazard' }, progress: { done: 0, total: 2 } });
    const stop = task(c, 'stop');
    const repair = task(c, 'repair');
    expect(stop).toMatchObject({ status: 'open', department: { id: ids.departments.production } });
    expect(repair).toMatchObject({ status: 'open', department: { id: ids.departments.equipment } });
    expect(task(c, 'monitor')).toBeUndefined(); // after the join
    // each department hears of its task at once
    expect((await notes('flow.task', stop.id)).map((n) => n.user_id)).toContain(ids.users.production);
    expect((await notes('flow.task', repair.id)).map((n) => n.user_id)).toContain(ids.users.equipment);

    // production sees its task, takes it and hands in the outputs (missing ones named)
    const mine = await production.get('/api/v1/flows/tasks?scope=mine');
    expect(mine.body.items.map((x: { id: string }) => x.id)).toContain(stop.id);
    const board = await production.get(`/api/v1/flows/instances/${c.id}`);
    expect(task(board.body, 'stop').timestamps.openedAt).not.toBeNull();
    const started = await production.post(`/api/v1/flows/tasks/${stop.id}/start`, { version: task(board.body, 'stop').version });
    expect(started.status).toBe(200);
    const missing = await production.post(`/api/v1/flows/tasks/${stop.id}/submit`, { version: started.body.version, outputs: { measures: '  ' } });
    expect(missing.status).toBe(422);
    expect(missing.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['body.outputs.measures', 'body.outputs.photos']));
    expect((await equipment.post(`/api/v1/flows/tasks/${stop.id}/submit`, { version: started.body.version, outputs: {} })).status).toBe(403);
    const done = await production.post(`/api/v1/flows/tasks/${stop.id}/submit`, { version: started.body.version, outputs: { measures: '已停机并撤离人员', photos: [await photo(production)] } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.status).toBe('done');
    expect(await pendingTimers(c.id)).toBe(3); // only equipment's remind, overdue and escalate remain

    // equipment stays silent: reminded once before its deadline, overdue once, escalated once
    const due = new Date(repair.dueAt).getTime();
    setClock((due - HOUR + 1000));
    await t.drain();
    await t.drain();
    expect(await notes('flow.remind', repair.id)).toHaveLength((await notes('flow.task', repair.id)).length);
    setClock((due + 1000));
    await t.drain();
    const overdue = await notes('flow.overdue', repair.id);
    expect(overdue.map((n) => n.user_id)).toEqual(expect.arrayContaining([ids.users.equipment, ids.users.safety]));
    expect(await notes('flow.escalate', repair.id)).toHaveLength(0);
    setClock((due + 4 * HOUR + 2000));
    await t.drain();
    const escalated = await notes('flow.escalate', repair.id);
    expect(escalated.map((n) => n.user_id)).toContain(ids.users.committee);
    await t.drain();
    expect(await notes('flow.remind', repair.id)).toHaveLength((await notes('flow.task', repair.id)).length);
    expect(await notes('flow.overdue', repair.id)).toHaveLength(overdue.length);
    expect(await notes('flow.escalate', repair.id)).toHaveLength(escalated.length);

    await loginAll();
    const [eq, sf, pr] = [equipment, safety, production];
    const late = (await eq.get(`/api/v1/flows/instances/${c.id}`)).body;
    expect(task(late, 'repair')).toMatchObject({ overdue: true, overdueAt: expect.any(String) });
    const sub = await eq.post(`/api/v1/flows/tasks/${repair.id}/submit`, {
      version: task(late, 'repair').version,
      outputs: { cause: '风机皮带断裂', plan: '更换皮带并清理滤袋', photos: [await photo(eq)] },
    });
    expect(sub.status, JSON.stringify(sub.body)).toBe(200);
    expect(sub.body.status).toBe('submitted'); // the initiator reviews it
    expect((await notes('flow.review', repair.id)).map((n) => n.user_id)).toContain(ids.users.safety);
    const rejected = await sf.post(`/api/v1/flows/tasks/${repair.id}/reject`, { version: sub.body.version, reason: '缺少维修记录' });
    expect(rejected.body).toMatchObject({ status: 'in_progress', rejections: 1, lastRejection: '缺少维修记录' });
    const again = await eq.post(`/api/v1/flows/tasks/${repair.id}/submit`, {
      version: rejected.body.version,
      outputs: { cause: '风机皮带断裂', plan: '更换皮带并清理滤袋', photos: [await photo(eq)], files: [await photo(eq)] },
    });
    const approved = await sf.post(`/api/v1/flows/tasks/${repair.id}/approve`, { version: again.body.version });
    expect(approved.body.status).toBe('done');
    expect(await pendingTimers(c.id)).toBeGreaterThanOrEqual(1); // the monitor task's timers, none of repair's

    // the join opened the monitor task for 安全环保部; a passing result leads to resuming production
    const joined = (await sf.get(`/api/v1/flows/instances/${c.id}`)).body;
    const monitor = task(joined, 'monitor');
    expect(monitor).toMatchObject({ status: 'open', department: { id: ids.departments.safety } });
    const badChoice = await sf.post(`/api/v1/flows/tasks/${monitor.id}/submit`, { version: monitor.version, outputs: { concentration: 3.2, result: '还行' } });
    expect(badChoice.status).toBe(422);
    expect(badChoice.body.error.details[0].path).toBe('body.outputs.result');
    await sf.post(`/api/v1/flows/tasks/${monitor.id}/submit`, { version: monitor.version, outputs: { concentration: 3.2, result: '合格' } });
    const resume = task((await pr.get(`/api/v1/flows/instances/${c.id}`)).body, 'resume');
    const last = await pr.post(`/api/v1/flows/tasks/${resume.id}/submit`, { version: resume.version, outputs: { note: '已恢复生产' } });
    expect(last.status).toBe(200);
    const final = (await sf.get(`/api/v1/flows/instances/${c.id}`)).body;
    expect(final).toMatchObject({ status: 'completed', completedAt: expect.any(String), progress: { done: 4, total: 4 } });
    const kinds = final.timeline.map((x: { kind: string }) => x.kind);
    for (const k of ['launched', 'task.activated', 'task.opened', 'task.started', 'task.submitted', 'task.reminded', 'task.overdue', 'task.escalated', 'task.rejected', 'task.approved', 'completed']) {
      expect(kinds).toContain(k);
    }
    expect(kinds.filter((k: string) => k === 'task.reminded')).toHaveLength(1);
    expect(kinds.filter((k: string) => k === 'task.escalated')).toHaveLength(1);
    expect(await pendingTimers(c.id)).toBe(0);
    // every step's timestamps are kept for analytics
    expect(task(final, 'repair').timestamps).toMatchObject({ createdAt: expect.any(String), openedAt: expect.any(String), submittedAt: expect.any(String), rejectedAt: expect.any(String), approvedAt: expect.any(String), overdueAt: expect.any(String), doneAt: expect.any(String) });
  });
});

describe('collaboration details', () => {
  it('a rising level adds the clinic by rule, and the case waits for it', async () => {
    const c = await launchDust({ level: 2 });
    expect(task(c, 'health-check')).toBeUndefined();
    const low = await safety.patch(`/api/v1/flows/instances/${c.id}/data`, { version: c.version, data: { level: 'high' } });
    expect(low.status).toBe(422);
    expect(low.body.error.details[0].path).toBe('body.data.level');
    const raised = await safety.patch(`/api/v1/flows/instances/${c.id}/data`, { version: c.version, data: { level: 3 } });
    expect(raised.status).toBe(200);
    const check = task(raised.body, 'health-check');
    expect(check).toMatchObject({ status: 'open', department: { id: ids.departments.clinic }, ruleName: expect.stringContaining('医务室') });
    // clinic sees the case now
    expect((await clinic.get(`/api/v1/flows/instances/${c.id}`)).status).toBe(200);
    const board = (await safety.get(`/api/v1/flows/instances/${c.id}`)).body;
    expect(board.timeline.map((x: { kind: string }) => x.kind)).toContain('rule.fired');
  });

  it('an extension asked with a reason, granted by the initiator, moves the deadline and its timers; a refusal keeps them', async () => {
    const c = await launchDust();
    const stop = task(c, 'stop');
    const until = new Date(new Date(stop.dueAt).getTime() + 6 * HOUR).toISOString();
    const noReason = await production.post(`/api/v1/flows/tasks/${stop.id}/extension`, { version: stop.version, until });
    expect(noReason.status).toBe(422);
    const asked = await production.post(`/api/v1/flows/tasks/${stop.id}/extension`, { version: stop.version, until, reason: '需等待夜班完成在制品' });
    expect(asked.status).toBe(200);
    expect(asked.body.extension).toMatchObject({ reason: '需等待夜班完成在制品' });
    expect((await production.post(`/api/v1/flows/tasks/${stop.id}/extension`, { version: asked.body.version, until, reason: '再次' })).status).toBe(409);
    expect((await production.post(`/api/v1/flows/tasks/${stop.id}/extension/decision`, { version: asked.body.version, approve: true })).status).toBe(403);
    const review = await safety.get('/api/v1/flows/tasks?scope=review');
    expect(review.body.items.map((x: { id: string }) => x.id)).toContain(stop.id);
    const granted = await safety.post(`/api/v1/flows/tasks/${stop.id}/extension/decision`, { version: asked.body.version, approve: true, comment: '同意' });
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ dueAt: until, extension: null });
    const jobs = await t.database.owner.query<{ run_at: Date }>(`SELECT run_at FROM jobs WHERE state = 'pending' AND singleton_key = $1`, [`flow:${c.id}:stop:overdue`]);
    expect(jobs.map((j) => new Date(j.run_at).toISOString())).toEqual([until]);

    const repair = task(c, 'repair');
    const asked2 = await equipment.post(`/api/v1/flows/tasks/${repair.id}/extension`, { version: repair.version, until: new Date(new Date(repair.dueAt).getTime() + HOUR).toISOString(), reason: '备件未到' });
    const refused = await safety.post(`/api/v1/flows/tasks/${repair.id}/extension/decision`, { version: asked2.body.version, approve: false, comment: '请先临时处理' });
    expect(refused.body).toMatchObject({ dueAt: repair.dueAt, extension: null });
    const kinds = (await safety.get(`/api/v1/flows/instances/${c.id}`)).body.timeline.map((x: { kind: string }) => x.kind);
    expect(kinds).toEqual(expect.arrayContaining(['task.extension_requested', 'task.extension_approved', 'task.extension_refused']));
  });

  it('a cancelled case cancels its tasks and timers and refuses further steps', async () => {
    const c = await launchDust();
    expect(await pendingTimers(c.id)).toBeGreaterThan(0);
    expect((await production.post(`/api/v1/flows/instances/${c.id}/cancel`, { version: c.version, reason: '误报' })).status).toBe(403);
    const cancelled = await safety.post(`/api/v1/flows/instances/${c.id}/cancel`, { version: c.version, reason: '重复发起' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: '重复发起' });
    expect(cancelled.body.tasks.every((x: { status: string }) => x.status === 'cancelled')).toBe(true);
    expect(await pendingTimers(c.id)).toBe(0);
    const stop = task(cancelled.body, 'stop');
    expect((await production.post(`/api/v1/flows/tasks/${stop.id}/start`, { version: stop.version })).status).toBe(409);
  });

  it('comments with photos and @mentions reach every participant; outsiders see nothing', async () => {
    const c = await launchDust();
    const res = await production.post(`/api/v1/flows/instances/${c.id}/comments`, { body: '@设备部 风机备件库里有', taskKey: 'repair', files: [await photo(production)], mentions: [ids.users.equipment] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ taskKey: 'repair', mentions: [{ id: ids.users.equipment }], files: [{ mime: 'image/png' }] });
    const seen = (await equipment.get(`/api/v1/flows/instances/${c.id}`)).body;
    expect(seen.comments.map((x: { body: string }) => x.body)).toContain('@设备部 风机备件库里有');
    expect((await notes('flow.comment', c.id)).map((n) => n.user_id)).toEqual([ids.users.equipment]);
    // 人事部 has no task in it
    const hr = await t.login('hr');
    expect((await hr.get(`/api/v1/flows/instances/${c.id}`)).status).toBe(404);
    const list = await hr.get('/api/v1/flows/instances');
    expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(c.id);
    const mentionsBad = await production.post(`/api/v1/flows/instances/${c.id}/comments`, { body: 'x', mentions: ['00000000-0000-4000-8000-000000000000'] });
    expect(mentionsBad.status).toBe(422);
    expect(mentionsBad.body.error.details[0].path).toBe('body.mentions.0');
  });

  it('launching asks for a department the organisation lacks, and replays an Idempotency-Key', async () => {
    const tpl = await template('school-wiring');
    const res = await safety.post('/api/v1/flows/instances', { templateId: tpl.id, title: '教学楼3层线路老化', subjectType: 'none' });
    expect(res.status).toBe(422);
    // the factory has no security or academic department; its 设备部 serves the maintenance function
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['body.tasks.rate.departmentId', 'body.tasks.move.departmentId']);
    const body = {
      templateId: tpl.id,
      title: '教学楼3层线路老化',
      subjectType: 'none',
      tasks: { rate: { departmentId: ids.departments.safety }, move: { departmentId: ids.departments.office }, plan: { departmentId: ids.departments.logistics, deadlineHours: 48 } },
    };
    const first = await safety.post('/api/v1/flows/instances', body, { 'idempotency-key': 'launch-wiring-0001' });
    expect(first.status).toBe(201);
    const replay = await safety.post('/api/v1/flows/instances', body, { 'idempotency-key': 'launch-wiring-0001' });
    expect(replay.body.id).toBe(first.body.id);
    // an exclusive branch: a low rating skips moving classes
    const rate = task(first.body, 'rate');
    await safety.post(`/api/v1/flows/tasks/${rate.id}/submit`, { version: rate.version, outputs: { risk: '低风险', basis: '线路局部老化', photos: [await photo(safety)] } });
    const after = (await safety.get(`/api/v1/flows/instances/${first.body.id}`)).body;
    expect(after.nodeStates).toMatchObject({ move: 'dead', plan: 'live' });
    expect(task(after, 'move')).toBeUndefined();
    expect(after.timeline.map((x: { kind: string }) => x.kind)).toContain('node.skipped');
  });

  it('two people acting on one task at once: one wins, the other gets a conflict', async () => {
    const c = await launchDust();
    const stop = task(c, 'stop');
    const other = await t.login('production');
    const results = await Promise.all([production, other].map((cl) => cl.post(`/api/v1/flows/tasks/${stop.id}/start`, { version: stop.version })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });
});

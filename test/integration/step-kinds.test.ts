/**
 * One record, one process (C1, C5): seed scenario 1 end to end. 生产部 reports the spindle noise
 * once; 安全环保部 launches 生产线异响处置 from the hazard; 设备部, 安全环保部 and 人事部 each do their
 * steps once, in the case — and the hazard, its repair order and its qualification check move with
 * the tasks, so the hazard ends 已销号, the order 已完成, the check 已确认, and 各部门进展 agrees.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, pngBytes, multipart, ORIGIN, type TestApp, type Client } from '../helpers/app.js';

let t: TestApp;
let ids: Awaited<ReturnType<TestApp['ids']>>;
let production: Client, safety: Client, equipment: Client, hr: Client, committee: Client;
let cnc002: string;

beforeAll(async () => {
  t = await startTestApp();
  ids = await t.ids();
  [cnc002] = (await t.database.owner.query<{ id: string }>(`SELECT id::text FROM equipment WHERE tenant_id = $1 AND code = 'CNC-002'`, [t.tenantId])).map((r) => r.id);
  [production, safety, equipment, hr, committee] = await Promise.all(['production', 'safety', 'equipment', 'hr', 'committee'].map((u) => t.login(u)));
});
afterAll(() => t?.stop());

async function photo(c: Client) {
  const { payload, headers } = multipart('after.png', await pngBytes());
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/files', payload, headers: { ...headers, cookie: c.cookie!, origin: ORIGIN, host: 'localhost:3000' } });
  return JSON.parse(res.body).id as string;
}

const task = (c: { tasks: { key: string }[] }, key: string) => c.tasks.find((x) => x.key === key) as any;
const chinaDay = (offsetDays: number) => new Date(t.clock.now().getTime() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function board(id: string, as: Client = safety) {
  const res = await as.get(`/api/v1/flows/instances/${id}`);
  expect(res.status).toBe(200);
  return res.body;
}

async function submit(as: Client, caseId: string, key: string, outputs: Record<string, unknown>) {
  const tk = task(await board(caseId, as), key);
  expect(tk.status, `${key} should be in hand`).not.toBe('done');
  return as.post(`/api/v1/flows/tasks/${tk.id}/submit`, { version: tk.version, outputs });
}

async function reportNoise() {
  const res = await production.post('/api/v1/hazards', {
    title: `数控车床 CNC-002 主轴异响 ${Math.random().toString(36).slice(2, 6)}`,
    description: '早班开机后主轴有明显异响，已停机挂牌',
    departmentId: ids.departments.production,
    areaId: ids.areas.A01,
    equipmentId: cnc002,
  });
  expect(res.status).toBe(201);
  await t.drain(); // the repair order and the qualification check are made by the report's handlers
  return res.body as { id: string; code: string };
}

async function launch(hazardId: string) {
  const suggested = await safety.get(`/api/v1/flows/templates/suggest?subjectType=hazard&subjectId=${hazardId}`);
  expect(suggested.body.template.key).toBe('abnormal-noise');
  const res = await safety.post('/api/v1/flows/instances', { templateId: suggested.body.template.id, title: suggested.body.title, subjectType: 'hazard', subjectId: hazardId });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('scenario 1: the line noise, one report and one process', () => {
  it('every department acts once in the case; hazard, repair order and qualification check all end done', async () => {
    const h = await reportNoise();
    const c = await launch(h.id);
    expect(task(c, 'diagnose')).toMatchObject({ kind: 'repair.plan', kindName: '维修方案', status: 'open' });

    // 设备部: diagnosis and plan → the repair order is in progress
    expect((await submit(equipment, c.id, 'diagnose', { cause: '主轴轴承磨损', plan: '更换主轴轴承并校正' })).status).toBe(200);
    const order = (await equipment.get('/api/v1/repair-orders')).body.items.find((o: any) => o.hazard.id === h.id);
    expect(order).toMatchObject({ status: 'in_progress', plan: '更换主轴轴承并校正', diagnosis: '主轴轴承磨损' });

    // a wrong department may not do safety's grading; HR may not do it either
    expect((await submit(hr, c.id, 'assess', { potentialDeaths: 0, directLossYuan: 20000, basis: 'x' })).status).toBe(403);
    // 安全环保部 grades with the unified standard (figures making a 重大隐患 cannot be graded 一般)
    const tooLow = await submit(safety, c.id, 'assess', { potentialDeaths: 1, directLossYuan: 0, grade: '一般隐患', basis: '可能致人死亡' });
    expect(tooLow.status).toBe(422);
    expect((await submit(safety, c.id, 'assess', { potentialDeaths: 0, directLossYuan: 20000, basis: '轴承磨损可致卡盘松脱伤人，按统一标准评估' })).status).toBe(200);
    let hazard = (await safety.get(`/api/v1/hazards/${h.id}`)).body;
    expect(hazard).toMatchObject({ status: 'assessed', grade: 'general' });

    // 人事部 confirms: the verdict comes from the certificate records, not from the form
    expect((await submit(hr, c.id, 'qualify', { note: '过期证书人员已安排复审，维修期间不上岗' })).status).toBe(200);
    const check = (await hr.get('/api/v1/qualification-checks')).body.items.find((x: any) => x.hazard.id === h.id);
    expect(check).toMatchObject({ status: 'confirmed', operatorCount: 2, qualifiedCount: 1, note: '过期证书人员已安排复审，维修期间不上岗' });

    // 安全环保部 dispatches: the case's repairing department becomes responsible; the fix falls due on the chosen day
    expect((await submit(safety, c.id, 'dispatch', { measures: '更换主轴轴承', deadline: chinaDay(60 + 5) })).status).toBe(422); // over 60 days for 一般隐患
    expect((await submit(safety, c.id, 'dispatch', { measures: '更换主轴轴承', deadline: chinaDay(3) })).status).toBe(200);
    hazard = (await safety.get(`/api/v1/hazards/${h.id}`)).body;
    expect(hazard).toMatchObject({ status: 'rectifying', responsibleDepartment: { id: ids.departments.equipment } });
    const afterDispatch = await board(c.id);
    expect(task(afterDispatch, 'fix').dueAt).toBe(new Date(`${chinaDay(3)}T23:59:59.000+08:00`).toISOString());

    // 设备部 finishes the repair once: the order is done and the hazard's rectification handed in
    expect((await submit(equipment, c.id, 'fix', { result: '轴承已更换，空载试运行 2 小时无异响', afterPhotos: [await photo(equipment)] })).status).toBe(200);
    expect((await equipment.get(`/api/v1/repair-orders/${order.id}`)).body.status).toBe('done');
    hazard = (await safety.get(`/api/v1/hazards/${h.id}`)).body;
    expect(hazard.status).toBe('verifying');
    expect(hazard.rectification.afterPhotos).toHaveLength(1);

    // 验收 passes: closed
    expect((await submit(safety, c.id, 'verify', { result: '通过', comment: '试运行正常' })).status).toBe(200);
    const done = await board(c.id);
    expect(done).toMatchObject({ status: 'completed', progress: { done: 6, total: 6 }, subject: { type: 'hazard', statusLabel: '已销号 · 一般隐患' } });
    expect((await safety.get(`/api/v1/hazards/${h.id}`)).body.status).toBe('closed');
    expect(done.timeline.map((l: any) => l.text)).toEqual(expect.arrayContaining([expect.stringContaining(`隐患 ${h.code} 验收通过，已销号`)]));

    // 各部门进展 agrees with the case: every department done
    const progress = await production.get(`/api/v1/hazards/${h.id}/departments`);
    expect(progress.body.items.map((i: any) => [i.role, i.done])).toEqual([
      ['reporter', true],
      ['assessor', true],
      ['repair', true],
      ['qualification', true],
    ]);
    // one history: the hazard's own transitions were recorded by the steps
    const history = (await safety.get(`/api/v1/hazards/${h.id}`)).body.timeline;
    expect(history.map((x: any) => x.action)).toEqual(['assess', 'dispatch', 'submit', 'pass']);
  });

  it('a rejected acceptance sends the repair back; the verifier is never the rectifier', async () => {
    const h = await reportNoise();
    const c = await launch(h.id);
    await submit(equipment, c.id, 'diagnose', { plan: '更换轴承' });
    await submit(safety, c.id, 'assess', { potentialDeaths: 0, directLossYuan: 5000, basis: '一般' });
    await submit(hr, c.id, 'qualify', {});
    await submit(safety, c.id, 'dispatch', { measures: '更换轴承', deadline: chinaDay(2) });
    await submit(equipment, c.id, 'fix', { result: '已更换', afterPhotos: [await photo(equipment)] });
    expect((await submit(safety, c.id, 'verify', { result: '驳回' })).status).toBe(422); // a reason is required
    expect((await submit(safety, c.id, 'verify', { result: '驳回', comment: '仍有异响' })).status).toBe(200);
    let b = await board(c.id);
    expect(task(b, 'fix')).toMatchObject({ status: 'in_progress', rejections: 1, lastRejection: '仍有异响' });
    expect(task(b, 'verify').status).toBe('cancelled');
    expect((await safety.get(`/api/v1/hazards/${h.id}`)).body.status).toBe('rectifying');
    // the rework: the repair order stays done, the hazard goes to acceptance again
    expect((await submit(equipment, c.id, 'fix', { result: '重新校正主轴', afterPhotos: [await photo(equipment)] })).status).toBe(200);
    b = await board(c.id);
    expect(task(b, 'verify').status).toBe('open');
    expect((await safety.get(`/api/v1/hazards/${h.id}`)).body.status).toBe('verifying');
    // the equipment head rectified: they may not accept it even where they could otherwise
    expect((await submit(equipment, c.id, 'verify', { result: '通过' })).status).toBe(403);
    expect((await submit(safety, c.id, 'verify', { result: '通过' })).status).toBe(200);
    expect((await board(c.id)).status).toBe('completed');
  });

  it('a step taken on the hazard page completes the case task of that kind: one state', async () => {
    const h = await reportNoise();
    const c = await launch(h.id);
    await submit(equipment, c.id, 'diagnose', { plan: '更换轴承' });
    const assessed = await safety.post(`/api/v1/hazards/${h.id}/assess`, { version: (await safety.get(`/api/v1/hazards/${h.id}`)).body.version, grade: 'general', basis: '页面评估' });
    expect(assessed.status).toBe(200);
    const b = await board(c.id);
    expect(task(b, 'assess').status).toBe('done');
    expect(b.timeline.map((l: any) => l.text)).toEqual(expect.arrayContaining([expect.stringContaining('已在记录页面完成「评估定级」')]));
    // and the case goes on from there: 资质核查 is still 人事部's, 整改派发 waits for it
    expect(task(b, 'qualify').status).toBe('open');
    expect(task(b, 'dispatch')).toBeUndefined();
    expect(committee).toBeTruthy();
  });

  it('without a record (subject none) the same template runs as plain tasks', async () => {
    const tpl = (await safety.get('/api/v1/flows/templates')).body.items.find((x: any) => x.key === 'abnormal-noise');
    const c = (await safety.post('/api/v1/flows/instances', { templateId: tpl.id, title: '空压机异响演练', subjectType: 'none' })).body;
    expect((await submit(equipment, c.id, 'diagnose', { plan: '检查' })).status).toBe(200);
    expect(task(await board(c.id), 'diagnose').status).toBe('done');
  });
});

describe('the contract: step kinds in templates, separation of duties, departments by function', () => {
  it('offers the registered step kinds; a template naming an unknown kind or one for another subject is refused; a kind brings its form', async () => {
    const kinds = await safety.get('/api/v1/flows/step-kinds');
    expect(kinds.status).toBe(200);
    expect(kinds.body.items.map((k: any) => k.id)).toEqual(
      expect.arrayContaining(['hazard.assess', 'hazard.dispatch', 'hazard.rectify', 'hazard.verify', 'repair.diagnose', 'repair.plan', 'repair.complete', 'qualification.check']),
    );
    const empty = { type: 'object', properties: {}, required: [], additionalProperties: false };
    const definition = (kind: string) => ({
      nodes: [
        { id: 'start', type: 'start' },
        { id: 'grade', type: 'task', kind, name: '定级', assignee: { departmentCode: 'safety' }, deadline: { hours: 4 }, form: empty },
        { id: 'end', type: 'end' },
      ],
      edges: [{ id: 'e1', from: 'start', to: 'grade' }, { id: 'e2', from: 'grade', to: 'end' }],
    });
    const unknown = await safety.post('/api/v1/flows/templates', { name: '自定义定级', category: 'hazard', subjectTypes: ['hazard'], definition: definition('hazard.nothing') });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details).toContainEqual({ path: 'body.definition.nodes.1.kind', message: 'no step kind "hazard.nothing"' });
    const wrongSubject = await safety.post('/api/v1/flows/templates', { name: '自定义定级', category: 'hazard', subjectTypes: ['warning'], definition: definition('hazard.assess') });
    expect(wrongSubject.status).toBe(422);
    const saved = await safety.post('/api/v1/flows/templates', { name: '自定义定级', category: 'hazard', subjectTypes: ['hazard'], definition: definition('hazard.assess') });
    expect(saved.status).toBe(201);
    expect(Object.keys(saved.body.definition.nodes[1].form.properties)).toEqual(['potentialDeaths', 'directLossYuan', 'grade', 'basis']);
    expect(saved.body.steps[0]).toMatchObject({ kind: 'hazard.assess', departmentName: '安全环保部' });
  });

  it('a template never shows a department code: the name, or which kind of department is needed', async () => {
    const school = (await safety.get('/api/v1/flows/templates')).body.items.find((x: any) => x.key === 'school-wiring');
    const rate = school.steps.find((s: any) => s.id === 'rate');
    expect(rate).toMatchObject({ departmentName: null, departmentNeeded: '需要「保卫」职能的部门' });
    const launch = await safety.post('/api/v1/flows/instances', { templateId: school.id, title: '线路老化', subjectType: 'none' });
    expect(launch.body.error.details[0].message).toContain('需要「保卫」职能的部门');
  });

  it('the hazard page refuses a dispatcher naming themself supervisor, naming the rule', async () => {
    const h = await reportNoise();
    const a = await safety.post(`/api/v1/hazards/${h.id}/assess`, { version: (await safety.get(`/api/v1/hazards/${h.id}`)).body.version, potentialDeaths: 3, basis: '可致多人死亡' });
    expect(a.body.grade).toBe('major');
    const res = await safety.post(`/api/v1/hazards/${h.id}/dispatch`, {
      version: a.body.version, responsibleDepartmentId: ids.departments.equipment, responsibleUserId: ids.users.equipment,
      deadline: new Date(t.clock.now().getTime() + 5 * 86_400_000).toISOString(), measures: '停机更换', supervisorId: ids.users.safety,
    });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'SEPARATION_OF_DUTIES', message: expect.stringContaining('dispatcher-not-supervisor') });
  });
});

/**
 * "一次录入、多部门共享" (C1): 生产部 logs a machine-tool fault once; 安全环保部 sees a hazard to assess,
 * 设备部 a repair order, 人事部 a check of the operators' qualifications; the record shows every
 * department's progress. Also the QR codes that open the report form (C20).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, pngBytes, multipart, ORIGIN, type TestApp, type Client } from '../helpers/app.js';
import { seedDemo } from '../../src/server/seed/demo.js';
import { userActor } from '../../src/server/platform/access.js';
import { toStoredEvent } from '../../src/server/platform/events/bus.js';

let t: TestApp;
let ids: Awaited<ReturnType<TestApp['ids']>>;
let equipmentIds: Record<string, string>;
let production: Client, safety: Client, equipment: Client, hr: Client, worker: Client, admin: Client;

beforeAll(async () => {
  t = await startTestApp();
  ids = await t.ids();
  const rows = await t.database.owner.query<{ code: string; id: string }>('SELECT code, id::text FROM equipment WHERE tenant_id = $1', [t.tenantId]);
  equipmentIds = Object.fromEntries(rows.map((r) => [r.code, r.id]));
  [production, safety, equipment, hr, worker, admin] = await Promise.all(
    ['production', 'safety', 'equipment', 'hr', 'worker', 'admin'].map((u) => t.login(u)),
  );
});
afterAll(() => t?.stop());

async function upload(c: Client) {
  const { payload, headers } = multipart('plan.png', await pngBytes());
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/files', payload, headers: { ...headers, cookie: c.cookie!, origin: ORIGIN, host: 'localhost:3000' } });
  expect(res.statusCode).toBe(201);
  return JSON.parse(res.body).id as string;
}

async function report(c: Client, title: string, equipmentCode: string | null, areaCode = 'A01') {
  const res = await c.post('/api/v1/hazards', {
    title,
    description: '班前点检发现，已停机挂牌',
    departmentId: ids.departments.production,
    areaId: ids.areas[areaCode],
    ...(equipmentCode ? { equipmentId: equipmentIds[equipmentCode] } : {}),
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; code: string };
}

async function notifications(userId: string, kind: string, subjectId?: string) {
  return t.database.owner.query<{ title: string; subject_id: string; link: string }>(
    `SELECT title, subject_id::text, link FROM notifications WHERE user_id = $1 AND kind = $2 ${subjectId ? 'AND subject_id = $3' : ''}`,
    subjectId ? [userId, kind, subjectId] : [userId, kind],
  );
}

describe('one entry, every department: a machine-tool fault reported by 生产部', () => {
  let hazard: { id: string; code: string };
  let repair: any;
  let check: any;

  it('reaches the safety department as a hazard to assess', async () => {
    hazard = await report(production, '数控车床 CNC-002 主轴异响、卡盘松动', 'CNC-002');
    // the handlers run as jobs after commit: nothing exists before they have run
    expect((await equipment.get('/api/v1/repair-orders')).body.items.some((o: any) => o.hazard.id === hazard.id)).toBe(false);
    await t.drain();
    const list = await safety.get(`/api/v1/hazards?q=${encodeURIComponent('CNC-002')}`);
    expect(list.body.items.map((h: any) => h.id)).toContain(hazard.id);
    expect(await notifications(ids.users.safety, 'hazard.reported', hazard.id)).toHaveLength(1);
  });

  it('becomes a repair order for 设备部, which 人事部 does not see', async () => {
    const list = await equipment.get('/api/v1/repair-orders');
    expect(list.status).toBe(200);
    repair = list.body.items.find((o: any) => o.hazard.id === hazard.id);
    expect(repair).toMatchObject({
      status: 'open',
      statusLabel: '待维修',
      department: { id: ids.departments.equipment, name: '设备部' },
      equipment: { id: equipmentIds['CNC-002'], code: 'CNC-002' },
      hazard: { code: hazard.code, title: '数控车床 CNC-002 主轴异响、卡盘松动' },
      can: { start: true, complete: false },
    });
    expect(repair.code).toMatch(/^WX-\d{6}-\d{4}$/);
    const [n] = await notifications(ids.users.equipment, 'repair.created', repair.id);
    expect(n.title).toContain('维修工单');
    expect(n.link).toBe(`/repairs/${repair.id}`);

    expect((await hr.get('/api/v1/repair-orders')).status).toBe(403);
    expect((await hr.get(`/api/v1/repair-orders/${repair.id}`)).status).toBe(404);
    expect((await worker.get('/api/v1/repair-orders')).status).toBe(403);
    // safety and admin see every department's orders; the reporter may follow the one of their hazard
    expect((await safety.get('/api/v1/repair-orders?status=open')).body.items.map((o: any) => o.id)).toContain(repair.id);
    expect((await admin.get(`/api/v1/repair-orders/${repair.id}`)).status).toBe(200);
    const asReporter = await production.get(`/api/v1/repair-orders/${repair.id}`);
    expect(asReporter.status).toBe(200);
    expect(asReporter.body.can).toEqual({ start: false, complete: false });
  });

  it('becomes a qualification check for 人事部 with the expired certificate flagged', async () => {
    const list = await hr.get('/api/v1/qualification-checks?status=pending');
    expect(list.status).toBe(200);
    check = list.body.items.find((c: any) => c.hazard.id === hazard.id);
    expect(check).toMatchObject({ status: 'pending', operatorCount: 2, qualifiedCount: 1, equipment: { code: 'CNC-002' }, can: { confirm: true } });
    expect(check.result.required.map((r: any) => r.type)).toEqual(['internal_machine_tool']);
    const [bad] = check.result.operators.filter((o: any) => !o.qualified);
    expect(bad.expired).toHaveLength(1);
    expect(bad.expired[0]).toMatchObject({ type: 'internal_machine_tool', name: '机床操作上岗证（内部）', status: 'expired' });
    expect(bad.missing).toEqual([]);
    expect(check.result.operators.filter((o: any) => o.qualified)).toHaveLength(1);

    const [n] = await notifications(ids.users.hr, 'qualification.check', check.id);
    expect(n.title).toBe('资质核查：CNC-002 数控车床 CK6150 #2 操作人员 2 人，1 人不符合');

    // the live view of the equipment and of one person agree with the check
    const ops = await hr.get(`/api/v1/equipment/${equipmentIds['CNC-002']}/operators`);
    expect(ops.status).toBe(200);
    expect(ops.body.operators.map((o: any) => o.qualified).sort()).toEqual([false, true]);
    const certs = await hr.get(`/api/v1/users/${bad.user.id}/certificates`);
    expect(certs.body.items[0]).toMatchObject({ type: 'internal_machine_tool', status: 'expired' });
    expect(certs.body.operates.map((e: any) => e.code)).toContain('CNC-002');

    // only HR, safety and admin see checks; a person sees their own certificates
    expect((await equipment.get('/api/v1/qualification-checks')).status).toBe(403);
    expect((await production.get(`/api/v1/qualification-checks/${check.id}`)).status).toBe(403);
    expect((await safety.get(`/api/v1/qualification-checks/${check.id}`)).status).toBe(200);
    expect((await worker.get(`/api/v1/users/${ids.users.worker}/certificates`)).status).toBe(200);
    expect((await worker.get(`/api/v1/users/${bad.user.id}/certificates`)).status).toBe(403);
  });

  it('masks ID-card certificate numbers for everyone but HR', async () => {
    const crane = await hr.get(`/api/v1/equipment/${equipmentIds['CRN-001']}/operators`);
    const full = crane.body.operators.flatMap((o: any) => o.certificates).find((c: any) => c.type === 'tsg_q2');
    expect(full.certNo).toMatch(/^\d{17}[\dX]$/);
    const masked = (await safety.get(`/api/v1/equipment/${equipmentIds['CRN-001']}/operators`)).body.operators
      .flatMap((o: any) => o.certificates)
      .find((c: any) => c.type === 'tsg_q2');
    expect(masked.certNo).toBe(`${full.certNo.slice(0, 6)}********${full.certNo.slice(14)}`);
    // the assembler who drives the crane holds no Q2
    expect(crane.body.operators.find((o: any) => !o.qualified).missing.map((m: any) => m.type)).toEqual(['tsg_q2']);
  });

  it('设备部 starts the repair with a plan and completes it; wrong state, stale version and wrong people are refused', async () => {
    const url = `/api/v1/repair-orders/${repair.id}`;
    const electrician = (await t.database.owner.query<{ id: string }>(
      `SELECT u.id::text FROM users u JOIN departments d ON d.id = u.department_id WHERE d.tenant_id = $1 AND d.code = 'equipment' AND u.position = '维修电工' ORDER BY u.employee_no LIMIT 1`,
      [t.tenantId],
    ))[0].id;
    expect((await equipment.post(`${url}/complete`, { version: repair.version, note: '完成' })).body.error.code).toBe('INVALID_STATE');
    expect((await production.post(`${url}/start`, { version: repair.version, plan: 'x' })).status).toBe(403);
    const stale = await equipment.post(`${url}/start`, { version: repair.version + 1, plan: 'x' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    const outsider = await equipment.post(`${url}/start`, { version: repair.version, plan: 'x', assigneeId: ids.users.production });
    expect(outsider.status).toBe(422);
    expect(outsider.body.error.details[0].path).toBe('body.assigneeId');

    const file = await upload(equipment);
    const started = await equipment.post(`${url}/start`, {
      version: repair.version,
      assigneeId: electrician,
      plan: '拆检主轴箱，更换前端角接触轴承（7014C）并重新预紧；紧固卡盘并做动平衡试验',
      planFiles: [file],
    });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'in_progress', assignee: { id: electrician }, planFiles: [{ id: file }], can: { start: false, complete: true } });
    expect(await notifications(electrician, 'repair.assigned', repair.id)).toHaveLength(1);
    expect((await equipment.post(`${url}/start`, { version: started.body.version, plan: 'again' })).body.error.code).toBe('INVALID_STATE');

    const done = await equipment.post(`${url}/complete`, { version: started.body.version, note: '轴承已更换，空载试运行 2 小时无异响' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', resultNote: '轴承已更换，空载试运行 2 小时无异响', doneAt: expect.any(String) });
    expect(await notifications(ids.users.safety, 'repair.done', repair.id)).toHaveLength(1);

    const audit = await t.database.owner.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity_type = 'repair_order' AND entity_id = $1 ORDER BY seq",
      [repair.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['repair.create', 'repair.start', 'repair.complete']);
  });

  it('人事部 confirms the check; stale and repeated confirmations are refused', async () => {
    const url = `/api/v1/qualification-checks/${check.id}/confirm`;
    expect((await safety.post(url, { version: check.version })).status).toBe(403);
    const stale = await hr.post(url, { version: check.version + 1, note: 'x' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    const ok = await hr.post(url, { version: check.version, note: '已通知刘某某停岗，安排复训考核后再上岗' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'confirmed', confirmedBy: { id: ids.users.hr }, can: { confirm: false } });
    expect((await hr.post(url, { version: ok.body.version })).body.error.code).toBe('INVALID_STATE');
  });

  it('the hazard shows every department’s progress, to the reporter and to the departments working on it', async () => {
    const assess = await safety.post(`/api/v1/hazards/${hazard.id}/assess`, { version: 1, potentialDeaths: 0, directLossYuan: 8000, basis: '主轴异常可致工件飞出伤人' });
    expect(assess.status).toBe(200);
    await t.drain();
    const res = await production.get(`/api/v1/hazards/${hazard.id}/departments`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: any) => [i.role, i.department?.name, i.status, i.statusLabel])).toEqual([
      ['reporter', '生产部', 'reported', '已上报'],
      ['assessor', '安全环保部', 'assessed', '已评估'],
      ['repair', '设备部', 'done', '已完成'],
      ['qualification', '人事部', 'confirmed', '已确认'],
    ]);
    const q = res.body.items.find((i: any) => i.role === 'qualification');
    expect(q.summary).toContain('1/2');
    expect(q.link).toBeNull(); // production may not open HR's checks
    expect(res.body.items.find((i: any) => i.role === 'repair').summary).toContain('轴承已更换');

    // 设备部 does not see 生产部's hazards in general, but sees the progress of the one it repairs
    expect((await equipment.get(`/api/v1/hazards/${hazard.id}`)).status).toBe(404);
    expect((await equipment.get(`/api/v1/hazards/${hazard.id}/departments`)).status).toBe(200);
    const asHr = await hr.get(`/api/v1/hazards/${hazard.id}/departments`);
    expect(asHr.body.items.find((i: any) => i.role === 'qualification').link).toBe(`/qualifications?check=${check.id}`);
    // a worker of another department sees nothing
    const logistics = await t.login('logistics');
    expect((await logistics.get(`/api/v1/hazards/${hazard.id}/departments`)).status).toBe(404);
  });

  it('pushes repair and qualification events to the right people only', async () => {
    const users = await t.database.owner.query<{ id: string; username: string; display_name: string; department_id: string; roles: string[] }>(
      "SELECT id::text, username, display_name, department_id::text, roles FROM users WHERE tenant_id = $1 AND username IN ('equipment', 'hr', 'safety', 'production', 'logistics')",
      [t.tenantId],
    );
    const actor = (name: string) => {
      const u = users.find((x) => x.username === name)!;
      return userActor({ tenantId: t.tenantId, userId: u.id, username: u.username, displayName: u.display_name, departmentId: u.department_id, roles: u.roles, locale: 'zh-CN' });
    };
    const events = await t.database.owner.query<any>("SELECT * FROM events WHERE subject_id IN ($1, $2) ORDER BY id", [repair.id, check.id]);
    const hears = (type: string, who: string) => {
      const e = events.find((x: any) => x.type === type);
      return t.platform.bus.audienceOf(type)!(toStoredEvent(e), actor(who));
    };
    expect(events.map((e: any) => e.type)).toEqual(expect.arrayContaining(['repair.created', 'repair.updated', 'qualification.created', 'qualification.updated']));
    expect(['equipment', 'safety', 'production', 'hr', 'logistics'].map((u) => hears('repair.updated', u))).toEqual([true, true, true, false, false]);
    expect(['equipment', 'safety', 'production', 'hr', 'logistics'].map((u) => hears('qualification.updated', u))).toEqual([false, true, true, true, false]);
  });
});

describe('the demo company’s history', () => {
  it('has repair orders and checks for its hazards about equipment, numbered like new ones', async () => {
    const [counts] = await t.database.owner.query<{ hazards: number; orders: number; checks: number; done: number; confirmed: number }>(
      `SELECT (SELECT count(*) FROM hazards WHERE tenant_id = $1 AND equipment_id IS NOT NULL AND reported_at < now() - interval '1 hour')::int AS hazards,
              (SELECT count(*) FROM repair_orders WHERE tenant_id = $1)::int AS orders,
              (SELECT count(*) FROM qualification_checks WHERE tenant_id = $1)::int AS checks,
              (SELECT count(*) FROM repair_orders WHERE tenant_id = $1 AND status = 'done')::int AS done,
              (SELECT count(*) FROM qualification_checks WHERE tenant_id = $1 AND status = 'confirmed')::int AS confirmed`,
      [t.tenantId],
    );
    // only the history's hazards about the equipment itself (not every hazard that names one)
    expect(counts.orders).toBeGreaterThan(5);
    expect(counts.orders).toBeLessThan(counts.hazards);
    expect(counts.checks).toBe(counts.orders);
    expect(counts.done).toBeGreaterThan(3);
    expect(counts.confirmed).toBeGreaterThan(3);
    const done = (await equipment.get('/api/v1/repair-orders?status=done&pageSize=5')).body.items;
    expect(done[0]).toMatchObject({ status: 'done', plan: expect.any(String), resultNote: expect.any(String), assignee: { id: expect.any(String) } });
    const codes = await t.database.owner.query<{ code: string }>('SELECT code FROM repair_orders WHERE tenant_id = $1', [t.tenantId]);
    expect(new Set(codes.map((c) => c.code)).size).toBe(codes.length);
    // HR's roles and the equipment department's come with the demo data
    expect((await hr.get('/api/v1/me')).body.permissions).toEqual(expect.arrayContaining(['qualifications.view', 'qualifications.manage']));
    expect((await equipment.get('/api/v1/me')).body.permissions).toContain('repairs.work');
  });
});

describe('what does and does not start the other departments’ work', () => {
  it('a hazard without equipment makes neither a repair order nor a check; adding the equipment later does', async () => {
    const h = await report(production, '车间地面油污', null);
    await t.drain();
    expect((await safety.get('/api/v1/repair-orders')).body.items.some((o: any) => o.hazard.id === h.id)).toBe(false);
    expect((await hr.get(`/api/v1/qualification-checks?hazardId=${h.id}`)).body.total).toBe(0);
    const edited = await production.patch(`/api/v1/hazards/${h.id}`, { version: 1, equipmentId: equipmentIds['CNC-004'] });
    expect(edited.status).toBe(200);
    await t.drain();
    expect((await safety.get('/api/v1/repair-orders?status=open')).body.items.filter((o: any) => o.hazard.id === h.id)).toHaveLength(1);
    const checks = await hr.get(`/api/v1/qualification-checks?hazardId=${h.id}`);
    expect(checks.body.items[0]).toMatchObject({ operatorCount: 2, qualifiedCount: 1 });
    // the untrained operator is listed as missing the certificate
    expect(checks.body.items[0].result.operators.find((o: any) => !o.qualified).missing.map((m: any) => m.type)).toEqual(['internal_machine_tool']);
    // a further update does not make a second one
    await production.patch(`/api/v1/hazards/${h.id}`, { version: edited.body.version, title: '车间地面油污（CNC-004 漏油）' });
    await t.drain();
    expect((await safety.get('/api/v1/repair-orders?status=open')).body.items.filter((o: any) => o.hazard.id === h.id)).toHaveLength(1);
  });

  it('two people starting the same repair at once: one wins, the other gets 409', async () => {
    const h = await report(production, '叉车 FLT-002 制动距离过长', 'FLT-002', 'B01');
    await t.drain();
    const order = (await equipment.get('/api/v1/repair-orders?status=open')).body.items.find((o: any) => o.hazard.id === h.id);
    const results = await Promise.all([
      equipment.post(`/api/v1/repair-orders/${order.id}/start`, { version: order.version, plan: '检查制动蹄片' }),
      equipment.post(`/api/v1/repair-orders/${order.id}/start`, { version: order.version, plan: '更换制动液' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const [row] = await t.database.owner.query<{ plan: string; version: number }>('SELECT plan, version FROM repair_orders WHERE id = $1', [order.id]);
    expect(row.version).toBe(2);
    // the forklift check knows the expired N1
    const check = (await hr.get(`/api/v1/qualification-checks?hazardId=${h.id}`)).body.items[0];
    expect(check.result.operators.find((o: any) => !o.qualified).expired[0].type).toBe('tsg_n1');
  });
});

describe('QR codes for field reporting (C20)', () => {
  it('encode the report form address with the area or equipment', async () => {
    const cnc = equipmentIds['CNC-002'];
    const res = await worker.get(`/api/v1/equipment/${cnc}/qr.svg`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('image/svg+xml');
    expect(String(res.body)).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(res.headers['x-qr-target']).toBe(`http://localhost:3000/hazards/new?equipmentId=${cnc}`);
    const area = await worker.get(`/api/v1/areas/${ids.areas.C01}/qr.svg`);
    expect(area.headers['x-qr-target']).toBe(`http://localhost:3000/hazards/new?areaId=${ids.areas.C01}`);
    expect((await worker.get(`/api/v1/areas/${cnc}/qr.svg`)).status).toBe(404);
    expect((await t.anonymous().get(`/api/v1/areas/${ids.areas.C01}/qr.svg`)).status).toBe(401);
  });
});

describe('tenant isolation', () => {
  it('another company sees none of it', async () => {
    await seedDemo(t.database.db, t.clock, { code: 'other', name: '另一家公司', months: 1 });
    const [order] = await t.database.owner.query<{ id: string }>('SELECT id::text FROM repair_orders WHERE tenant_id = $1 ORDER BY created_at DESC LIMIT 1', [t.tenantId]);
    const [check] = await t.database.owner.query<{ id: string; hazard_id: string }>(
      'SELECT id::text, hazard_id::text FROM qualification_checks WHERE tenant_id = $1 ORDER BY created_at DESC LIMIT 1',
      [t.tenantId],
    );
    for (const username of ['safety', 'hr', 'equipment', 'admin']) {
      const theirs = await t.login(username, 'zhian123', 'other');
      // their own demo history has orders and checks; none of ours
      const orders = await theirs.get('/api/v1/repair-orders?pageSize=100');
      if (orders.status === 200) expect(orders.body.items.map((o: any) => o.id)).not.toContain(order.id);
      else expect(orders.status).toBe(403);
      const checks = await theirs.get('/api/v1/qualification-checks?pageSize=100');
      if (checks.status === 200) expect(checks.body.items.map((c: any) => c.id)).not.toContain(check.id);
      else expect(checks.status).toBe(403);
      expect((await theirs.get(`/api/v1/repair-orders/${order.id}`)).status).toBe(404);
      expect((await theirs.post(`/api/v1/repair-orders/${order.id}/complete`, { version: 1, note: 'x' })).status).toBe(404);
      expect([403, 404]).toContain((await theirs.get(`/api/v1/qualification-checks/${check.id}`)).status);
      expect((await theirs.get(`/api/v1/hazards/${check.hazard_id}/departments`)).status).toBe(404);
      expect([403, 404]).toContain((await theirs.get(`/api/v1/equipment/${equipmentIds['CNC-002']}/operators`)).status);
      expect((await theirs.get(`/api/v1/equipment/${equipmentIds['CNC-002']}/qr.svg`)).status).toBe(404);
    }
    // the other company's own qualification data is its own
    const theirHr = await t.login('hr', 'zhian123', 'other');
    const [theirCnc] = await t.database.owner.query<{ id: string }>(
      "SELECT e.id::text FROM equipment e JOIN tenants t ON t.id = e.tenant_id WHERE t.code = 'other' AND e.code = 'CNC-002'",
    );
    expect((await theirHr.get(`/api/v1/equipment/${theirCnc.id}/operators`)).body.operators).toHaveLength(2);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { startTestApp, pngBytes, multipart, ORIGIN, type TestApp, type Client } from '../helpers/app.js';
import { seedDemo } from '../../src/server/seed/demo.js';
import { enterTenant } from '../../src/server/platform/work.js';
import { DEFAULT_STANDARDS, type StandardsDocument } from '../../src/core/standards/index.js';
import { COLOR_RANK, highestColor, pointInPolygon, type Polygon } from '../../src/core/risks/index.js';
import { PLAN_AREAS } from '../../src/server/modules/risks/demo-plan.js';

let t: TestApp;
let ids: Awaited<ReturnType<TestApp['ids']>>;
let safety: Client;
let admin: Client;
let worker: Client;
let production: Client;
beforeAll(async () => {
  t = await startTestApp();
  ids = await t.ids();
  [safety, admin, worker, production] = await Promise.all([t.login('safety'), t.login('admin'), t.login('worker'), t.login('production')]);
});
afterAll(() => t?.stop());

const put = (c: Client, url: string, body: unknown) => c.request('PUT', url, body);
const paths = (res: { body: any }) => (res.body?.error?.details ?? []).map((d: { path: string }) => d.path);
const all = async (c: Client, query = '') => (await c.get(`/api/v1/risk-points?pageSize=200${query}`)).body;

async function upload(c: Client, name: string, data: Buffer, type = 'image/png') {
  const { payload, headers } = multipart(name, data, type);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/files', payload, headers: { ...headers, cookie: c.cookie!, origin: ORIGIN, host: 'localhost:3000' } });
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

/** A valid new risk point in 一号机加工车间; `extra` overrides. */
const newPoint = (extra: Record<string, unknown> = {}) => ({
  name: '数控车床机械伤害（新）',
  kind: 'equipment',
  areaId: ids.areas.A01,
  hazardFactors: '旋转部位防护缺失',
  accidentTypes: ['mechanical_injury', 'object_strike'],
  assessment: { method: 'lec', l: 3, e: 6, c: 7 },
  controls: { engineering: '防护门联锁', management: '操作规程', ppe: '防护眼镜', emergency: '按下急停按钮' },
  departmentId: ids.departments.production,
  responsibleUserId: ids.users.production,
  ...extra,
});

describe('the demo company’s risk points', () => {
  it('everyone reads them: 32 points, highest risk first (colour, then score), each assessed with standards version 1', async () => {
    const list = await all(worker);
    expect(list.total).toBe(32);
    expect(list.can).toEqual({ manage: false });
    expect((await all(safety)).can).toEqual({ manage: true });
    const keys = list.items.map((p: any) => [COLOR_RANK[p.assessment.color as 'red'], p.assessment.score]);
    expect(keys).toEqual([...keys].sort((a: number[], b: number[]) => b[0] - a[0] || b[1] - a[1]));
    expect(list.items[0].name).toBe('危化品仓库火灾爆炸'); // LS R = 20 (red) before LEC D = 270 (orange)
    expect(list.items.every((p: any) => p.assessment.standardsVersion === 1 && p.version === 1)).toBe(true);

    const by = (name: string) => list.items.find((p: any) => p.name === name);
    expect(by('数控车床机械伤害')).toMatchObject({
      code: expect.stringMatching(/^FX-\d{4}$/),
      kind: 'equipment',
      area: { name: '一号机加工车间', code: 'A01' },
      assessment: { method: 'lec', input: { l: 3, e: 6, c: 7 }, score: 126, label: '显著危险', color: 'yellow', riskLevel: 'general', riskLevelLabel: '一般风险' },
      managementLevel: 'team',
      department: { name: '生产部' },
      responsibleUser: { displayName: '张伟' },
      accidentTypes: ['mechanical_injury', 'object_strike'],
      can: { edit: false },
    });
    expect(by('危化品仓库火灾爆炸')).toMatchObject({ assessment: { method: 'ls', score: 20, color: 'red', riskLevelLabel: '重大风险' }, managementLevel: 'company', department: { name: '安全环保部' } });
    expect(by('锅炉房锅炉爆炸')).toMatchObject({ assessment: { score: 240, color: 'orange', label: '高度危险' }, managementLevel: 'department', equipment: { code: 'BLR-001' } });
    expect(by('桥式起重机起重伤害').equipment.code).toBe('CRN-001');
    expect(by('配电房触电').assessment.color).toBe('yellow');
    // the assessor's judgement may put a point above its colour's default level
    expect(by('危化品泄漏中毒')).toMatchObject({ assessment: { color: 'orange' }, managementLevel: 'company' });
    expect(by('数控车床机械伤害').controls).toEqual({
      engineering: expect.stringContaining('防护门'),
      management: expect.stringContaining('操作规程'),
      ppe: expect.stringContaining('防护眼镜'),
      emergency: expect.stringContaining('急停'),
    });
  });

  it('list filters: area, colour(s), department, kind, management level, text', async () => {
    const a01 = await all(worker, `&areaId=${ids.areas.A01}`);
    expect(a01.total).toBe(3);
    expect(a01.items.every((p: any) => p.area.code === 'A01')).toBe(true);
    const hot = await all(worker, '&color=red,orange');
    expect(hot.items.map((p: any) => p.assessment.color).sort()).toEqual(['orange', 'orange', 'orange', 'orange', 'orange', 'red']);
    const dept = await all(worker, `&departmentId=${ids.departments.safety}`);
    expect(dept.items.map((p: any) => p.name).sort()).toEqual(['危化品仓库火灾爆炸', '危化品泄漏中毒']);
    expect((await all(worker, '&kind=job')).items.every((p: any) => p.kind === 'job')).toBe(true);
    expect((await all(worker, '&managementLevel=company')).total).toBe(2);
    expect((await all(worker, `&q=${encodeURIComponent('叉车')}`)).items.map((p: any) => p.name).sort()).toEqual(['内燃叉车车辆伤害', '电动叉车车辆伤害']);
    const page = await worker.get('/api/v1/risk-points?pageSize=5&page=2&sort=code');
    expect(page.body).toMatchObject({ total: 32, page: 2, pageSize: 5 });
    expect(page.body.items[0].code).toBe('FX-0006');
    expect((await worker.get('/api/v1/risk-points?color=purple')).status).toBe(422);
  });
});

describe('creating and editing risk points', () => {
  let created: any;

  it('safety creates one; the standards decide score, level and colour; the management level follows the colour', async () => {
    const res = await safety.post('/api/v1/risk-points', newPoint());
    expect(res.status).toBe(201);
    created = res.body;
    expect(created).toMatchObject({
      code: 'FX-0033',
      assessment: { method: 'lec', input: { l: 3, e: 6, c: 7 }, score: 126, level: 'significant', label: '显著危险', color: 'yellow', riskLevel: 'general', riskLevelLabel: '一般风险', standardsVersion: 1, assessedBy: { displayName: '李建国' } },
      managementLevel: 'team',
      area: { id: ids.areas.A01 },
      responsibleUser: { id: ids.users.production, displayName: '张伟' },
      version: 1,
      can: { edit: true },
    });
    const [audit] = await t.database.owner.query<{ action: string; basis: string; after: any }>(
      `SELECT action, basis, after FROM audit_log WHERE entity_type = 'risk_point' AND entity_id = $1`,
      [created.id],
    );
    expect(audit).toMatchObject({ action: 'risk_point.create', basis: expect.stringContaining('统一标准 v1') });
    expect(audit.after).toMatchObject({ code: 'FX-0033', score: 126, color: 'yellow', standards_version: 1 });
  });

  it('an explicit management level wins; equipment alone places the point in its area; an Idempotency-Key makes retries safe', async () => {
    const lathe = (await worker.get(`/api/v1/equipment?areaId=${ids.areas.A01}`)).body.items[0];
    const body = newPoint({ name: '车床 #1', areaId: undefined, equipmentId: lathe.id, managementLevel: 'company', assessment: { method: 'ls', l: 1, s: 2 } });
    const key = randomUUID();
    const first = await safety.post('/api/v1/risk-points', body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ area: { id: ids.areas.A01 }, equipment: { id: lathe.id }, managementLevel: 'company', assessment: { color: 'blue', score: 2, riskLevelLabel: '低风险' } });
    const again = await safety.post('/api/v1/risk-points', body, { 'idempotency-key': key });
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect((await safety.post('/api/v1/risk-points', { ...body, name: 'other' }, { 'idempotency-key': key })).status).toBe(422);
  });

  it('422 with field paths: factor values the standards do not know, missing or foreign factors, bad references', async () => {
    const elsewhere = (await worker.get(`/api/v1/equipment?areaId=${ids.areas.C01}`)).body.items[0];
    const cases: [Record<string, unknown>, string[]][] = [
      [{ assessment: { method: 'lec', l: 4, e: 6, c: 7 } }, ['body.assessment.l']],
      [{ assessment: { method: 'lec', l: 3, e: 6 } }, ['body.assessment.c']],
      [{ assessment: { method: 'lec', l: 3, e: 6, c: 7, s: 2 } }, ['body.assessment.s']],
      [{ assessment: { method: 'ls', l: 6, s: 0 } }, ['body.assessment.l', 'body.assessment.s']],
      [{ assessment: { method: 'abc', l: 1 } }, ['body.assessment.method']],
      [{ assessment: { method: 'ls', l: '3', s: 2 } }, ['body.assessment.l']],
      [{ name: '' }, ['body.name']],
      [{ kind: 'room' }, ['body.kind']],
      [{ accidentTypes: ['fire', 'meteor'] }, ['body.accidentTypes.1']],
      [{ managementLevel: 'ministry' }, ['body.managementLevel']],
      [{ controls: { engineering: 'x', magic: 'y' } }, ['body.controls.magic']],
      [{ areaId: randomUUID() }, ['body.areaId']],
      [{ areaId: undefined }, ['body.areaId']],
      [{ equipmentId: elsewhere.id }, ['body.equipmentId']],
      [{ departmentId: randomUUID() }, ['body.departmentId']],
      [{ responsibleUserId: randomUUID() }, ['body.responsibleUserId']],
    ];
    for (const [extra, expected] of cases) {
      const res = await safety.post('/api/v1/risk-points', newPoint(extra));
      expect(res.status, JSON.stringify(extra)).toBe(422);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(paths(res), JSON.stringify(extra)).toEqual(expected);
    }
  });

  it('edits carry the version read: the stale one gets 409 and nothing is lost', async () => {
    const a = await safety.patch(`/api/v1/risk-points/${created.id}`, { version: 1, controls: { ppe: '防护眼镜、安全鞋' } });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ version: 2, controls: { ppe: '防护眼镜、安全鞋', engineering: '防护门联锁' }, assessment: { score: 126 } });
    const stale = await admin.patch(`/api/v1/risk-points/${created.id}`, { version: 1, name: '覆盖' });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'VERSION_CONFLICT', details: [{ path: 'body.version', message: 'current version is 2' }] });
    expect((await worker.get(`/api/v1/risk-points/${created.id}`)).body).toMatchObject({ name: '数控车床机械伤害（新）', version: 2 });
    const bad = await safety.patch(`/api/v1/risk-points/${created.id}`, { version: 2, assessment: { method: 'lec', l: 3, e: 6, c: 8 } });
    expect(bad.status).toBe(422);
    expect(paths(bad)).toEqual(['body.assessment.c']);
  });

  it('a new assessment re-colours the point and moves its default management level; a level set by hand stays', async () => {
    const up = await safety.patch(`/api/v1/risk-points/${created.id}`, { version: 2, assessment: { method: 'lec', l: 6, e: 6, c: 15 } });
    expect(up.body).toMatchObject({ version: 3, assessment: { score: 540, color: 'red', label: '极其危险' }, managementLevel: 'company' });
    const manual = await safety.patch(`/api/v1/risk-points/${created.id}`, { version: 3, managementLevel: 'department' });
    expect(manual.body.managementLevel).toBe('department');
    const down = await safety.patch(`/api/v1/risk-points/${created.id}`, { version: 4, assessment: { method: 'ls', l: 1, s: 1 } });
    expect(down.body).toMatchObject({ assessment: { color: 'blue', method: 'ls' }, managementLevel: 'department' });
    const history = await worker.get(`/api/v1/risk-points/${created.id}/history`);
    expect(history.body.items.map((h: any) => h.action)).toEqual(['risk_point.create', 'risk_point.edit', 'risk_point.edit', 'risk_point.edit', 'risk_point.edit']);
  });

  it('only the safety department and administrators write; everyone reads; nobody anonymous', async () => {
    const id = created.id;
    for (const c of [worker, production]) {
      expect((await c.post('/api/v1/risk-points', newPoint())).status).toBe(403);
      expect((await c.patch(`/api/v1/risk-points/${id}`, { version: 5, name: 'x' })).status).toBe(403);
      expect((await c.get(`/api/v1/risk-points/${id}`)).status).toBe(200);
    }
    expect((await admin.patch(`/api/v1/risk-points/${id}`, { version: 5, name: '数控车床机械伤害（复评）' })).status).toBe(200);
    const anon = t.anonymous();
    expect((await anon.get('/api/v1/risk-points')).status).toBe(401);
    expect((await anon.get(`/api/v1/risk-points/${id}/qr.svg`)).status).toBe(401);
    expect((await anon.get('/api/v1/risk-map')).status).toBe(401);
    const [denied] = await t.database.owner.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM audit_log WHERE action = 'access.denied' AND entity_id LIKE '%/risk-points%'`,
    );
    expect(Number(denied.n)).toBeGreaterThanOrEqual(4);
  });
});

describe('evaluation follows the tenant’s standards', () => {
  it('after the standards change, new assessments use the new version; stored ones keep theirs until reassessed', async () => {
    // LS bands without 较大 (orange): 15–25 become 重大 (red)
    const doc: StandardsDocument = structuredClone(DEFAULT_STANDARDS);
    doc.ls.bands = [
      { level: 'major', min: 15, max: 25 },
      { level: 'general', min: 9, max: 12 },
      { level: 'low', min: 1, max: 8 },
    ];
    const current = (await safety.get('/api/v1/standards')).body.version;
    const saved = await put(safety, '/api/v1/standards', { version: current, document: doc, note: '较大风险并入重大风险' });
    expect(saved.status).toBe(200);
    const v = saved.body.version;

    const before = await safety.post('/api/v1/risk-points', newPoint({ name: 'LS 4×4', assessment: { method: 'ls', l: 4, s: 4 } }));
    expect(before.body.assessment).toMatchObject({ score: 16, color: 'red', riskLevelLabel: '重大风险', standardsVersion: v });
    expect(before.body.managementLevel).toBe('company');

    // a demo point graded orange by LS under version 1 … there is none; take an LEC one: unchanged by an LS edit
    const boiler = (await all(worker)).items.find((p: any) => p.name === '锅炉房锅炉爆炸');
    const renamed = await safety.patch(`/api/v1/risk-points/${boiler.id}`, { version: boiler.version, name: '燃气锅炉爆炸' });
    expect(renamed.body.assessment).toMatchObject({ standardsVersion: 1, color: 'orange' });
    const reassessed = await safety.patch(`/api/v1/risk-points/${boiler.id}`, { version: renamed.body.version, assessment: { method: 'ls', l: 3, s: 5 } });
    expect(reassessed.body.assessment).toMatchObject({ standardsVersion: v, score: 15, color: 'red' });

    // the LEC factor scale of the tenant is what is allowed: a tenant that drops C = 7 refuses it
    const lecDoc: StandardsDocument = structuredClone(doc);
    lecDoc.lec.c = lecDoc.lec.c.filter((x) => x.value !== 7);
    const saved2 = await put(safety, '/api/v1/standards', { version: v, document: lecDoc });
    expect(saved2.status).toBe(200);
    const refused = await safety.post('/api/v1/risk-points', newPoint());
    expect(refused.status).toBe(422);
    expect(paths(refused)).toEqual(['body.assessment.c']);
    // restore a usable scale for what follows
    expect((await put(safety, '/api/v1/standards', { version: saved2.body.version, document: DEFAULT_STANDARDS })).status).toBe(200);
  });
});

describe('the risk notice card’s QR code', () => {
  it('an SVG that opens /risk-points/:id/card', async () => {
    const p = (await all(worker)).items[0];
    const res = await worker.get(`/api/v1/risk-points/${p.id}/qr.svg`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('image/svg+xml');
    expect(res.headers['x-qr-target']).toBe(`http://localhost:3000/risk-points/${p.id}/card`);
    expect(String(res.body)).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect((await worker.get(`/api/v1/risk-points/${randomUUID()}/qr.svg`)).status).toBe(404);
  });
});

describe('site plan and area outlines', () => {
  let demoPlan: any;

  it('the demo company has its site plan: a 1600 × 1000 PNG', async () => {
    const res = await worker.get('/api/v1/site-plan');
    expect(res.status).toBe(200);
    demoPlan = res.body.sitePlan;
    expect(demoPlan).toMatchObject({ width: 1600, height: 1000, url: `/api/v1/files/${demoPlan.fileId}` });
    expect(res.body.can).toEqual({ manage: false });
    const image = await worker.get(demoPlan.url);
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
  });

  it('outlines: drawn in image pixels, checked against the plan, removable; only managers draw', async () => {
    const area = ids.areas.D03;
    const square: Polygon = [
      [840, 560],
      [1210, 560],
      [1210, 800],
      [840, 800],
    ];
    const ok = await put(safety, `/api/v1/areas/${area}/polygon`, { points: square });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ id: area, code: 'D03', polygon: square });
    const cases: [unknown, string[]][] = [
      [{ points: [[0, 0], [1700, 0], [0, 50]] }, ['body.points.1']],
      [{ points: [[0, 0], [100, 100], [100, 0], [0, 100]] }, ['body.points']],
      [{ points: [[0, 0], [10, 10]] }, ['body.points']],
      [{ points: [[0, 0], [10, 'a'], [5, 5]] }, ['body.points.1.1']],
      [{ points: [[0, 0], [-1, 10], [5, 5]] }, ['body.points.1.0']],
      [{}, ['body.points']],
    ];
    for (const [body, expected] of cases) {
      const res = await put(safety, `/api/v1/areas/${area}/polygon`, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(paths(res), JSON.stringify(body)).toEqual(expected);
    }
    expect((await put(worker, `/api/v1/areas/${area}/polygon`, { points: square })).status).toBe(403);
    expect((await put(safety, `/api/v1/areas/${randomUUID()}/polygon`, { points: square })).status).toBe(404);
    const removed = await put(admin, `/api/v1/areas/${area}/polygon`, { points: null });
    expect(removed.body.polygon).toBeNull();
    const map = await worker.get('/api/v1/risk-map');
    expect(map.body.areas.find((a: any) => a.id === area).polygon).toBeNull();
    const [audit] = await t.database.owner.query<{ n: string }>(`SELECT count(*)::text AS n FROM audit_log WHERE action = 'area.polygon' AND entity_id = $1`, [area]);
    expect(Number(audit.n)).toBe(2);
    expect((await put(safety, `/api/v1/areas/${area}/polygon`, { points: square })).status).toBe(200);
  });

  it('a new plan of another size scales the outlines; a PDF or an unknown file is refused', async () => {
    const small = await upload(safety, 'plan-small.png', await pngBytes(800, 500));
    const res = await put(safety, '/api/v1/site-plan', { fileId: small.body.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sitePlan: { width: 800, height: 500, fileId: small.body.id }, rescaledAreas: 15 });
    const map = (await worker.get('/api/v1/risk-map')).body;
    expect(map.sitePlan).toEqual({ url: `/api/v1/files/${small.body.id}`, width: 800, height: 500 });
    expect(map.areas.find((a: any) => a.code === 'D03').polygon).toEqual([
      [420, 280],
      [605, 280],
      [605, 400],
      [420, 400],
    ]);
    // back to the demo plan: the outlines scale back
    expect((await put(safety, '/api/v1/site-plan', { fileId: demoPlan.fileId })).body.rescaledAreas).toBe(15);
    const back = (await worker.get('/api/v1/risk-map')).body;
    const a01 = PLAN_AREAS.find((a) => a.code === 'A01')!;
    expect(back.areas.find((a: any) => a.code === 'A01').polygon).toEqual(a01.outline);

    const pdf = await upload(safety, 'plan.pdf', Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'), 'application/pdf');
    expect(pdf.status).toBe(201);
    const refused = await put(safety, '/api/v1/site-plan', { fileId: pdf.body.id });
    expect(refused.status).toBe(422);
    expect(paths(refused)).toEqual(['body.fileId']);
    expect(paths(await put(safety, '/api/v1/site-plan', { fileId: randomUUID() }))).toEqual(['body.fileId']);
    expect((await put(worker, '/api/v1/site-plan', { fileId: demoPlan.fileId })).status).toBe(403);
    const audits = await t.database.owner.query<{ after: any }>(
      `SELECT after FROM audit_log WHERE tenant_id = $1 AND action = 'site_plan.update' ORDER BY seq`,
      [t.tenantId],
    );
    expect(audits.map((a) => [a.after.width, a.after.rescaledAreas])).toEqual([
      [800, 15],
      [1600, 15],
    ]);
  });
});

describe('the four-colour risk map', () => {
  it('each area in the highest colour of its risk points; no risk points → null (grey)', async () => {
    const map = (await worker.get('/api/v1/risk-map')).body;
    expect(map.areas).toHaveLength(15);
    expect(map.legend.map((l: any) => [l.color, l.label])).toEqual([
      ['red', '重大风险'],
      ['orange', '较大风险'],
      ['yellow', '一般风险'],
      ['blue', '低风险'],
    ]);
    const points = (await all(worker)).items;
    for (const a of map.areas) {
      const colours = points.filter((p: any) => p.area.id === a.id).map((p: any) => p.assessment.color);
      expect(a.color, a.name).toBe(highestColor(colours));
      expect(a.riskPoints, a.name).toBe(colours.length);
      expect(a.polygon, a.name).not.toBeNull();
    }
    const colourOf = (code: string) => map.areas.find((a: any) => a.code === code).color;
    expect(colourOf('B03')).toBe('red');
    expect(colourOf('C01')).toBe('red'); // reassessed above under the changed standards
    expect(colourOf('A04')).toBe('orange');
    expect(colourOf('C02')).toBe('yellow');
    expect(colourOf('B02')).toBe('blue');

    // a new area without risk points is grey; its first red point makes it red
    await t.database.owner.query(`INSERT INTO areas (tenant_id, code, name, kind) VALUES ($1, 'Z01', '新建仓库', 'warehouse')`, [t.tenantId]);
    const [{ id: z01 }] = await t.database.owner.query<{ id: string }>(`SELECT id::text FROM areas WHERE tenant_id = $1 AND code = 'Z01'`, [t.tenantId]);
    let z = (await worker.get('/api/v1/risk-map')).body.areas.find((a: any) => a.id === z01);
    expect(z).toMatchObject({ color: null, colorLabel: null, riskPoints: 0, polygon: null, openHazards: [] });
    await safety.post('/api/v1/risk-points', newPoint({ areaId: z01, name: '新仓库火灾', assessment: { method: 'ls', l: 2, s: 2 } }));
    await safety.post('/api/v1/risk-points', newPoint({ areaId: z01, name: '新仓库坍塌', assessment: { method: 'lec', l: 10, e: 10, c: 40 } }));
    z = (await worker.get('/api/v1/risk-map')).body.areas.find((a: any) => a.id === z01);
    expect(z).toMatchObject({ color: 'red', colorLabel: '重大风险', riskPoints: 2, counts: { red: 1, orange: 0, yellow: 0, blue: 1 } });
  });

  it('open hazards per area, placed inside the area; closed ones not shown; each user sees only the hazards they may see', async () => {
    const reported = await worker.post('/api/v1/hazards', { title: '危化品仓库防爆灯具损坏', areaId: ids.areas.B03, departmentId: ids.departments.safety });
    expect(reported.status).toBe(201);
    let b03 = (await safety.get('/api/v1/risk-map')).body.areas.find((a: any) => a.code === 'B03');
    expect(b03.openHazards.find((h: any) => h.id === reported.body.id)).toMatchObject({
      code: reported.body.code,
      title: '危化品仓库防爆灯具损坏',
      grade: null,
      status: 'reported',
    });
    const assessed = await safety.post(`/api/v1/hazards/${reported.body.id}/assess`, { version: 1, grade: 'major', basis: '防爆区域点火源' });
    expect(assessed.status).toBe(200);
    const map = (await safety.get('/api/v1/risk-map')).body;
    b03 = map.areas.find((a: any) => a.code === 'B03');
    expect(b03.openHazards.find((h: any) => h.id === reported.body.id)).toMatchObject({ grade: 'major', status: 'assessed' });

    const open = await t.database.owner.query<{ area_id: string; n: string }>(
      `SELECT area_id::text, count(*)::text AS n FROM hazards WHERE tenant_id = $1 AND status <> 'closed' AND area_id IS NOT NULL GROUP BY area_id`,
      [t.tenantId],
    );
    const expected = Object.fromEntries(open.map((r) => [r.area_id, Number(r.n)]));
    for (const a of map.areas) {
      expect(a.openHazards.length, a.name).toBe(expected[a.id] ?? 0);
      expect(a.openHazards.every((h: any) => h.status !== 'closed')).toBe(true);
      if (a.polygon) for (const h of a.openHazards) expect(pointInPolygon(h.position, a.polygon), `${a.name} ${h.code}`).toBe(true);
    }
    expect(map.areas.some((a: any) => a.openHazards.some((h: any) => h.grade === 'major'))).toBe(true);
    // the same answer twice: positions are deterministic
    expect((await safety.get('/api/v1/risk-map')).body.areas).toEqual(map.areas);

    // a worker (no department view) sees only their own reports on the map
    const theirs = (await worker.get('/api/v1/risk-map')).body;
    const seen = theirs.areas.flatMap((a: any) => a.openHazards.map((h: any) => h.id));
    const [{ n }] = await t.database.owner.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM hazards WHERE reporter_id = $1 AND status <> 'closed' AND area_id IS NOT NULL`,
      [ids.users.worker],
    );
    expect(seen).toHaveLength(Number(n));
    expect(seen).toContain(reported.body.id);
    expect(theirs.can).toEqual({ manage: false });
  });
});

describe('tenant isolation', () => {
  let theirs: Client;
  let other: string;
  beforeAll(async () => {
    other = await seedDemo(t.database.db, t.clock, { code: 'other-risk', name: '另一家公司', months: 1 });
    theirs = await t.login('safety', 'zhian123', 'other-risk');
  });

  it('another tenant has its own risk points, no site plan of ours, and cannot reach ours', async () => {
    const ours = (await all(safety)).items;
    const list = await all(theirs);
    expect(list.total).toBe(32);
    expect(list.items.some((p: any) => ours.some((o: any) => o.id === p.id))).toBe(false);
    expect((await theirs.get('/api/v1/site-plan')).body.sitePlan).toBeNull(); // seeded without a file store
    const map = (await theirs.get('/api/v1/risk-map')).body;
    expect(map.sitePlan).toBeNull();
    expect(map.areas.every((a: any) => !ours.some((o: any) => o.area.id === a.id))).toBe(true);

    const id = ours[0].id;
    expect((await theirs.get(`/api/v1/risk-points/${id}`)).status).toBe(404);
    expect((await theirs.patch(`/api/v1/risk-points/${id}`, { version: ours[0].version, name: 'x' })).status).toBe(404);
    expect((await theirs.get(`/api/v1/risk-points/${id}/qr.svg`)).status).toBe(404);
    expect((await put(theirs, `/api/v1/areas/${ids.areas.A01}/polygon`, { points: [[0, 0], [10, 0], [0, 10]] })).status).toBe(404);
    const ourPlan = (await safety.get('/api/v1/site-plan')).body.sitePlan;
    expect(paths(await put(theirs, '/api/v1/site-plan', { fileId: ourPlan.fileId }))).toEqual(['body.fileId']);
    expect((await theirs.post('/api/v1/risk-points', newPoint())).status).toBe(422); // our area and department do not exist there
  });

  it('row-level security keeps the rows apart even without a filter', async () => {
    const tenants = await t.database.db.transaction().execute(async (tx) => {
      await enterTenant(tx, other, null);
      const r = await sql<{ tenant_id: string }>`SELECT DISTINCT tenant_id FROM risk_points`.execute(tx);
      const s = await sql<{ tenant_id: string }>`SELECT DISTINCT tenant_id FROM site_plans`.execute(tx);
      return [...r.rows, ...s.rows].map((x) => x.tenant_id);
    });
    expect(new Set(tenants)).toEqual(new Set([other]));
    const [{ n }] = await t.database.owner.query<{ n: string }>(`SELECT count(*)::text AS n FROM site_plans WHERE tenant_id = $1`, [t.tenantId]);
    expect(n).toBe('1');
  });
});

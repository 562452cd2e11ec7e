import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../helpers/app.js';
import { KPI_KEYS, KPIS, addMonths, monthEnd, monthOf, monthStart, type Month } from '../../src/core/analytics/index.js';
import type { KpiValueView, OverviewView, SitePlanDensityView, TargetView } from '../../src/server/modules/analytics/views.js';

let t: TestApp;
let admin: Client;
let production: Client;
let worker: Client;
let depts: Record<string, string>;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  production = await t.login('production');
  worker = await t.login('worker');
  depts = (await t.ids()).departments;
});
afterAll(async () => {
  await t?.stop();
});

const kpi = (o: OverviewView, key: string) => o.kpis.find((k) => k.key === key) as KpiValueView;
const sql = <T = any>(text: string, params: unknown[] = []) => t.database.owner.query<T>(text, [t.tenantId, ...params]);

describe('overview', () => {
  it('answers every KPI on the demo with sensible values, trends as long as the period', async () => {
    const res = await admin.get<OverviewView>('/api/v1/analytics/overview');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const o = res.body;
    const current = monthOf(t.clock.now());
    expect(o.months).toHaveLength(6);
    expect(o.months[5]).toBe(current);
    expect(o.previous).toEqual({ from: addMonths(current, -11), to: addMonths(current, -6) });
    expect(o.kpis.map((k) => k.key)).toEqual([...KPI_KEYS]);
    for (const k of o.kpis) {
      if (KPIS[k.key].unit === 'percent' && k.value !== null) {
        expect(k.value, k.key).toBeGreaterThanOrEqual(0);
        expect(k.value, k.key).toBeLessThanOrEqual(100);
      }
      expect(k.filtered).toBe(true);
    }
    // six months of demo history: every KPI with a source has a value
    for (const key of KPI_KEYS.filter((k) => k !== 'accident_rate')) expect(kpi(o, key).value, key).not.toBeNull();
    expect(kpi(o, 'accident_rate')).toMatchObject({ available: false, value: null });
    expect(kpi(o, 'fire_equipment_intact_rate').value!).toBeLessThan(100);
    expect(kpi(o, 'fire_equipment_intact_rate').value!).toBeGreaterThan(90);
    expect(kpi(o, 'compliance_pass_rate').denominator!).toBeGreaterThan(5);
    expect(kpi(o, 'satisfaction').value!).toBeGreaterThanOrEqual(1);
    expect(kpi(o, 'satisfaction').value!).toBeLessThanOrEqual(5);
    expect(kpi(o, 'rectification_rate')).toMatchObject({ target: 95, benchmark: 92 });
    expect(kpi(o, 'rectification_rate').drill).toMatchObject({ path: '/hazards', query: { from: monthStart(o.months[0]).toISOString() } });
    expect(kpi(o, 'response_hours').drill).toMatchObject({ path: '/flows/instances', query: { from: `${o.months[0]}-01` } });

    expect(o.trends.months).toEqual(o.months);
    expect(o.trends.previousMonths).toHaveLength(6);
    expect(o.trends.series.map((s) => s.key)).toEqual([...KPI_KEYS]);
    for (const s of o.trends.series) {
      expect(s.values).toHaveLength(6);
      expect(s.previous).toHaveLength(6);
    }
    expect(o.trends.series.find((s) => s.key === 'rectification_rate')!.values.filter((v) => v !== null).length).toBeGreaterThanOrEqual(5);

    expect(o.scope.allDepartments).toBe(true);
    expect(o.departments.length).toBe(o.scope.departments.length);
    expect(o.departments.find((d) => d.departmentId === depts.production)!.reported).toBeGreaterThan(0);
    expect(o.hazardsByMonth).toHaveLength(6);
    const reported = o.hazardsByMonth.reduce((s, m) => s + m.general + m.major + m.unassessed, 0);
    expect(reported).toBe(kpi(o, 'rectification_rate').denominator);
    expect(o.heatmap.months).toEqual(o.months);
    expect(o.heatmap.cells.length).toBeGreaterThan(10);
    expect(o.heatmap.cells.reduce((s, c) => s + c[2], 0)).toBe(reported);
    expect(o.heatmap.max).toBe(Math.max(...o.heatmap.cells.map((c) => c[2])));
  });

  it('KPI values equal a count by hand for one department and month', async () => {
    const m: Month = addMonths(monthOf(t.clock.now()), -1);
    const res = await admin.get<OverviewView>(`/api/v1/analytics/overview?from=${m}&to=${m}&departmentId=${depts.production}`);
    expect(res.status).toBe(200);
    const range = [monthStart(m), monthEnd(m)];
    const [h] = await sql<{ reported: number; closed: number; with_deadline: number; on_time: number }>(
      `SELECT count(*)::int AS reported, count(*) FILTER (WHERE status = 'closed')::int AS closed,
              count(*) FILTER (WHERE status = 'closed' AND deadline IS NOT NULL)::int AS with_deadline,
              count(*) FILTER (WHERE status = 'closed' AND coalesce(rectified_at, closed_at) <= deadline)::int AS on_time
         FROM hazards WHERE tenant_id = $1 AND department_id = $2 AND reported_at >= $3 AND reported_at < $4`,
      [depts.production, ...range],
    );
    const [k] = await sql<{ tasks: number; responded: number; hours: number | null; done: number; first_pass: number; exceptions: number }>(
      `SELECT count(*)::int AS tasks,
              count(least(started_at, submitted_at))::int AS responded,
              avg(extract(epoch FROM least(started_at, submitted_at) - created_at) / 3600)::float8 AS hours,
              count(*) FILTER (WHERE status = 'done')::int AS done,
              count(*) FILTER (WHERE status = 'done' AND rejections = 0)::int AS first_pass,
              count(*) FILTER (WHERE overdue_at IS NOT NULL OR rejections > 0)::int AS exceptions
         FROM flow_tasks WHERE tenant_id = $1 AND department_id = $2 AND created_at >= $3 AND created_at < $4 AND status <> 'cancelled'`,
      [depts.production, ...range],
    );
    expect(h.reported).toBeGreaterThan(0);
    const o = res.body;
    expect(kpi(o, 'rectification_rate')).toMatchObject({ numerator: h.closed, denominator: h.reported });
    expect(kpi(o, 'rectification_rate').value).toBeCloseTo((h.closed / h.reported) * 100, 6);
    expect(kpi(o, 'on_time_rate')).toMatchObject({ numerator: h.on_time, denominator: h.with_deadline });
    expect(kpi(o, 'exception_rate')).toMatchObject({ numerator: k.exceptions, denominator: k.tasks });
    expect(kpi(o, 'first_pass_rate')).toMatchObject({ numerator: k.first_pass, denominator: k.done });
    if (k.hours === null) expect(kpi(o, 'response_hours').value).toBeNull();
    else expect(kpi(o, 'response_hours').value!).toBeCloseTo(k.hours, 6);
    expect(kpi(o, 'response_hours').denominator).toBe(k.responded);
    // company-wide KPIs ignore the department and say so
    expect(kpi(o, 'automation_rate').filtered).toBe(false);
    expect(kpi(o, 'compliance_pass_rate').filtered).toBe(false);
    expect(kpi(o, 'rectification_rate').filtered).toBe(true);
    expect(o.departments.map((d) => d.departmentId)).toEqual([depts.production]);
    expect(o.departments[0]).toMatchObject({ reported: h.reported, closed: h.closed });
  });

  it('follows a new hazard once the refresh job has run (readers never refresh the rollups)', async () => {
    const before = await admin.get<OverviewView>(`/api/v1/analytics/overview?departmentId=${depts.logistics}`);
    const res = await worker.post('/api/v1/hazards', { title: '灭火器箱玻璃破损', departmentId: depts.logistics });
    // the rollups catch up by a job (workers are driven by hand here); readers never refresh them
    const stale = await admin.get<OverviewView>(`/api/v1/analytics/overview?departmentId=${depts.logistics}`);
    expect(kpi(stale.body, 'rectification_rate').denominator).toBe(kpi(before.body, 'rectification_rate').denominator);
    await t.drain();
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const after = await admin.get<OverviewView>(`/api/v1/analytics/overview?departmentId=${depts.logistics}`);
    expect(kpi(after.body, 'rectification_rate').denominator).toBe(kpi(before.body, 'rectification_rate').denominator! + 1);
    expect(after.body.hazardsByMonth.at(-1)!.unassessed).toBe(before.body.hazardsByMonth.at(-1)!.unassessed + 1);
  });

  it('an area filter applies to hazard KPIs only', async () => {
    const areas = (await t.ids()).areas;
    const o = (await admin.get<OverviewView>(`/api/v1/analytics/overview?areaId=${areas.A01}`)).body;
    expect(kpi(o, 'rectification_rate').filtered).toBe(true);
    expect(kpi(o, 'response_hours').filtered).toBe(false);
    expect(kpi(o, 'rectification_rate').drill!.query.areaId).toBe(areas.A01);
    expect(o.heatmap.areas).toEqual([{ id: areas.A01, name: '一号机加工车间' }]);
  });

  it('an empty period long ago gives "—" values, not errors', async () => {
    const res = await admin.get<OverviewView>('/api/v1/analytics/overview?from=2015-01&to=2015-03');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    for (const k of res.body.kpis) {
      if (k.key === 'open_major_hazards') expect(k.value).toBe(0);
      else if (k.key !== 'fire_equipment_intact_rate') expect(k.value, k.key).toBeNull();
    }
    // the fire equipment exists now, so "no open hazard at the end of 2015-03" is a value
    expect(kpi(res.body, 'fire_equipment_intact_rate').value).toBe(100);
    expect(res.body.trends.series.find((s) => s.key === 'rectification_rate')!.values).toEqual([null, null, null]);
    expect(res.body.heatmap.cells).toEqual([]);
  });
});

describe('scope and input', () => {
  it('a department head sees only their own department', async () => {
    const res = await production.get<OverviewView>('/api/v1/analytics/overview');
    expect(res.status).toBe(200);
    expect(res.body.query.departmentId).toBe(depts.production);
    expect(res.body.scope).toEqual({ allDepartments: false, departments: [{ id: depts.production, name: '生产部' }] });
    expect(res.body.departments.map((d) => d.departmentId)).toEqual([depts.production]);
    expect((await production.get(`/api/v1/analytics/overview?departmentId=${depts.production}`)).status).toBe(200);
    expect((await production.get(`/api/v1/analytics/overview?departmentId=${depts.equipment}`)).status).toBe(403);
    expect((await production.get(`/api/v1/analytics/site-plan?departmentId=${depts.equipment}`)).status).toBe(403);
    expect((await production.get('/api/v1/analytics/targets')).status).toBe(200);
  });

  it('a worker has no dashboard', async () => {
    expect((await worker.get('/api/v1/analytics/overview')).status).toBe(403);
    expect((await worker.get('/api/v1/analytics/site-plan')).status).toBe(403);
    expect((await worker.get('/api/v1/analytics/targets')).status).toBe(403);
    expect((await t.anonymous().get('/api/v1/analytics/overview')).status).toBe(401);
  });

  it('rejects a bad query with the field paths', async () => {
    const paths = async (q: string) => {
      const res = await admin.get(`/api/v1/analytics/overview?${q}`);
      expect(res.status, q).toBe(422);
      return res.body.error.details.map((d: { path: string }) => d.path);
    };
    expect(await paths('from=2026-13')).toContain('querystring.from');
    expect(await paths('to=26-01')).toContain('querystring.to');
    expect(await paths('departmentId=nope')).toContain('querystring.departmentId');
    expect(await paths('color=red')).toContain('querystring.color');
    expect(await paths('from=2026-05&to=2026-04')).toEqual(['querystring.to']);
    expect(await paths('from=2020-01&to=2023-01')).toEqual(['querystring.from']);
    expect((await admin.get('/api/v1/analytics/overview?from=2020-01&to=2022-12')).status).toBe(200);
    expect((await admin.get(`/api/v1/analytics/overview?departmentId=${crypto.randomUUID()}`)).status).toBe(404);
  });
});

describe('site plan', () => {
  it('colours the areas by hazard density', async () => {
    const res = await admin.get<SitePlanDensityView>('/api/v1/analytics/site-plan');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const v = res.body;
    expect(v.plan).toMatchObject({ url: expect.stringMatching(/^\/api\/v1\/files\//), width: expect.any(Number) });
    expect(v.areas).toHaveLength(15);
    expect(v.areas.filter((a) => a.polygon).length).toBeGreaterThan(10);
    expect(v.max).toBe(Math.max(...v.areas.map((a) => a.hazards)));
    expect(v.areas.some((a) => a.level === 4)).toBe(true);
    for (const a of v.areas) {
      expect(a.level).toBeGreaterThanOrEqual(a.hazards ? 1 : 0);
      expect(a.level).toBeLessThanOrEqual(4);
      expect(a.open).toBeLessThanOrEqual(a.hazards);
      expect(a.major).toBeLessThanOrEqual(a.hazards);
      expect(a.drill).toMatchObject({ path: '/hazards', query: { areaId: a.id } });
    }
    const own = await production.get<SitePlanDensityView>('/api/v1/analytics/site-plan');
    expect(own.body.areas.reduce((s, a) => s + a.hazards, 0)).toBeLessThan(v.areas.reduce((s, a) => s + a.hazards, 0));
  });
});

describe('targets', () => {
  it('lists every KPI and the process references, defaults where none was set', async () => {
    const res = await admin.get<TargetView[]>('/api/v1/analytics/targets');
    expect(res.status).toBe(200);
    expect(res.body.map((x) => x.key)).toEqual(expect.arrayContaining([...KPI_KEYS, 'flow:hazard']));
    expect(res.body.find((x) => x.key === 'flow:hazard')).toMatchObject({ benchmark: 120 });
    expect(res.body.find((x) => x.key === 'on_time_rate')).toMatchObject({ target: 90, benchmark: 85, version: 1 });
  });

  it('changes a target with a version check, validates values and keys, audits', async () => {
    const list = (await admin.get<TargetView[]>('/api/v1/analytics/targets')).body;
    const cur = list.find((x) => x.key === 'rectification_rate')!;
    const ok = await admin.request<TargetView>('PUT', '/api/v1/analytics/targets/rectification_rate', { target: 96, benchmark: 93, note: '公司年度目标', version: cur.version });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ target: 96, benchmark: 93, note: '公司年度目标', version: cur.version + 1 });
    const stale = await admin.request('PUT', '/api/v1/analytics/targets/rectification_rate', { target: 97, benchmark: null, version: cur.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect((await admin.request('PUT', '/api/v1/analytics/targets/rectification_rate', { target: 97, benchmark: null })).status).toBe(409);
    expect(kpi((await admin.get<OverviewView>('/api/v1/analytics/overview')).body, 'rectification_rate')).toMatchObject({ target: 96, benchmark: 93 });

    const bad = async (key: string, body: object) => {
      const res = await admin.request('PUT', `/api/v1/analytics/targets/${encodeURIComponent(key)}`, body);
      expect(res.status, key).toBe(422);
      return res.body.error.details.map((d: { path: string }) => d.path);
    };
    expect(await bad('on_time_rate', { target: 120, benchmark: -1, version: 1 })).toEqual(['body.target', 'body.benchmark']);
    expect(await bad('satisfaction', { target: 6, benchmark: null, version: 1 })).toEqual(['body.target']);
    expect(await bad('response_hours', { target: -2, benchmark: null, version: 1 })).toEqual(['body.target']);
    expect(await bad('open_major_hazards', { target: 0.5, benchmark: null, version: 1 })).toEqual(['body.target']);
    expect(await bad('no_such_kpi', { target: 1, benchmark: null })).toEqual(['params.key']);
    expect(await bad(`flow:${crypto.randomUUID()}`, { target: 48, benchmark: null })).toEqual(['params.key']);
    expect(await bad('on_time_rate', { target: 90, benchmark: null, version: 1, extra: 1 })).toContain('body.extra');

    // a process reference created without a version
    const [tpl] = await sql<{ id: string }>(`SELECT id::text FROM flow_templates WHERE tenant_id = $1 ORDER BY created_at LIMIT 1`);
    const created = await admin.request<TargetView>('PUT', `/api/v1/analytics/targets/flow:${tpl.id}`, { target: null, benchmark: 72 });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body).toMatchObject({ key: `flow:${tpl.id}`, benchmark: 72, version: 1 });
    expect((await admin.request('PUT', `/api/v1/analytics/targets/flow:${tpl.id}`, { target: null, benchmark: 70 })).status).toBe(409);
    expect((await admin.get<TargetView[]>('/api/v1/analytics/targets')).body.some((x) => x.key === `flow:${tpl.id}`)).toBe(true);

    const safety = await t.login('safety');
    expect((await safety.request('PUT', '/api/v1/analytics/targets/on_time_rate', { target: 80, benchmark: null, version: 1 })).status).toBe(403);
    const audit = await sql<{ action: string; entity_id: string }>(
      `SELECT action, entity_id FROM audit_log WHERE tenant_id = $1 AND action = 'analytics.target.set' ORDER BY seq`,
    );
    expect(audit.map((a) => a.entity_id)).toEqual(['rectification_rate', `flow:${tpl.id}`]);
  });
});

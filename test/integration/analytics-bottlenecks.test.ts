import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../helpers/app.js';
import { addMonths, bucketOf, monthOf } from '../../src/core/analytics/index.js';

let t: TestApp;
let ids: Awaited<ReturnType<TestApp['ids']>>;
let safety: Client, committee: Client, production: Client, admin: Client;
let from: string, to: string;

beforeAll(async () => {
  t = await startTestApp();
  ids = await t.ids();
  [safety, committee, production, admin] = await Promise.all(['safety', 'committee', 'production', 'admin'].map((u) => t.login(u)));
  // A year up to now: the demo's six months of history and the shifted reports below.
  to = monthOf(t.clock.now());
  from = addMonths(to, -11);
});
afterAll(() => t?.stop());

const sum = (xs: (number | null)[]) => xs.reduce<number>((s, x) => s + (x ?? 0), 0);

describe('bottleneck analysis', () => {
  it('buckets durations in SQL exactly as the TypeScript histogram does', async () => {
    const values = [0, 0.5, 1, 1.19, 2, 59.9, 60, 61, 1440, 10_000, 123_456.7];
    const rows = await t.database.owner.query<{ b: number }>(`SELECT analytics_bucket(x)::int AS b FROM unnest($1::float8[]) WITH ORDINALITY AS u(x, i) ORDER BY i`, [values]);
    expect(rows.map((r) => Number(r.b))).toEqual(values.map(bucketOf));
  });

  it('returns the hazard loop and the demo flow templates with their steps', async () => {
    const res = await safety.get(`/api/v1/analytics/bottlenecks?from=${from}&to=${to}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const view = res.body;
    expect(view.query).toEqual({ from, to });
    expect(view.resolution).toContain('9');
    const loop = view.flows[0];
    expect(loop.templateId).toBeNull();
    expect(loop.name).toBe('隐患闭环');
    expect(loop.steps.map((s: { step: string }) => s.step)).toEqual(['assess', 'dispatch', 'rectify', 'verify']);
    expect(loop.steps.map((s: { name: string }) => s.name)).toEqual(['评估定级', '派发', '整改', '验收']);
    expect(loop.cases).toBeGreaterThan(0);
    const flows = view.flows.filter((f: { templateId: string | null }) => f.templateId !== null);
    expect(flows.length).toBeGreaterThan(0);
    for (const f of view.flows) {
      const measured = f.steps.filter((s: { count: number }) => s.count > 0);
      if (!measured.length) continue;
      for (const s of measured) {
        expect(s.medianHours).not.toBeNull();
        expect(s.medianHours).toBeLessThanOrEqual(s.p90Hours);
      }
      expect(Math.abs(sum(f.steps.map((s: { share: number | null }) => s.share)) - 100)).toBeLessThan(0.5);
      expect(f.steps.filter((s: { slowest: boolean }) => s.slowest)).toHaveLength(1);
      if (f.cycle.medianHours !== null) expect(f.cycle.medianHours).toBeLessThanOrEqual(f.cycle.p90Hours);
    }
    const withSteps = flows.find((f: { steps: unknown[]; cases: number }) => f.steps.length > 0 && f.cases > 0);
    expect(withSteps, 'a flow template with measured steps').toBeTruthy();
    expect(withSteps.departments.length).toBeGreaterThan(0);
    expect(withSteps.steps.every((s: { name: string }) => s.name.length > 0)).toBe(true);

    // One template alone, with its admin benchmark.
    await t.database.owner.query(`INSERT INTO analytics_targets (tenant_id, key, benchmark) VALUES ($1, $2, 72)`, [t.tenantId, `flow:${withSteps.templateId}`]);
    const one = await committee.get(`/api/v1/analytics/bottlenecks?from=${from}&to=${to}&templateId=${withSteps.templateId}`);
    expect(one.status).toBe(200);
    expect(one.body.flows).toHaveLength(1);
    expect(one.body.flows[0].templateId).toBe(withSteps.templateId);
    expect(one.body.flows[0].benchmarkHours).toBe(72);
  });

  it('suggests delegating approval when assessment dominates the hazard loop, with a saving from the data', async () => {
    // Assessment waits from 0 to 36 days (by the report's second), far longer than the rest of the loop.
    await t.database.owner.query(
      `UPDATE hazards SET reported_at = reported_at - (extract(epoch FROM reported_at)::bigint % 10) * interval '4 days'
        WHERE tenant_id = $1 AND assessed_at IS NOT NULL AND reported_at > now() - interval '200 days'`,
      [t.tenantId],
    );
    await t.drain(); // the rollups catch up by their job
    const res = await safety.get(`/api/v1/analytics/bottlenecks?from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    const loop = res.body.flows[0];
    const assess = loop.steps.find((s: { step: string }) => s.step === 'assess');
    expect(assess.isApproval).toBe(true);
    expect(assess.share).toBeGreaterThanOrEqual(40);
    expect(assess.slowest).toBe(true);
    const s = loop.suggestions.find((x: { rule: string }) => x.rule === 'delegate_approval');
    expect(s, JSON.stringify(loop.suggestions)).toBeTruthy();
    expect(s.step).toBe('assess');
    expect(s.savingHours).toBeGreaterThan(0);
    expect(s.savingShare).toBeGreaterThan(0);
    expect(s.text.zh).toContain('现场负责人');
    expect(s.text.en).toContain('site supervisor');
    expect(s.evidence.zh).toContain('40%');
  });

  it('is for the company-wide analysts only, and checks the period', async () => {
    expect((await production.get(`/api/v1/analytics/bottlenecks?from=${from}&to=${to}`)).status).toBe(403);
    expect((await committee.get(`/api/v1/analytics/bottlenecks?from=${from}&to=${to}`)).status).toBe(200);
    expect((await safety.get(`/api/v1/analytics/bottlenecks?from=2026-13&to=${to}`)).status).toBe(422);
    expect((await safety.get(`/api/v1/analytics/bottlenecks?from=2020-01&to=2026-01`)).status).toBe(422);
    expect((await safety.get(`/api/v1/analytics/bottlenecks?from=2026-05&to=2026-04`)).status).toBe(422);
    expect((await safety.get(`/api/v1/analytics/bottlenecks?from=${from}&to=${to}&extra=1`)).status).toBe(422);
    expect((await safety.get(`/api/v1/analytics/bottlenecks?from=${from}&to=${to}&templateId=00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });

  it('has nothing to say about an empty period', async () => {
    const res = await safety.get('/api/v1/analytics/bottlenecks?from=2020-01&to=2020-03');
    expect(res.status).toBe(200);
    expect(res.body.flows).toHaveLength(1);
    expect(res.body.flows[0].cases).toBe(0);
    expect(res.body.flows[0].steps.every((s: { medianHours: number | null; share: number | null }) => s.medianHours === null && s.share === null)).toBe(true);
    expect(res.body.flows[0].suggestions).toEqual([]);
  });
});

describe('department scores', () => {
  it('ranks every department 1..n for the committee, with the basis of each score', async () => {
    const res = await committee.get(`/api/v1/analytics/scores?from=${from}&to=${to}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const v = res.body;
    expect(v.weights.timeliness + v.weights.completeness + v.weights.participation).toBe(100);
    const depts = v.departments as { rank: number; score: number | null; timeliness: number | null; departmentId: string; basis: { tasks: number; hazardsReported: number } }[];
    expect(depts.length).toBe(Object.keys(ids.departments).length);
    expect(depts[0].rank).toBe(1);
    for (let i = 1; i < depts.length; i++) {
      expect(depts[i].rank).toBeGreaterThanOrEqual(depts[i - 1].rank);
      expect(depts[i].rank).toBeLessThanOrEqual(i + 1);
      if (depts[i].score !== null) expect(depts[i].score).toBeLessThanOrEqual(depts[i - 1].score!);
    }
    const scored = depts.filter((d) => d.score !== null);
    expect(scored.length).toBeGreaterThan(1);
    for (const d of scored) {
      expect(d.score).toBeGreaterThanOrEqual(0);
      expect(d.score).toBeLessThanOrEqual(100);
    }
    expect(depts.some((d) => d.basis.tasks > 0)).toBe(true);
    expect(depts.some((d) => d.basis.hazardsReported > 0)).toBe(true);

    // The previous period of the last three months is inside the demo history.
    const recent = await committee.get(`/api/v1/analytics/scores?from=${addMonths(to, -2)}&to=${to}`);
    expect(recent.status).toBe(200);
    expect(recent.body.departments.some((d: { previousScore: number | null }) => d.previousScore !== null)).toBe(true);
  });

  it('is refused to a department head and checks the period', async () => {
    expect((await production.get(`/api/v1/analytics/scores?from=${from}&to=${to}`)).status).toBe(403);
    expect((await admin.get(`/api/v1/analytics/scores?from=${from}&to=${to}`)).status).toBe(200);
    expect((await safety.get(`/api/v1/analytics/scores?from=2026-1&to=${to}`)).status).toBe(422);
    expect((await safety.get(`/api/v1/analytics/scores?from=2022-01&to=2025-02`)).status).toBe(422);
  });
});

describe('case list filters for click-through', () => {
  it('filters cases by template, department and launch days (UTC+8)', async () => {
    const all = await safety.get('/api/v1/flows/instances?status=running,completed,cancelled&pageSize=100');
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThan(2);
    const cases = all.body.items as { id: string; template: { id: string }; startedAt: string }[];
    const tpl = cases[0].template.id;

    const byTemplate = await safety.get(`/api/v1/flows/instances?status=running,completed,cancelled&pageSize=100&templateId=${tpl}`);
    expect(byTemplate.status).toBe(200);
    expect(byTemplate.body.total).toBe(cases.filter((c) => c.template.id === tpl).length);
    expect(byTemplate.body.items.every((c: { template: { id: string } }) => c.template.id === tpl)).toBe(true);

    const [dept] = await t.database.owner.query<{ department_id: string; n: string }>(
      `SELECT department_id::text, count(DISTINCT instance_id)::text AS n FROM flow_tasks WHERE tenant_id = $1 GROUP BY department_id ORDER BY 2 DESC LIMIT 1`,
      [t.tenantId],
    );
    const byDept = await safety.get(`/api/v1/flows/instances?status=running,completed,cancelled&pageSize=1&departmentId=${dept.department_id}`);
    expect(byDept.status).toBe(200);
    expect(byDept.body.total).toBe(Number(dept.n));

    // Days in UTC+8: a case started at 2026-xx-yyT17:00Z belongs to the next day.
    const cst = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const days = [...new Set(cases.map((c) => cst(c.startedAt)))].sort();
    const lo = days[Math.floor(days.length / 4)];
    const hi = days[Math.floor((days.length * 3) / 4)];
    const byDays = await safety.get(`/api/v1/flows/instances?status=running,completed,cancelled&pageSize=100&from=${lo}&to=${hi}`);
    expect(byDays.status).toBe(200);
    const expected = cases.filter((c) => cst(c.startedAt) >= lo && cst(c.startedAt) <= hi);
    expect(byDays.body.total).toBe(expected.length);
    expect(byDays.body.items.map((c: { id: string }) => c.id).sort()).toEqual(expected.map((c) => c.id).sort());

    expect((await safety.get('/api/v1/flows/instances?from=2026-02-30')).status).toBe(422);
    expect((await safety.get('/api/v1/flows/instances?from=20260201')).status).toBe(422);
    expect((await safety.get('/api/v1/flows/instances?templateId=nope')).status).toBe(422);
  });
});

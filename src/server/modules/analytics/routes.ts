import { z } from 'zod';
import type { Api } from '../../platform/module.js';
import type { Platform } from '../../platform/platform.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { AnalyticsService, MAX_MONTHS } from './service.js';
import { MonthParam } from './params.js';

const uuid = z.uuid();
const month = MonthParam;

const Period = {
  from: month.optional().describe('first month (UTC+8), YYYY-MM; default: five months before `to`'),
  to: month.optional().describe(`last month, included; default: the current month; at most ${MAX_MONTHS} months in all`),
};

const OverviewQuery = z.strictObject({
  ...Period,
  departmentId: uuid.optional().describe('analytics.view_department: your own department only (it is applied anyway)'),
  areaId: uuid.optional().describe('applies to hazard-based KPIs; others say `filtered: false`'),
});

const SitePlanQuery = z.strictObject({ ...Period, departmentId: uuid.optional() });

const TargetBody = z.strictObject({
  target: z.number().nullable().describe('percent 0–100, hours ≥ 0, score 1–5, count ≥ 0 (by the KPI’s unit; flow:* keys are hours)'),
  benchmark: z.number().nullable().describe('industry reference value, same unit'),
  note: z.string().trim().max(500).optional(),
  version: z.number().int().min(0).optional().describe('the version read; omit (or 0) only when the target was never stored'),
});

/** Dashboard routes: overview, site plan density, targets. */
export function dashboardRoutes(api: Api, p: Platform): void {
  const service = new AnalyticsService(p);

  api.get(
    '/analytics/overview',
    {
      schema: {
        tags: ['analytics'],
        summary: 'KPI dashboard: every KPI with the previous period, targets and drill links; monthly trends; departments; hazards by area × month',
        querystring: OverviewQuery,
      },
    },
    async (request) => service.overview(actorOf(request), request.query),
  );

  api.get(
    '/analytics/site-plan',
    {
      schema: {
        tags: ['analytics'],
        summary: 'The site plan with each area’s hazards in the period (reported, open, major) and a density level 0–4',
        querystring: SitePlanQuery,
      },
    },
    async (request) => service.sitePlan(actorOf(request), request.query),
  );

  api.get(
    '/analytics/targets',
    { schema: { tags: ['analytics'], summary: 'Targets and industry reference values of every KPI (defaults where none was set) and of processes (flow:*)' } },
    async (request) => service.targets(actorOf(request)),
  );

  api.put(
    '/analytics/targets/:key',
    {
      schema: {
        tags: ['analytics'],
        summary: 'Set a KPI’s target and reference value (analytics.manage; send the version read, 409 if it moved on)',
        params: z.object({ key: z.string().max(60).describe('a KPI key, flow:hazard or flow:<template id>') }),
        body: TargetBody,
      },
    },
    async (request) => service.setTarget(actorOf(request), request.params.key, request.body),
  );
}

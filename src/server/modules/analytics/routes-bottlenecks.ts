import { z } from 'zod';
import type { Api } from '../../platform/module.js';
import type { Platform } from '../../platform/platform.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { monthsBetween } from '../../../core/analytics/index.js';
import { MAX_MONTHS } from './service.js';
import { MonthParam } from './params.js';
import { BottleneckService } from './bottlenecks.js';
import { ScoreService } from './scores.js';

const month = MonthParam;
const Period = {
  from: month.describe('first month, YYYY-MM (UTC+8)'),
  to: month.describe('last month, YYYY-MM (UTC+8), included'),
};
const checkRange = (q: { from: string; to: string }, ctx: z.RefinementCtx) => {
  if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must not be before from' });
  else if (monthsBetween(q.from, q.to).length > MAX_MONTHS) ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_MONTHS} months` });
};

/** Bottleneck analysis and department scores (analytics.view_all). */
export function bottleneckRoutes(api: Api, p: Platform): void {
  const bottlenecks = new BottleneckService(p);
  const scores = new ScoreService(p);
  api.get(
    '/analytics/bottlenecks',
    {
      schema: {
        tags: ['analytics'],
        summary: 'Bottleneck analysis: per process (hazard loop and each flow template) the time in each step (median, p90, share), the slowest step, rule-based suggestions with the expected saving',
        querystring: z.strictObject({ ...Period, templateId: z.uuid().optional() }).superRefine(checkRange),
      },
    },
    async (request) => bottlenecks.analyse(actorOf(request), request.query),
  );
  api.get(
    '/analytics/scores',
    {
      schema: {
        tags: ['analytics'],
        summary: 'Department scores (timeliness, completeness, participation; 0–100), ranked, with the previous period’s score',
        querystring: z.strictObject(Period).superRefine(checkRange),
      },
    },
    async (request) => scores.scores(actorOf(request), request.query),
  );
}

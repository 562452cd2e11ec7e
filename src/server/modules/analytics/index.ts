import { fileURLToPath } from 'node:url';
import { defineModule } from '../../platform/module.js';
import { dashboardRoutes } from './routes.js';
import { bottleneckRoutes } from './routes-bottlenecks.js';
import { ANALYTICS_REFRESHED, REFRESH_JOB, refreshIfChanged } from './rollup.js';
import { can } from '../../platform/access.js';

/**
 * Analytics and evaluation (C14): monthly rollups of the hazard loop and the flow engine kept
 * current by triggers and a refresh (rollup.ts), the KPI dashboards, bottleneck analysis with
 * suggestions, department scores, targets and reference values. Surveys and reports are their own
 * modules and read from here.
 */
export const analyticsModule = defineModule({
  name: 'analytics',
  migrations: fileURLToPath(new URL('./migrations', import.meta.url)),
  register(p, api) {
    dashboardRoutes(api, p);
    bottleneckRoutes(api, p);
    // Writes queue this job (a trigger on the change marks, migration 0931): the rollups catch up
    // within moments, off the readers' path, and the dashboards are told to refetch.
    p.jobs.register(REFRESH_JOB, async (w) => {
      const months = await refreshIfChanged(w.tx, w.tenantId, { wait: true });
      if (months) w.emit({ type: ANALYTICS_REFRESHED, payload: { months } });
    }, { last: true });
    p.bus.pushTo(ANALYTICS_REFRESHED, (_event, actor) => can(actor, 'analytics.view_all') || can(actor, 'analytics.view_department'));
  },
});

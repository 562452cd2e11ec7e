import { fileURLToPath } from 'node:url';
import { defineModule } from '../../platform/module.js';
import { dashboardRoutes } from './routes.js';
import { bottleneckRoutes } from './routes-bottlenecks.js';

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
  },
});

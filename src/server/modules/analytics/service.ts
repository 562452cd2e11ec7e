import type { Actor } from '../../platform/access.js';
import type { Platform } from '../../platform/platform.js';
import type { DashboardQuery, OverviewView, SitePlanDensityView, TargetView } from './views.js';

/** The KPI dashboard (stub: the dashboard work item builds it). */
export class AnalyticsService {
  constructor(readonly p: Platform) {}

  async overview(_actor: Actor, _q: DashboardQuery): Promise<OverviewView> {
    throw new Error('not built yet');
  }

  async sitePlan(_actor: Actor, _q: DashboardQuery): Promise<SitePlanDensityView> {
    throw new Error('not built yet');
  }

  async targets(_actor: Actor): Promise<TargetView[]> {
    throw new Error('not built yet');
  }
}

/** Typed calls to /api/v1/analytics. */
import { api, request } from '../../platform/api/client';
import type { Items } from '../../platform/api/types';
import type { BottleneckView, DashboardQuery, OverviewView, ScoresView, SitePlanDensityView, TargetBody, TargetView } from './types';

const q = (query: DashboardQuery) => ({ from: query.from, to: query.to, departmentId: query.departmentId, areaId: query.areaId });

export const analyticsApi = {
  overview: (query: DashboardQuery, signal?: AbortSignal) => api.get<OverviewView>('/analytics/overview', q(query), { signal }),
  sitePlan: (query: DashboardQuery, signal?: AbortSignal) => api.get<SitePlanDensityView>('/analytics/site-plan', q(query), { signal }),
  bottlenecks: (query: DashboardQuery, signal?: AbortSignal) => api.get<BottleneckView>('/analytics/bottlenecks', q(query), { signal }),
  scores: (query: DashboardQuery, signal?: AbortSignal) => api.get<ScoresView>('/analytics/scores', q(query), { signal }),
  // a bare list (tolerating an { items } wrapper)
  targets: (signal?: AbortSignal) => api.get<TargetView[] | Items<TargetView>>('/analytics/targets', undefined, { signal }).then((r) => (Array.isArray(r) ? r : r.items)),
  saveTarget: (key: string, body: TargetBody) => request<TargetView>('PUT', `/analytics/targets/${encodeURIComponent(key)}`, { body }),
};

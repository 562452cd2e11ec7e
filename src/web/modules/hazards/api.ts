/** Typed calls to /api/v1/hazards. */
import { api } from '../../platform/api/client';
import type { GeoLocation, Hazard, HazardHistoryItem, Items, Page } from '../../platform/api/types';

export type HazardSort = 'reportedAt' | '-reportedAt' | 'code' | '-code' | 'status' | '-status';

export interface HazardListQuery {
  page: number;
  pageSize: number;
  status?: string;
  departmentId?: string;
  areaId?: string;
  grade?: string;
  q?: string;
  mine?: boolean;
  from?: string;
  to?: string;
  sort?: HazardSort;
}

export interface NewHazard {
  title: string;
  description?: string;
  areaId?: string;
  equipmentId?: string;
  departmentId: string;
  photos?: string[];
  location?: GeoLocation;
}

export interface HazardPatch {
  version: number;
  title?: string;
  description?: string;
  areaId?: string | null;
  equipmentId?: string | null;
  departmentId?: string;
}

export const hazardApi = {
  list: (q: HazardListQuery, signal?: AbortSignal) =>
    api.get<Page<Hazard>>('/hazards', { ...q, mine: q.mine ? 'true' : undefined }, { signal }),
  get: (id: string, signal?: AbortSignal) => api.get<Hazard>(`/hazards/${encodeURIComponent(id)}`, undefined, { signal }),
  history: (id: string, signal?: AbortSignal) =>
    api.get<Items<HazardHistoryItem>>(`/hazards/${encodeURIComponent(id)}/history`, undefined, { signal }).then((r) => r.items),
  create: (body: NewHazard, idempotencyKey: string) =>
    api.post<Hazard>('/hazards', body, { headers: { 'Idempotency-Key': idempotencyKey } }),
  update: (id: string, patch: HazardPatch) => api.patch<Hazard>(`/hazards/${encodeURIComponent(id)}`, patch),
};

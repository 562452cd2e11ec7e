/** Typed calls to /api/v1/hazards. */
import { api } from '../../platform/api/client';
import type { GeoLocation, HazardHistoryItem, Items, Page } from '../../platform/api/types';
import type { AssessBody, DispatchBody, LoopHazard, StaffMember, SubmitBody, VerifyBody } from './types';

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
  overdue?: boolean;
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

/** The closed-loop steps and their bodies. */
export interface LoopBodies {
  assess: AssessBody;
  dispatch: DispatchBody;
  submit: SubmitBody;
  verify: VerifyBody;
}
export type LoopStep = keyof LoopBodies;

const path = (id: string) => `/hazards/${encodeURIComponent(id)}`;

export const hazardApi = {
  list: (q: HazardListQuery, signal?: AbortSignal) =>
    api.get<Page<LoopHazard>>('/hazards', { ...q, mine: q.mine ? 'true' : undefined, overdue: q.overdue ? 'true' : undefined }, { signal }),
  get: (id: string, signal?: AbortSignal) => api.get<LoopHazard>(path(id), undefined, { signal }),
  history: (id: string, signal?: AbortSignal) =>
    api.get<Items<HazardHistoryItem>>(`/hazards/${encodeURIComponent(id)}/history`, undefined, { signal }).then((r) => r.items),
  create: (body: NewHazard, idempotencyKey: string) =>
    api.post<LoopHazard>('/hazards', body, { headers: { 'Idempotency-Key': idempotencyKey } }),
  update: (id: string, patch: HazardPatch) => api.patch<LoopHazard>(path(id), patch),
  /** 评估定级 / 整改派发 / 提交整改 / 验收: POST /hazards/:id/<step>. */
  step: <S extends LoopStep>(id: string, step: S, body: LoopBodies[S]) => api.post<LoopHazard>(`${path(id)}/${step}`, body),
  majorRegister: (signal?: AbortSignal) => api.get<Items<LoopHazard>>('/hazards/major-register', undefined, { signal }).then((r) => r.items),
  /** The staff directory (GET /users), optionally of one department. */
  users: (departmentId: string | undefined, signal?: AbortSignal) =>
    api.get<Items<StaffMember>>('/users', { departmentId }, { signal }).then((r) => r.items),
};

/** Typed calls to /api/v1/repair-orders (设备部's repair orders). */
import { api } from '../../platform/api/client';
import type { Page, StoredFile } from '../../platform/api/types';

export type RepairStatus = 'open' | 'in_progress' | 'done';
export const REPAIR_STATUSES: RepairStatus[] = ['open', 'in_progress', 'done'];

export interface RepairOrder {
  id: string;
  code: string;
  status: RepairStatus;
  statusLabel: string;
  hazard: {
    id: string;
    code: string;
    title: string;
    description: string;
    status: string;
    reporter: string | null;
    reportedAt: string;
    photos: StoredFile[];
    canView: boolean;
  };
  equipment: { id: string; code: string; name: string; area: string | null };
  department: { id: string; name: string };
  assignee: { id: string; displayName: string } | null;
  plan: string | null;
  planFiles: StoredFile[];
  resultNote: string | null;
  startedAt: string | null;
  doneAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  can: { start: boolean; complete: boolean };
}

export interface RepairListQuery {
  status?: RepairStatus;
  page: number;
  pageSize: number;
}

export interface StartRepair {
  version: number;
  assigneeId?: string;
  plan: string;
  planFiles?: string[];
}

export const repairApi = {
  list: (q: RepairListQuery, signal?: AbortSignal) => api.get<Page<RepairOrder>>('/repair-orders', { ...q }, { signal }),
  get: (id: string, signal?: AbortSignal) => api.get<RepairOrder>(`/repair-orders/${encodeURIComponent(id)}`, undefined, { signal }),
  start: (id: string, body: StartRepair) => api.post<RepairOrder>(`/repair-orders/${encodeURIComponent(id)}/start`, body),
  complete: (id: string, body: { version: number; note: string }) => api.post<RepairOrder>(`/repair-orders/${encodeURIComponent(id)}/complete`, body),
};

export interface StaffMember {
  id: string;
  displayName: string;
  departmentId: string | null;
  position: string | null;
}

export const staffApi = {
  ofDepartment: (departmentId: string, signal?: AbortSignal) =>
    api.get<{ items: StaffMember[] }>('/users', { departmentId }, { signal }).then((r) => r.items),
};

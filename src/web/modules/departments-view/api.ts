/** GET /hazards/:id/departments — 各部门进展 of one hazard. */
import { api } from '../../platform/api/client';

export type DepartmentRole = 'reporter' | 'assessor' | 'repair' | 'qualification';

export interface DepartmentProgress {
  department: { id: string; name: string } | null;
  role: DepartmentRole;
  status: string;
  statusLabel: string;
  done: boolean;
  updatedAt: string;
  summary: string;
  link: string | null;
}

export interface DepartmentsView {
  hazard: { id: string; code: string; title: string; status: string };
  items: DepartmentProgress[];
}

export const departmentsViewApi = {
  get: (hazardId: string, signal?: AbortSignal) => api.get<DepartmentsView>(`/hazards/${encodeURIComponent(hazardId)}/departments`, undefined, { signal }),
};

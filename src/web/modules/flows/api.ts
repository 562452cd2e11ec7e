/** Typed calls to /api/v1/flows (collaboration cases, their tasks, templates to launch from). */
import { api } from '../../platform/api/client';
import type { Items, Page } from '../../platform/api/types';
import type {
  CaseStatus,
  CommentBody,
  FlowCase,
  FlowCaseDetail,
  FlowComment,
  FlowDepartment,
  FlowTask,
  FlowTemplate,
  LaunchBody,
  SubjectType,
  TaskAction,
  TaskBodies,
  TaskStatus,
  TemplateSuggestion,
} from './types';

export interface CaseListQuery {
  status?: CaseStatus[];
  subjectType?: SubjectType;
  subjectId?: string;
  /** Cases of one template version (click-through from the bottleneck analysis). */
  templateId?: string;
  /** Cases in which this department has a task. */
  departmentId?: string;
  /** Launched on or after / on or before these days, YYYY-MM-DD (UTC+8). */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export type TaskScope = 'mine' | 'review';

export interface TaskListQuery {
  scope: TaskScope;
  status?: TaskStatus[];
  page: number;
  pageSize: number;
}

const enc = encodeURIComponent;
const ACTION_PATH: Record<TaskAction, string> = {
  start: 'start',
  submit: 'submit',
  approve: 'approve',
  reject: 'reject',
  extension: 'extension',
  decide: 'extension/decision',
};

export const flowApi = {
  templates: (signal?: AbortSignal) => api.get<Items<FlowTemplate>>('/flows/templates', undefined, { signal }).then((r) => r.items),
  suggest: (subjectType: SubjectType, subjectId: string, signal?: AbortSignal) =>
    api.get<TemplateSuggestion>('/flows/templates/suggest', { subjectType, subjectId }, { signal }),
  departments: (signal?: AbortSignal) => api.get<Items<FlowDepartment>>('/flows/departments', undefined, { signal }).then((r) => r.items),

  cases: (q: CaseListQuery, signal?: AbortSignal) =>
    api.get<Page<FlowCase>>('/flows/instances', { ...q, status: q.status?.length ? q.status.join(',') : undefined }, { signal }),
  getCase: (id: string, signal?: AbortSignal) => api.get<FlowCaseDetail>(`/flows/instances/${enc(id)}`, undefined, { signal }),
  launch: (body: LaunchBody, idempotencyKey: string) =>
    api.post<FlowCase>('/flows/instances', body, { headers: { 'Idempotency-Key': idempotencyKey } }),
  patchData: (id: string, body: { version: number; data: Record<string, unknown> }) => api.patch<FlowCase>(`/flows/instances/${enc(id)}/data`, body),
  cancel: (id: string, body: { version: number; reason: string }) => api.post<FlowCase>(`/flows/instances/${enc(id)}/cancel`, body),
  comment: (id: string, body: CommentBody) => api.post<FlowComment>(`/flows/instances/${enc(id)}/comments`, body),

  tasks: (q: TaskListQuery, signal?: AbortSignal) =>
    api.get<Page<FlowTask>>('/flows/tasks', { ...q, status: q.status?.length ? q.status.join(',') : undefined }, { signal }),
  taskAction: <A extends TaskAction>(taskId: string, action: A, body: TaskBodies[A]) =>
    api.post<FlowTask>(`/flows/tasks/${enc(taskId)}/${ACTION_PATH[action]}`, body),
};

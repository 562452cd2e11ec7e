/**
 * Shapes of the collaboration (C4) resources as GET /api/v1/flows/* sends them
 * (contract: templates, cases = flow instances, tasks = one department's part of a case).
 */
import type { FlowDefinition, Form, FormField, SubjectType } from '../../../core/flows/template';

export type { FlowDefinition, Form, FormField, SubjectType };

export interface UserRef {
  id: string;
  displayName: string;
}

export type TemplateCategory = 'collaboration' | 'hazard' | 'emergency' | 'inspection' | 'school' | 'park';

export interface TemplateStep {
  id: string;
  name: string;
  departmentCode: string;
  /** The department doing this step here (found by its function), or null with what kind is needed. */
  departmentId: string | null;
  departmentName: string | null;
  departmentNeeded: string | null;
  /** A step kind acting on the case's record (hazard.assess …), or null for a plain task. */
  kind: string | null;
  deadline: { hours: number } | { workingHours: number };
  review: boolean;
}

export interface FlowTemplate {
  id: string;
  key: string;
  version: number;
  name: string;
  description: string;
  category: TemplateCategory;
  subjectTypes: SubjectType[];
  keywords: string[];
  builtin: boolean;
  active: boolean;
  steps: TemplateStep[];
  definition: FlowDefinition;
  createdAt: string;
  createdBy: UserRef | null;
}

export interface TemplateSuggestion {
  template: FlowTemplate | null;
  title: string;
  data: Record<string, unknown>;
}

export interface FlowDepartment {
  id: string;
  code: string;
  name: string;
}

export type CaseStatus = 'running' | 'completed' | 'cancelled';
export const CASE_STATUSES: CaseStatus[] = ['running', 'completed', 'cancelled'];

export type TaskStatus = 'open' | 'in_progress' | 'submitted' | 'done' | 'cancelled';
export const TASK_STATUSES: TaskStatus[] = ['open', 'in_progress', 'submitted', 'done', 'cancelled'];
export const ACTIVE_TASK_STATUSES: TaskStatus[] = ['open', 'in_progress', 'submitted'];

export interface FlowFile {
  id: string;
  mime: string;
  name: string;
  url: string;
  thumbUrl: string | null;
}

export interface FlowTask {
  id: string;
  caseId: string;
  key: string;
  name: string;
  description: string | null;
  ruleId: string | null;
  ruleName: string | null;
  /** A step kind that acts on the case's record when completed (评估定级 grades the hazard …). */
  kind: string | null;
  kindName: string | null;
  department: { id: string; name: string };
  role: string | null;
  status: TaskStatus;
  statusLabel: string;
  dueAt: string;
  overdue: boolean;
  overdueAt: string | null;
  form: Form;
  review: boolean;
  outputs: Record<string, unknown> | null;
  files: Record<string, FlowFile>;
  rejections: number;
  lastRejection: string | null;
  extension: { until: string; reason: string; requestedAt: string } | null;
  timestamps: {
    createdAt: string | null;
    openedAt: string | null;
    startedAt: string | null;
    submittedAt: string | null;
    approvedAt: string | null;
    rejectedAt: string | null;
    overdueAt: string | null;
    doneAt: string | null;
    cancelledAt: string | null;
  };
  submittedBy: UserRef | null;
  version: number;
  can: { start: boolean; submit: boolean; approve: boolean; reject: boolean; requestExtension: boolean; decideExtension: boolean };
  /** Present in GET /flows/tasks. */
  case?: { id: string; code: string; title: string; status: CaseStatus };
}

export interface FlowCase {
  id: string;
  code: string;
  title: string;
  status: CaseStatus;
  statusLabel: string;
  template: { id: string; key: string; name: string; version: number };
  /** The record the case concerns, with its own state (one state, shown on its page and here). */
  subject: { type: SubjectType | string; id: string; code: string; title: string; link: string | null; status?: string; statusLabel?: string } | null;
  initiator: { id: string; displayName: string; departmentName: string | null } | null;
  data: Record<string, unknown>;
  startedAt: string;
  completedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  version: number;
  progress: { done: number; total: number; overdue: number };
  tasks: FlowTask[];
  can: { cancel: boolean; editData: boolean; comment: boolean };
}

export interface TimelineEvent {
  id: string;
  at: string;
  kind: string;
  taskKey: string | null;
  actor: UserRef | null;
  text: string;
  detail: unknown;
}

export interface FlowComment {
  id: string;
  at: string;
  taskKey: string | null;
  author: { id: string; displayName: string; departmentName: string | null };
  body: string;
  files: FlowFile[];
  mentions: UserRef[];
}

export interface FlowCaseDetail extends FlowCase {
  definition: FlowDefinition;
  nodeStates: Record<string, 'live' | 'dead' | 'done'>;
  edgeStates: Record<string, 'live' | 'dead'>;
  timeline: TimelineEvent[];
  comments: FlowComment[];
}

export interface LaunchBody {
  templateId: string;
  title: string;
  subjectType: SubjectType;
  subjectId?: string;
  data?: Record<string, unknown>;
  tasks?: Record<string, { departmentId?: string; deadlineHours?: number }>;
}

export interface CommentBody {
  body: string;
  taskKey?: string;
  files?: string[];
  mentions?: string[];
}

/** The task actions and their bodies (all carry the task's version). */
export interface TaskBodies {
  start: { version: number };
  submit: { version: number; outputs: Record<string, unknown> };
  approve: { version: number };
  reject: { version: number; reason: string };
  extension: { version: number; until: string; reason: string };
  decide: { version: number; approve: boolean; comment?: string };
}
export type TaskAction = keyof TaskBodies;

/**
 * A form's fields in display order. The server stores forms as JSONB, which does not keep the
 * order of keys; the `required` list does keep its order, so required fields come first in that
 * order, then the rest as they arrive.
 */
export function formFields(form: Form | null | undefined): [string, FormField][] {
  const props = form?.properties ?? {};
  const required = (form?.required ?? []).filter((k) => k in props);
  const rest = Object.keys(props).filter((k) => !required.includes(k));
  return [...required, ...rest].map((k) => [k, props[k]]);
}

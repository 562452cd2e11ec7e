import type { Work } from '../../platform/work.js';
import {
  applyAction,
  DEFAULT_CALENDAR,
  dueAt,
  startFlow,
  taskSpec,
  WorkCalendarSchema,
  type FlowAction,
  type FlowContext,
  type FlowDefinition,
  type FlowEffect,
  type FlowState,
  type TaskState,
  type WorkCalendar,
} from '../../../core/flows/index.js';
import type { FlowStore, InstanceRow, TaskRow } from './store.js';

/** Launch adjustments per task: another department, another deadline. */
export type Overrides = Record<string, { departmentId?: string; deadlineHours?: number }>;

export interface Transition {
  before: FlowState;
  after: FlowState;
  effects: FlowEffect[];
}

/** The tenant's calendar, or the default (Mon–Fri, 08:30–12:00 and 13:00–17:30, UTC+8). */
export async function tenantCalendar(w: Work, store: FlowStore): Promise<{ calendar: WorkCalendar; version: number }> {
  const row = await store.calendar(w.tx);
  if (!row) return { calendar: DEFAULT_CALENDAR, version: 0 };
  const parsed = WorkCalendarSchema.safeParse(row.calendar);
  return { calendar: parsed.success ? parsed.data : DEFAULT_CALENDAR, version: row.version };
}

export function contextFor(now: Date, overrides: Overrides, calendar: WorkCalendar): FlowContext {
  return {
    now,
    due: (key, spec, from, data) => {
      const hours = overrides[key]?.deadlineHours;
      if (hours) return dueAt(from, { hours }, calendar);
      // an absolute deadline chosen at an earlier step (整改派发) wins over the template's duration
      const chosen = spec.dueFrom ? data[spec.dueFrom] : undefined;
      if (typeof chosen === 'string' && !Number.isNaN(Date.parse(chosen)) && Date.parse(chosen) > from.getTime()) return new Date(chosen);
      return dueAt(from, spec.deadline, calendar);
    },
  };
}

/** Rebuild the engine's state from the rows. */
export function loadState(i: InstanceRow, tasks: TaskRow[]): FlowState {
  const state: FlowState = {
    status: i.status as FlowState['status'],
    data: (i.data ?? {}) as Record<string, unknown>,
    edges: (i.edge_states ?? {}) as FlowState['edges'],
    nodes: (i.node_states ?? {}) as FlowState['nodes'],
    firedRules: (i.fired_rules ?? []) as string[],
    tasks: {},
    completedAt: i.completed_at ? new Date(i.completed_at) : null,
    cancelledAt: i.cancelled_at ? new Date(i.cancelled_at) : null,
  };
  for (const t of tasks) state.tasks[t.key] = taskStateOf(t);
  return state;
}

const d = (v: Date | string | null) => (v ? new Date(v) : null);

export function taskStateOf(t: TaskRow): TaskState {
  const ext = t.extension as { until: string; reason: string; requestedAt: string } | null;
  return {
    key: t.key,
    ruleId: t.rule_id,
    status: t.status as TaskState['status'],
    dueAt: new Date(t.due_at),
    outputs: (t.outputs ?? null) as Record<string, unknown> | null,
    rejections: t.rejections,
    lastRejection: t.last_rejection,
    extension: ext ? { until: new Date(ext.until), reason: ext.reason, requestedAt: new Date(ext.requestedAt) } : null,
    createdAt: new Date(t.created_at),
    openedAt: d(t.opened_at),
    startedAt: d(t.started_at),
    submittedAt: d(t.submitted_at),
    approvedAt: d(t.approved_at),
    rejectedAt: d(t.rejected_at),
    overdueAt: d(t.overdue_at),
    doneAt: d(t.done_at),
    cancelledAt: d(t.cancelled_at),
  };
}

export function launchTransition(def: FlowDefinition, data: Record<string, unknown>, ctx: FlowContext): Transition {
  const before: FlowState = { status: 'running', data, edges: {}, nodes: {}, tasks: {}, firedRules: [], completedAt: null, cancelledAt: null };
  const step = startFlow(def, data, ctx);
  return { before, after: step.state, effects: step.effects };
}

export function actionTransition(def: FlowDefinition, before: FlowState, action: FlowAction, ctx: FlowContext): Transition {
  const step = applyAction(def, before, action, ctx);
  return { before, after: step.state, effects: step.effects };
}

/** Tasks whose stored columns must change. */
export function changedTasks(t: Transition): { added: TaskState[]; changed: TaskState[] } {
  const added: TaskState[] = [];
  const changed: TaskState[] = [];
  for (const [key, after] of Object.entries(t.after.tasks)) {
    const before = t.before.tasks[key];
    if (!before) added.push(after);
    else if (JSON.stringify(before) !== JSON.stringify(after)) changed.push(after);
  }
  return { added, changed };
}

export { taskSpec };

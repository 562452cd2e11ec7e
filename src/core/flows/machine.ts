import { holds, type ConditionScope } from './conditions.js';
import type { FlowDefinition, FlowEdge, TaskSpec } from './template.js';

/**
 * The flow engine's pure state machine (C5). No I/O: the server loads a case's state, applies
 * one action with the current time, persists the result and acts on the effects (timers,
 * notifications, events).
 *
 * Tokens on a DAG with dead-path elimination: a node is decided once every incoming connection is
 * decided; it runs if any of them is live and is skipped (passing "dead" on) if all are dead. So
 * a join waits exactly for the branches that were taken, every join completes, and a case ends
 * when every end is decided and no task is still in hand.
 */

export type TaskStatus = 'open' | 'in_progress' | 'submitted' | 'done' | 'cancelled';
export const ACTIVE_TASK_STATUSES: readonly TaskStatus[] = ['open', 'in_progress', 'submitted'];
export type FlowStatus = 'running' | 'completed' | 'cancelled';

export interface ExtensionRequest {
  until: Date;
  reason: string;
  requestedAt: Date;
}

export interface TaskState {
  /** The node id, or the rule task's id for departments added by a participant rule. */
  key: string;
  ruleId: string | null;
  status: TaskStatus;
  dueAt: Date;
  outputs: Record<string, unknown> | null;
  rejections: number;
  lastRejection: string | null;
  extension: ExtensionRequest | null;
  createdAt: Date;
  openedAt: Date | null;
  startedAt: Date | null;
  submittedAt: Date | null;
  approvedAt: Date | null;
  rejectedAt: Date | null;
  overdueAt: Date | null;
  doneAt: Date | null;
  cancelledAt: Date | null;
}

export interface FlowState {
  status: FlowStatus;
  data: Record<string, unknown>;
  edges: Record<string, 'live' | 'dead'>;
  /** Decided nodes: tasks are 'live' while in hand and 'done' after; skipped nodes are 'dead'. */
  nodes: Record<string, 'live' | 'dead' | 'done'>;
  tasks: Record<string, TaskState>;
  firedRules: string[];
  completedAt: Date | null;
  cancelledAt: Date | null;
}

export type TaskChange =
  | 'opened'
  | 'started'
  | 'submitted'
  | 'approved'
  | 'rejected'
  | 'completed'
  | 'overdue'
  | 'extension_requested'
  | 'extension_approved'
  | 'extension_refused'
  | 'cancelled'
  /** A later step sent the work back (验收 驳回): this done task is in hand again. */
  | 'reopened'
  /** This step sent the work back to an earlier one; it runs again once that one is done. */
  | 'sent_back';

export type FlowEffect =
  | { type: 'task.activated'; task: string }
  | { type: 'task.changed'; task: string; change: TaskChange }
  | { type: 'node.skipped'; node: string }
  | { type: 'rule.fired'; rule: string }
  | { type: 'data.changed'; fields: string[] }
  | { type: 'flow.completed' }
  | { type: 'flow.cancelled' };

export type FlowAction =
  | { type: 'open'; task: string }
  | { type: 'start'; task: string }
  /** `data`: what completing a step kind wrote into the case's data (e.g. the deadline chosen at 整改派发). */
  | { type: 'submit'; task: string; outputs: Record<string, unknown>; data?: Record<string, unknown> }
  | { type: 'approve'; task: string; data?: Record<string, unknown> }
  | { type: 'reject'; task: string; reason: string }
  | { type: 'overdue'; task: string }
  | { type: 'requestExtension'; task: string; until: Date; reason: string }
  | { type: 'decideExtension'; task: string; approve: boolean }
  | { type: 'setData'; patch: Record<string, unknown> }
  /**
   * Rework across steps without a cycle in the graph: `task` (e.g. 验收) sends the work back to the
   * earlier, finished task `to` (整改), which is in hand again with the reason; every step between
   * them is undecided and runs again once `to` is done.
   */
  | { type: 'sendBack'; task: string; to: string; reason: string }
  | { type: 'cancel' };

export interface FlowContext {
  now: Date;
  /** When a task activated now is due (template deadline, launch override, a deadline in the case data, working calendar). */
  due(task: string, spec: TaskSpec, from: Date, data: Record<string, unknown>): Date;
}

export interface Step {
  state: FlowState;
  effects: FlowEffect[];
}

export class FlowActionError extends Error {
  constructor(
    readonly code: 'INVALID_STATE' | 'UNKNOWN_TASK',
    message: string,
  ) {
    super(message);
  }
}

/** The spec of a task: a task node, or a task a participant rule adds. */
export function taskSpec(def: FlowDefinition, key: string): (TaskSpec & { ruleId: string | null }) | null {
  const node = def.nodes.find((n) => n.id === key);
  if (node?.type === 'task') return { ...node, ruleId: null };
  for (const r of def.participantRules) {
    const t = r.tasks.find((x) => x.id === key);
    if (t) return { ...t, ruleId: r.id };
  }
  return null;
}

export function startFlow(def: FlowDefinition, data: Record<string, unknown>, ctx: FlowContext): Step {
  const state: FlowState = { status: 'running', data: { ...data }, edges: {}, nodes: {}, tasks: {}, firedRules: [], completedAt: null, cancelledAt: null };
  const effects: FlowEffect[] = [];
  const start = def.nodes.find((n) => n.type === 'start');
  if (!start) throw new FlowActionError('INVALID_STATE', 'the template has no start');
  state.nodes[start.id] = 'done';
  decideOutgoing(def, state, start.id, 'live');
  advance(def, state, ctx, effects);
  return { state, effects };
}

export function applyAction(def: FlowDefinition, current: FlowState, action: FlowAction, ctx: FlowContext): Step {
  const state = cloneState(current);
  const effects: FlowEffect[] = [];
  const now = ctx.now;

  if (action.type === 'cancel') {
    requireRunning(state);
    state.status = 'cancelled';
    state.cancelledAt = now;
    for (const t of Object.values(state.tasks)) {
      if (!ACTIVE_TASK_STATUSES.includes(t.status)) continue;
      t.status = 'cancelled';
      t.cancelledAt = now;
      t.extension = null;
      effects.push({ type: 'task.changed', task: t.key, change: 'cancelled' });
    }
    effects.push({ type: 'flow.cancelled' });
    return { state, effects };
  }
  if (action.type === 'setData') {
    requireRunning(state);
    const fields = Object.keys(action.patch).filter((k) => state.data[k] !== action.patch[k]);
    if (fields.length === 0) return { state, effects };
    state.data = { ...state.data, ...action.patch };
    effects.push({ type: 'data.changed', fields });
    advance(def, state, ctx, effects);
    return { state, effects };
  }

  const t = state.tasks[action.task];
  if (!t) throw new FlowActionError('UNKNOWN_TASK', `no task "${action.task}" in this case`);
  const change = (c: TaskChange) => effects.push({ type: 'task.changed', task: t.key, change: c });
  const active = ACTIVE_TASK_STATUSES.includes(t.status) && state.status === 'running';

  switch (action.type) {
    case 'open':
      // Looking is never refused and never changes the state after the first time.
      if (active && !t.openedAt) {
        t.openedAt = now;
        change('opened');
      }
      break;
    case 'start':
      must(active && t.status === 'open', t, 'started');
      t.status = 'in_progress';
      t.openedAt ??= now;
      t.startedAt = now;
      change('started');
      break;
    case 'submit': {
      must(active && (t.status === 'open' || t.status === 'in_progress'), t, 'submitted');
      const spec = taskSpec(def, t.key)!;
      t.openedAt ??= now;
      t.startedAt ??= now;
      t.submittedAt = now;
      t.outputs = { ...action.outputs };
      t.extension = null;
      change('submitted');
      if (spec.review) t.status = 'submitted';
      else {
        mergeData(state, action.data, effects);
        finishTask(def, state, t, ctx, effects);
      }
      break;
    }
    case 'approve':
      must(active && t.status === 'submitted', t, 'approved');
      t.approvedAt = now;
      change('approved');
      mergeData(state, action.data, effects);
      finishTask(def, state, t, ctx, effects);
      break;
    case 'reject':
      must(active && t.status === 'submitted', t, 'rejected');
      t.status = 'in_progress';
      t.rejectedAt = now;
      t.rejections += 1;
      t.lastRejection = action.reason;
      change('rejected');
      break;
    case 'overdue':
      // A timer may fire late or after the work was handed in: then there is nothing to do.
      if (active && t.status !== 'submitted' && !t.overdueAt && now.getTime() >= t.dueAt.getTime()) {
        t.overdueAt = now;
        change('overdue');
      }
      break;
    case 'sendBack': {
      must(active && t.status !== 'submitted', t, 'send work back');
      const target = state.tasks[action.to];
      if (!target || target.status !== 'done' || target.ruleId || t.ruleId) {
        throw new FlowActionError('INVALID_STATE', `"${action.to}" is not a finished step this one can send work back to`);
      }
      const between = nodesBetween(def, action.to, t.key);
      if (!between) throw new FlowActionError('INVALID_STATE', `"${action.to}" does not come before "${t.key}"`);
      for (const e of def.edges) if (e.from === action.to || between.has(e.from)) delete state.edges[e.id];
      for (const n of between) delete state.nodes[n];
      state.nodes[action.to] = 'live';
      t.status = 'cancelled';
      t.cancelledAt = now;
      t.extension = null;
      change('sent_back');
      target.status = 'in_progress';
      target.rejections += 1;
      target.lastRejection = action.reason;
      target.rejectedAt = now;
      target.doneAt = null;
      effects.push({ type: 'task.changed', task: target.key, change: 'reopened' });
      break;
    }
    case 'requestExtension':
      must(active && t.status !== 'submitted' && !t.extension, t, 'given more time', t.extension ? 'an extension request is already waiting' : undefined);
      if (action.until.getTime() <= Math.max(t.dueAt.getTime(), now.getTime())) {
        throw new FlowActionError('INVALID_STATE', 'the new deadline must be later than the current one and than now');
      }
      t.extension = { until: action.until, reason: action.reason, requestedAt: now };
      change('extension_requested');
      break;
    case 'decideExtension':
      must(active && !!t.extension, t, 'decided on', 'no extension request is waiting');
      if (action.approve) {
        // a new deadline already behind us would leave the task overdue before it is due
        if (t.extension!.until.getTime() <= now.getTime()) {
          throw new FlowActionError('INVALID_STATE', 'the requested new deadline has already passed; the department should ask again');
        }
        t.dueAt = t.extension!.until;
        t.overdueAt = null;
        change('extension_approved');
      } else change('extension_refused');
      t.extension = null;
      break;
  }
  return { state, effects };
}

/** Nodes after `from` on some path to `to` (including `to`); null when `to` does not follow `from`. */
function nodesBetween(def: FlowDefinition, from: string, to: string): Set<string> | null {
  const down = reach(def, from, 'down');
  const up = reach(def, to, 'up');
  if (!down.has(to)) return null;
  return new Set([...down].filter((n) => up.has(n) && n !== from));
}

function reach(def: FlowDefinition, start: string, dir: 'down' | 'up'): Set<string> {
  const seen = new Set<string>([start]);
  const stack = [start];
  while (stack.length) {
    const x = stack.pop()!;
    for (const e of def.edges) {
      const [a, b] = dir === 'down' ? [e.from, e.to] : [e.to, e.from];
      if (a === x && !seen.has(b)) (seen.add(b), stack.push(b));
    }
  }
  return seen;
}

function mergeData(state: FlowState, patch: Record<string, unknown> | undefined, effects: FlowEffect[]) {
  if (!patch) return;
  const fields = Object.keys(patch).filter((k) => state.data[k] !== patch[k]);
  if (!fields.length) return;
  state.data = { ...state.data, ...patch };
  effects.push({ type: 'data.changed', fields });
}

function requireRunning(state: FlowState) {
  if (state.status !== 'running') throw new FlowActionError('INVALID_STATE', `the case is ${state.status}`);
}

function must(ok: boolean, t: TaskState, what: string, why?: string) {
  if (!ok) throw new FlowActionError('INVALID_STATE', why ?? `a task that is ${t.status} cannot be ${what}`);
}

function finishTask(def: FlowDefinition, state: FlowState, t: TaskState, ctx: FlowContext, effects: FlowEffect[]) {
  t.status = 'done';
  t.doneAt = ctx.now;
  t.extension = null;
  effects.push({ type: 'task.changed', task: t.key, change: 'completed' });
  if (!t.ruleId) {
    state.nodes[t.key] = 'done';
    decideOutgoing(def, state, t.key, 'live');
  }
  advance(def, state, ctx, effects);
}

function scopeOf(state: FlowState): ConditionScope {
  const outputs: ConditionScope['outputs'] = {};
  for (const t of Object.values(state.tasks)) if (t.outputs && t.status === 'done') outputs[t.key] = t.outputs;
  return { data: state.data, outputs };
}

/** Decide a finished (or skipped) node's outgoing connections. */
function decideOutgoing(def: FlowDefinition, state: FlowState, nodeId: string, as: 'live' | 'dead') {
  const out = def.edges.filter((e) => e.from === nodeId);
  if (as === 'dead') {
    for (const e of out) state.edges[e.id] = 'dead';
    return;
  }
  const node = def.nodes.find((n) => n.id === nodeId)!;
  const scope = scopeOf(state);
  if (node.type === 'gateway' && node.mode === 'exclusive') {
    const chosen: FlowEdge | undefined = out.find((e) => e.when && holds(e.when, scope)) ?? out.find((e) => !e.when);
    for (const e of out) state.edges[e.id] = e === chosen ? 'live' : 'dead';
    return;
  }
  for (const e of out) state.edges[e.id] = !e.when || holds(e.when, scope) ? 'live' : 'dead';
}

/** Decide every node whose inputs are all decided, fire participant rules, and see whether the case is over. */
function advance(def: FlowDefinition, state: FlowState, ctx: FlowContext, effects: FlowEffect[]) {
  if (state.status !== 'running') return;
  for (let changed = true; changed; ) {
    changed = false;
    for (const n of def.nodes) {
      if (state.nodes[n.id]) continue;
      const incoming = def.edges.filter((e) => e.to === n.id);
      if (incoming.length === 0 || incoming.some((e) => !state.edges[e.id])) continue;
      changed = true;
      if (incoming.every((e) => state.edges[e.id] === 'dead')) {
        state.nodes[n.id] = 'dead';
        decideOutgoing(def, state, n.id, 'dead');
        if (n.type === 'task') effects.push({ type: 'node.skipped', node: n.id });
        continue;
      }
      if (n.type === 'task') {
        state.nodes[n.id] = 'live';
        activate(state, n.id, null, n, ctx, effects);
      } else {
        state.nodes[n.id] = 'done';
        decideOutgoing(def, state, n.id, 'live');
      }
    }
  }
  const scope = scopeOf(state);
  for (const r of def.participantRules) {
    if (state.firedRules.includes(r.id) || !holds(r.when, scope)) continue;
    state.firedRules.push(r.id);
    effects.push({ type: 'rule.fired', rule: r.id });
    for (const t of r.tasks) if (!state.tasks[t.id]) activate(state, t.id, r.id, t, ctx, effects);
  }
  const endsDecided = def.nodes.filter((n) => n.type === 'end').every((n) => state.nodes[n.id]);
  const inHand = Object.values(state.tasks).some((t) => ACTIVE_TASK_STATUSES.includes(t.status));
  if (endsDecided && !inHand) {
    state.status = 'completed';
    state.completedAt = ctx.now;
    effects.push({ type: 'flow.completed' });
  }
}

function activate(state: FlowState, key: string, ruleId: string | null, spec: TaskSpec, ctx: FlowContext, effects: FlowEffect[]) {
  state.tasks[key] = {
    key,
    ruleId,
    status: 'open',
    dueAt: ctx.due(key, spec, ctx.now, state.data),
    outputs: null,
    rejections: 0,
    lastRejection: null,
    extension: null,
    createdAt: ctx.now,
    openedAt: null,
    startedAt: null,
    submittedAt: null,
    approvedAt: null,
    rejectedAt: null,
    overdueAt: null,
    doneAt: null,
    cancelledAt: null,
  };
  effects.push({ type: 'task.activated', task: key });
}

function cloneState(s: FlowState): FlowState {
  return structuredClone(s);
}

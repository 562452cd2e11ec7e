/**
 * Shared helpers for the flow engine's tests: small builders for hand-written templates, a fixed
 * context whose clock the test advances, and fast-check arbitraries for random valid templates
 * and random action sequences. Test-only; nothing in the product imports this file.
 */
import fc from 'fast-check';
import { parseDefinition } from './validate.js';
import type { FlowAction, FlowContext } from './machine.js';
import type { Condition, FlowDefinition, FlowDefinitionInput } from './template.js';

type NodeInput = FlowDefinitionInput['nodes'][number];
type EdgeInput = FlowDefinitionInput['edges'][number];
type TaskInput = Extract<NodeInput, { type: 'task' }>;

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

/** The context every machine test uses: a due date one hour after activation and a clock the test moves. */
export interface TestClock extends FlowContext {
  tick(ms?: number): Date;
}

export function makeCtx(start = new Date('2025-03-03T01:00:00.000Z')): TestClock {
  const ctx: TestClock = {
    now: start,
    due: (_key, _spec, from) => new Date(from.getTime() + 3600e3),
    tick(ms = MINUTE) {
      ctx.now = new Date(ctx.now.getTime() + ms);
      return ctx.now;
    },
  };
  return ctx;
}

export function task(id: string, extra: Partial<Omit<TaskInput, 'id' | 'type'>> = {}): TaskInput {
  return {
    id,
    type: 'task',
    name: `Task ${id}`,
    assignee: { departmentCode: `D-${id}` },
    deadline: { hours: 24 },
    form: {
      type: 'object',
      properties: {
        ok: { 'x-widget': 'boolean', type: 'boolean', title: 'OK' },
        note: { 'x-widget': 'text', type: 'string', title: 'Note' },
      },
      required: [],
    },
    ...extra,
  };
}

export const start = (id = 'start'): NodeInput => ({ id, type: 'start' });
export const end = (id = 'end'): NodeInput => ({ id, type: 'end' });
export const gateway = (id: string, mode: 'parallel' | 'exclusive'): NodeInput => ({ id, type: 'gateway', mode });

export function edge(from: string, to: string, when?: Condition, id = `${from}-${to}`): EdgeInput {
  return when ? { id, from, to, when } : { id, from, to };
}

export const DATA_FIELDS: FlowDefinitionInput['dataFields'] = {
  level: { title: 'Level', type: 'number', enum: [1, 2, 3, 4] },
  flag: { title: 'Flag', type: 'boolean' },
};

/** A template input with the data fields the tests use. */
export function def(nodes: NodeInput[], edges: EdgeInput[], extra: Partial<FlowDefinitionInput> = {}): FlowDefinitionInput {
  return { nodes, edges, dataFields: DATA_FIELDS, ...extra };
}

/** Parse and check; throws with the issues when the template is refused (for templates a test expects to be valid). */
export function valid(input: FlowDefinitionInput): FlowDefinition {
  const r = parseDefinition(input);
  if (!r.ok) throw new Error(`template refused: ${JSON.stringify(r.errors)}`);
  return r.definition;
}

// ---------------------------------------------------------------------------------------------
// Random templates
// ---------------------------------------------------------------------------------------------

/** Conditions on a small data domain (data.level in 1..4, data.flag), sometimes on a task's output. */
export function conditionArb(taskIds: string[]): fc.Arbitrary<Condition> {
  const leaf: fc.Arbitrary<Condition> = fc.oneof(
    fc.record({ field: fc.constant('data.level'), op: fc.constantFrom('eq', 'ne', 'gt', 'gte', 'lt', 'lte'), value: fc.integer({ min: 1, max: 4 }) }),
    fc.record({ field: fc.constant('data.level'), op: fc.constant('in'), value: fc.uniqueArray(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }) }),
    fc.record({ field: fc.constant('data.flag'), op: fc.constant('eq'), value: fc.boolean() }),
    fc.record({ field: fc.constant('data.flag'), op: fc.constant('exists') }),
    ...(taskIds.length
      ? [fc.record({ field: fc.constantFrom(...taskIds.map((t) => `outputs.${t}.ok`)), op: fc.constant('eq'), value: fc.boolean() })]
      : []),
  ) as fc.Arbitrary<Condition>;
  return fc.oneof(
    { weight: 4, arbitrary: leaf },
    { weight: 1, arbitrary: fc.record({ not: leaf }) },
    { weight: 1, arbitrary: fc.record({ all: fc.array(leaf, { minLength: 1, maxLength: 2 }) }) },
    { weight: 1, arbitrary: fc.record({ any: fc.array(leaf, { minLength: 1, maxLength: 2 }) }) },
  );
}

interface NodeShape {
  kind: 'task' | 'parallel' | 'exclusive';
  review: boolean;
  /** Indexes (mod the pool) of earlier nodes that lead here; at least one. */
  ins: number[];
  /** Extra outgoing connections: target index (mod the later pool) and whether it carries a condition. */
  outs: { target: number; conditional: boolean }[];
  fallback: number;
}

interface Shape {
  layers: NodeShape[][];
  ends: number[];
  conditions: Condition[];
  rules: { when: Condition; tasks: { review: boolean }[] }[];
}

const MAX_TASK_IDS = 12;
const ALL_TASK_IDS = Array.from({ length: MAX_TASK_IDS }, (_, i) => `t${i}`);

const nodeShapeArb: fc.Arbitrary<NodeShape> = fc.record({
  kind: fc.constantFrom('task', 'task', 'task', 'parallel', 'exclusive'),
  review: fc.boolean(),
  ins: fc.array(fc.nat(20), { minLength: 1, maxLength: 2 }),
  outs: fc.array(fc.record({ target: fc.nat(20), conditional: fc.boolean() }), { maxLength: 2 }),
  fallback: fc.nat(20),
});

const shapeArb: fc.Arbitrary<Shape> = fc.record({
  layers: fc.array(fc.array(nodeShapeArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
  ends: fc.array(fc.nat(20), { minLength: 1, maxLength: 2 }),
  // Conditions may read an output of any task id the graph could hold; the validator refuses the ones
  // that read a task not before the branch (or not in the graph at all).
  conditions: fc.array(conditionArb(ALL_TASK_IDS.slice(0, 6)), { minLength: 8, maxLength: 8 }),
  rules: fc.array(
    fc.record({ when: conditionArb(ALL_TASK_IDS.slice(0, 4)), tasks: fc.array(fc.record({ review: fc.boolean() }), { minLength: 1, maxLength: 2 }) }),
    { maxLength: 2 },
  ),
});

/**
 * A layered DAG: the start, layers of tasks and gateways, then the ends. Every node after the start
 * gets at least one connection from an earlier node and every node before the ends at least one
 * to a later one, so all of it is reachable and can finish. The first connection out of a node has
 * no condition (the default); the others may have one (always on an exclusive gateway).
 */
export function buildTemplate(s: Shape): FlowDefinitionInput {
  const nodes: NodeInput[] = [start('s')];
  const layerIds: string[][] = [['s']];
  let tasks = 0;
  let gateways = 0;
  const kinds = new Map<string, NodeShape>();
  for (const layer of s.layers) {
    const ids: string[] = [];
    for (const n of layer) {
      let id: string;
      if (n.kind === 'task' && tasks < MAX_TASK_IDS) {
        id = `t${tasks++}`;
        nodes.push(task(id, { review: n.review }));
      } else {
        id = `g${gateways++}`;
        nodes.push(gateway(id, n.kind === 'exclusive' ? 'exclusive' : 'parallel'));
      }
      kinds.set(id, n);
      ids.push(id);
    }
    layerIds.push(ids);
  }
  const endIds = s.ends.map((_, i) => `e${i}`);
  for (const e of endIds) nodes.push(end(e));
  layerIds.push(endIds);

  const pairs: [string, string][] = [];
  const has = (a: string, b: string) => pairs.some(([x, y]) => x === a && y === b);
  const add = (a: string, b: string) => {
    if (!has(a, b)) pairs.push([a, b]);
  };
  // Incoming connections: from any earlier non-end node.
  for (let l = 1; l < layerIds.length; l++) {
    const pool = layerIds.slice(0, l).flat();
    layerIds[l].forEach((id, i) => {
      const ins = l === layerIds.length - 1 ? [s.ends[i]] : kinds.get(id)!.ins;
      for (const k of ins) add(pool[k % pool.length], id);
    });
  }
  // Outgoing connections: every non-end node leads to some later node; extra ones from the shape.
  for (let l = 0; l < layerIds.length - 1; l++) {
    const later = layerIds.slice(l + 1).flat();
    for (const id of layerIds[l]) {
      const shape = kinds.get(id);
      if (!pairs.some(([a]) => a === id)) add(id, later[(shape?.fallback ?? 0) % later.length]);
      for (const o of shape?.outs ?? []) add(id, later[o.target % later.length]);
    }
  }
  let c = 0;
  const edges: EdgeInput[] = [];
  for (const id of layerIds.slice(0, -1).flat()) {
    const shape = kinds.get(id);
    const out = pairs.filter(([a]) => a === id);
    out.forEach(([a, b], i) => {
      const conditional = i > 0 && (shape?.kind === 'exclusive' || (shape?.outs[(i - 1) % Math.max(1, shape.outs.length)]?.conditional ?? false));
      edges.push(edge(a, b, conditional ? s.conditions[c++ % s.conditions.length] : undefined));
    });
  }
  const participantRules = s.rules.map((r, i) => ({
    id: `r${i}`,
    name: `Rule ${i}`,
    when: r.when,
    tasks: r.tasks.map((t, j) => {
      const { type: _t, ...spec } = task(`r${i}x${j}`, { review: t.review });
      return spec;
    }),
  }));
  return def(nodes, edges, { participantRules });
}

/** Random template inputs; about half or more pass the validator (see machine.property.test.ts). */
export const templateInputArb: fc.Arbitrary<FlowDefinitionInput> = shapeArb.map(buildTemplate);

/** Random templates the validator accepts. */
export const validTemplateArb: fc.Arbitrary<FlowDefinition> = templateInputArb
  .map((t) => parseDefinition(t))
  .filter((r) => r.ok)
  .map((r) => (r as { ok: true; definition: FlowDefinition }).definition);

/** Every task key a template can produce: its task nodes and the tasks its participant rules add. */
export function taskKeys(d: FlowDefinition): string[] {
  return [...d.nodes.filter((n) => n.type === 'task').map((n) => n.id), ...d.participantRules.flatMap((r) => r.tasks.map((t) => t.id))];
}

/** An action chosen without regard to the state: `task` indexes the template's task keys, past them an unknown one. */
export type ActionPlan =
  | { kind: 'task'; type: 'open' | 'start' | 'approve' | 'overdue'; task: number; dt: number }
  | { kind: 'task'; type: 'submit'; task: number; ok: boolean; dt: number }
  | { kind: 'task'; type: 'reject'; task: number; dt: number }
  | { kind: 'task'; type: 'requestExtension'; task: number; hours: number; dt: number }
  | { kind: 'task'; type: 'decideExtension'; task: number; approve: boolean; dt: number }
  | { kind: 'setData'; patch: { level?: number; flag?: boolean }; dt: number }
  | { kind: 'cancel'; dt: number };

const dtArb = fc.integer({ min: 0, max: 150 }).map((m) => m * MINUTE);
/** 0–11: one of the case's active tasks (when it has any); 12–17: any task of the template; 18–19: an unknown one. */
const taskIdx = fc.nat(19);

export const actionPlanArb: fc.Arbitrary<ActionPlan> = fc.oneof(
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('task' as const), type: fc.constantFrom('open' as const, 'start' as const, 'approve' as const, 'overdue' as const), task: taskIdx, dt: dtArb }) },
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('task' as const), type: fc.constant('submit' as const), task: taskIdx, ok: fc.boolean(), dt: dtArb }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('task' as const), type: fc.constant('reject' as const), task: taskIdx, dt: dtArb }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('task' as const), type: fc.constant('requestExtension' as const), task: taskIdx, hours: fc.integer({ min: -2, max: 6 }), dt: dtArb }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('task' as const), type: fc.constant('decideExtension' as const), task: taskIdx, approve: fc.boolean(), dt: dtArb }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('setData' as const),
      patch: fc.record({ level: fc.integer({ min: 1, max: 4 }), flag: fc.boolean() }, { requiredKeys: [] }),
      dt: dtArb,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), dt: dtArb }) },
);

/** Turn a plan into an action for a template at the given time, mostly on one of the `active` task keys. */
export function toAction(plan: ActionPlan, keys: string[], now: Date, active: string[] = []): FlowAction {
  if (plan.kind === 'cancel') return { type: 'cancel' };
  if (plan.kind === 'setData') return { type: 'setData', patch: plan.patch };
  const task =
    plan.task < 12 && active.length > 0
      ? active[plan.task % active.length]
      : plan.task < 18 && keys.length > 0
        ? keys[plan.task % keys.length]
        : `unknown${plan.task}`;
  switch (plan.type) {
    case 'submit':
      return { type: 'submit', task, outputs: { ok: plan.ok, note: 'done' } };
    case 'reject':
      return { type: 'reject', task, reason: 'not enough' };
    case 'requestExtension':
      return { type: 'requestExtension', task, until: new Date(now.getTime() + plan.hours * HOUR), reason: 'need time' };
    case 'decideExtension':
      return { type: 'decideExtension', task, approve: plan.approve };
    default:
      return { type: plan.type, task };
  }
}

/** Initial case data on the template's domain. */
export const initialDataArb = fc.record({ level: fc.integer({ min: 1, max: 4 }), flag: fc.boolean() }, { requiredKeys: [] });

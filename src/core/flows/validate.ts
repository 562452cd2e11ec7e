import { fieldsOf } from './conditions.js';
import { FlowDefinitionSchema, type FlowDefinition, type Form, type FlowNode } from './template.js';

export interface FlowIssue {
  path: string;
  message: string;
}

export type ParsedDefinition = { ok: true; definition: FlowDefinition } | { ok: false, errors: FlowIssue[] };

/** Shape (schema) first, then whether the graph can always finish. The designer and the server share it. */
export function parseDefinition(input: unknown, pathPrefix = 'definition'): ParsedDefinition {
  const r = FlowDefinitionSchema.safeParse(input);
  const at = (p: (string | number)[]) => [pathPrefix, ...p].filter((x) => x !== '').join('.');
  if (!r.success) return { ok: false, errors: r.error.issues.map((i) => ({ path: at(i.path as (string | number)[]), message: i.message })) };
  const errors = checkDefinition(r.data).map((e) => ({ path: at(e.path ? e.path.split('.') : []), message: e.message }));
  return errors.length ? { ok: false, errors } : { ok: true, definition: r.data };
}

/**
 * A template that cannot finish is refused: no or several starts, no end, an edge to nowhere, a
 * cycle, a step not reachable from the start or with no way to an end, a split without a default
 * path (so a case could stall with every branch switched off), a task without a department, a
 * condition reading a field that does not exist or a task's output before that task can have run.
 */
export function checkDefinition(d: FlowDefinition): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  const index = new Map<string, number>();
  d.nodes.forEach((n, i) => {
    if (index.has(n.id)) add(`nodes.${i}.id`, `duplicate step id "${n.id}"`);
    else index.set(n.id, i);
  });
  const starts = d.nodes.filter((n) => n.type === 'start');
  if (starts.length !== 1) add('nodes', `a template has exactly one start (found ${starts.length})`);
  if (!d.nodes.some((n) => n.type === 'end')) add('nodes', 'a template needs an end');

  const out = new Map<string, number[]>();
  const inc = new Map<string, number[]>();
  const edgeIds = new Set<string>();
  const pairs = new Set<string>();
  d.edges.forEach((e, i) => {
    if (edgeIds.has(e.id)) add(`edges.${i}.id`, `duplicate connection id "${e.id}"`);
    edgeIds.add(e.id);
    if (!index.has(e.from)) add(`edges.${i}.from`, `no step "${e.from}"`);
    if (!index.has(e.to)) add(`edges.${i}.to`, `no step "${e.to}"`);
    if (e.from === e.to) add(`edges.${i}`, 'a step cannot lead to itself');
    if (pairs.has(`${e.from}>${e.to}`)) add(`edges.${i}`, `"${e.from}" is already connected to "${e.to}"`);
    pairs.add(`${e.from}>${e.to}`);
    out.set(e.from, [...(out.get(e.from) ?? []), i]);
    inc.set(e.to, [...(inc.get(e.to) ?? []), i]);
  });
  if (issues.length) return issues; // the graph checks below assume a well-formed graph

  d.nodes.forEach((n, i) => {
    const ins = inc.get(n.id)?.length ?? 0;
    const outs = out.get(n.id) ?? [];
    if (n.type === 'start' && ins > 0) add(`nodes.${i}`, 'nothing may lead into the start');
    if (n.type !== 'start' && ins === 0) add(`nodes.${i}`, `step "${label(n)}" has no incoming connection`);
    if (n.type === 'end' && outs.length > 0) add(`nodes.${i}`, 'an end leads nowhere');
    if (n.type !== 'end' && outs.length === 0) add(`nodes.${i}`, `step "${label(n)}" has no outgoing connection`);
    const defaults = outs.filter((e) => !d.edges[e].when).length;
    if (outs.length > 0 && defaults === 0) add(`nodes.${i}`, `every branch after "${label(n)}" has a condition; add one without a condition so the case can always go on`);
    if (n.type === 'gateway' && n.mode === 'exclusive' && defaults > 1) add(`nodes.${i}`, `an exclusive gateway has one default branch (found ${defaults})`);
    if (n.type === 'task') {
      if (!n.assignee.departmentCode.trim()) add(`nodes.${i}.assignee.departmentCode`, `step "${n.name}" has no department`);
      formIssues(n.form).forEach((m) => add(`nodes.${i}.form.${m.path}`, m.message));
    }
  });

  const order = topologicalOrder(d);
  if (!order) {
    add('edges', 'the steps form a cycle; send work back by rejecting a reviewed task instead');
    return issues;
  }
  const start = starts[0];
  const reach = reachable(start.id, (x) => (out.get(x) ?? []).map((e) => d.edges[e].to));
  const ends = d.nodes.filter((n) => n.type === 'end').map((n) => n.id);
  const coreach = new Set<string>();
  for (const e of ends) for (const x of reachable(e, (y) => (inc.get(y) ?? []).map((k) => d.edges[k].from))) coreach.add(x);
  d.nodes.forEach((n, i) => {
    if (!reach.has(n.id)) add(`nodes.${i}`, `step "${label(n)}" cannot be reached from the start`);
    else if (!coreach.has(n.id)) add(`nodes.${i}`, `step "${label(n)}" has no way to an end`);
  });

  // A condition may read the case's data fields and the outputs of tasks that finish before it is decided.
  const ancestors = ancestorSets(d, order, inc);
  const tasks = new Map(d.nodes.filter((n) => n.type === 'task').map((n) => [n.id, n]));
  const checkFields = (fields: string[], path: string, before: Set<string> | null) => {
    for (const f of fields) {
      const [root, a, b] = f.split('.');
      if (root === 'data' && !Object.hasOwn(d.dataFields, a)) add(path, `unknown case field "${a}"`);
      if (root === 'outputs') {
        const t = tasks.get(a);
        if (!t) add(path, `no task "${a}"`);
        else if (!Object.hasOwn(t.form.properties, b)) add(path, `task "${t.name}" has no output "${b}"`);
        else if (before && !before.has(a)) add(path, `the output of "${t.name}" is not known yet when this branch is decided`);
      }
    }
  };
  d.edges.forEach((e, i) => {
    if (e.when) checkFields(fieldsOf(e.when), `edges.${i}.when`, ancestors.get(e.from)!);
  });
  const ruleTaskIds = new Set<string>();
  d.participantRules.forEach((r, i) => {
    if (d.participantRules.findIndex((x) => x.id === r.id) !== i) add(`participantRules.${i}.id`, `duplicate rule id "${r.id}"`);
    checkFields(fieldsOf(r.when), `participantRules.${i}.when`, null);
    r.tasks.forEach((t, j) => {
      if (index.has(t.id) || ruleTaskIds.has(t.id)) add(`participantRules.${i}.tasks.${j}.id`, `duplicate step id "${t.id}"`);
      ruleTaskIds.add(t.id);
      formIssues(t.form).forEach((m) => add(`participantRules.${i}.tasks.${j}.form.${m.path}`, m.message));
    });
  });
  return issues;
}

function formIssues(form: Form): FlowIssue[] {
  const issues: FlowIssue[] = [];
  form.required.forEach((k, i) => {
    if (!(k in form.properties)) issues.push({ path: `required.${i}`, message: `no field "${k}"` });
  });
  for (const [k, f] of Object.entries(form.properties)) {
    const p = `properties.${k}`;
    if ('minimum' in f && f.minimum !== undefined && f.maximum !== undefined && f.minimum > f.maximum) issues.push({ path: p, message: 'minimum above maximum' });
    if ('minLength' in f && f.minLength !== undefined && f.maxLength !== undefined && f.minLength > f.maxLength) issues.push({ path: p, message: 'minLength above maxLength' });
    if ('maxItems' in f && f.minItems !== undefined && f.maxItems !== undefined && f.minItems > f.maxItems) issues.push({ path: p, message: 'minItems above maxItems' });
  }
  return issues;
}

function label(n: FlowNode): string {
  return ('name' in n && n.name) || n.id;
}

function reachable(from: string, next: (id: string) => string[]): Set<string> {
  const seen = new Set([from]);
  const stack = [from];
  while (stack.length) for (const y of next(stack.pop()!)) if (!seen.has(y)) (seen.add(y), stack.push(y));
  return seen;
}

/** Kahn's algorithm; null when there is a cycle. */
export function topologicalOrder(d: Pick<FlowDefinition, 'nodes' | 'edges'>): string[] | null {
  const indeg = new Map(d.nodes.map((n) => [n.id, 0]));
  for (const e of d.edges) indeg.set(e.to, (indeg.get(e.to) ?? 0) + 1);
  const queue = d.nodes.filter((n) => indeg.get(n.id) === 0).map((n) => n.id);
  const order: string[] = [];
  while (queue.length) {
    const x = queue.shift()!;
    order.push(x);
    for (const e of d.edges) {
      if (e.from !== x) continue;
      const k = indeg.get(e.to)! - 1;
      indeg.set(e.to, k);
      if (k === 0) queue.push(e.to);
    }
  }
  return order.length === d.nodes.length ? order : null;
}

/** For each node, itself and every node on some path before it. */
function ancestorSets(d: FlowDefinition, order: string[], inc: Map<string, number[]>): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  for (const x of order) {
    const s = new Set([x]);
    for (const e of inc.get(x) ?? []) for (const a of result.get(d.edges[e].from)!) s.add(a);
    result.set(x, s);
  }
  return result;
}

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkDefinition, parseDefinition, topologicalOrder, type FlowIssue } from './validate.js';
import { FlowDefinitionSchema, type Condition, type FlowDefinitionInput } from './template.js';
import { def, edge, end, gateway, start, task, templateInputArb } from './test-arbitraries.js';

const LEVEL_HIGH: Condition = { field: 'data.level', op: 'gte', value: 3 };

/**
 * s → a → x (exclusive) → b (level ≥ 3) / c (default) → j (join) → e,
 * with a participant rule adding "safety" when the flag is set.
 */
function base(): FlowDefinitionInput {
  return def(
    [start('s'), task('a'), gateway('x', 'exclusive'), task('b', { review: true }), task('c'), gateway('j', 'parallel'), end('e')],
    [edge('s', 'a'), edge('a', 'x'), edge('x', 'b', LEVEL_HIGH), edge('x', 'c'), edge('b', 'j'), edge('c', 'j'), edge('j', 'e')],
    {
      participantRules: [
        {
          id: 'r1',
          name: 'Flagged',
          when: { field: 'data.flag', op: 'eq', value: true },
          tasks: [(({ type: _t, ...spec }) => ({ ...spec, id: 'safety' }))(task('safety'))],
        },
      ],
    },
  );
}

function errorsOf(input: unknown): FlowIssue[] {
  const r = parseDefinition(input);
  if (r.ok) throw new Error('expected the template to be refused');
  return r.errors;
}

/** The template is refused with an issue at exactly `path` whose message matches. */
function expectRefused(input: unknown, path: string, message: RegExp) {
  const errors = errorsOf(input);
  expect(errors, JSON.stringify(errors, null, 1)).toContainEqual({ path, message: expect.stringMatching(message) });
}

const nodeIndex = (d: FlowDefinitionInput, id: string) => d.nodes.findIndex((n) => n.id === id);

describe('a valid template', () => {
  it('passes, with the defaults filled in', () => {
    const r = parseDefinition(base());
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (!r.ok) return;
    expect(r.definition.escalation).toEqual({ remindBeforeHours: 2, notifyHeadOnOverdue: true, committeeAfterHours: 24 });
    expect(r.definition.nodes.find((n) => n.id === 'a')).toMatchObject({ review: false });
    expect(r.definition.nodes.find((n) => n.id === 'b')).toMatchObject({ review: true });
    expect(checkDefinition(r.definition)).toEqual([]);
  });

  it('the smallest one: start → end', () => {
    expect(parseDefinition({ nodes: [start('s'), end('e')], edges: [edge('s', 'e')] }).ok).toBe(true);
  });

  it('may read data fields anywhere and outputs of tasks before the branch', () => {
    const d = base();
    d.edges[2] = edge('x', 'b', { all: [LEVEL_HIGH, { field: 'outputs.a.ok', op: 'eq', value: true }] });
    expect(parseDefinition(d).ok).toBe(true);
    // a task's own output decides its outgoing connections
    const own = def([start('s'), task('a'), task('b'), end('e')], [edge('s', 'a'), edge('a', 'b', { field: 'outputs.a.ok', op: 'eq', value: true }), edge('a', 'e'), edge('b', 'e')]);
    expect(parseDefinition(own).ok).toBe(true);
    // a participant rule may read any task's output
    const rule = base();
    rule.participantRules![0].when = { field: 'outputs.c.note', op: 'exists' };
    expect(parseDefinition(rule).ok).toBe(true);
  });

  it('a parallel split may have several defaults and conditional branches next to them', () => {
    const d = def(
      [start('s'), gateway('p', 'parallel'), task('a'), task('b'), task('c'), gateway('j', 'parallel'), end('e')],
      [edge('s', 'p'), edge('p', 'a'), edge('p', 'b'), edge('p', 'c', LEVEL_HIGH), edge('a', 'j'), edge('b', 'j'), edge('c', 'j'), edge('j', 'e')],
    );
    expect(parseDefinition(d).ok).toBe(true);
  });

  it('two ends are fine', () => {
    const d = def([start('s'), gateway('x', 'exclusive'), end('e1'), end('e2')], [edge('s', 'x'), edge('x', 'e1', LEVEL_HIGH), edge('x', 'e2')]);
    expect(parseDefinition(d).ok).toBe(true);
  });

  it('every path is prefixed (or not) as asked', () => {
    const d = base();
    d.nodes.push(end('e'));
    expect(parseDefinition(d, 'template').ok).toBe(false);
    expect((parseDefinition(d, 'template') as { errors: FlowIssue[] }).errors[0].path).toBe('template.nodes.7.id');
    expect((parseDefinition(d, '') as { errors: FlowIssue[] }).errors[0].path).toBe('nodes.7.id');
  });
});

describe('refusals', () => {
  it('no start', () => {
    const d = base();
    d.nodes[0] = task('s');
    expectRefused(d, 'definition.nodes', /exactly one start \(found 0\)/);
  });

  it('two starts', () => {
    const d = base();
    d.nodes.push(start('s2'));
    d.edges.push(edge('s2', 'a'));
    expectRefused(d, 'definition.nodes', /exactly one start \(found 2\)/);
  });

  it('no end', () => {
    const d = base();
    d.nodes[nodeIndex(d, 'e')] = task('e');
    expectRefused(d, 'definition.nodes', /needs an end/);
  });

  it('fewer than two steps (schema)', () => {
    expectRefused({ nodes: [start('s')], edges: [] }, 'definition.nodes', /./);
  });

  it('a connection to or from an unknown step', () => {
    const d = base();
    d.edges.push(edge('j', 'nowhere'));
    expectRefused(d, 'definition.edges.7.to', /no step "nowhere"/);
    const f = base();
    f.edges.push(edge('ghost', 'j'));
    expectRefused(f, 'definition.edges.7.from', /no step "ghost"/);
  });

  it('a step leading to itself', () => {
    const d = base();
    d.edges.push(edge('b', 'b'));
    expectRefused(d, 'definition.edges.7', /cannot lead to itself/);
  });

  it('a duplicate connection', () => {
    const d = base();
    d.edges.push(edge('a', 'x', undefined, 'again'));
    expectRefused(d, 'definition.edges.7', /"a" is already connected to "x"/);
  });

  it('duplicate connection and step ids', () => {
    const d = base();
    d.edges.push({ ...edge('s', 'j'), id: 'a-x' });
    expectRefused(d, 'definition.edges.7.id', /duplicate connection id "a-x"/);
    const n = base();
    n.nodes.push(task('b'));
    expectRefused(n, 'definition.nodes.7.id', /duplicate step id "b"/);
  });

  it('a cycle', () => {
    const d = base();
    d.edges.push(edge('b', 'a'));
    expectRefused(d, 'definition.edges', /cycle/);
    // a longer one not through the start
    const l = def(
      [start('s'), task('a'), task('b'), task('c'), end('e')],
      [edge('s', 'a'), edge('a', 'b'), edge('b', 'c'), edge('c', 'a'), edge('c', 'e')],
    );
    expectRefused(l, 'definition.edges', /cycle/);
  });

  it('a step that cannot be reached from the start', () => {
    const d = base();
    d.nodes.push(task('island'), task('shore'));
    d.edges.push(edge('island', 'shore'), edge('shore', 'e'));
    expectRefused(d, 'definition.nodes.7', /step "Task island" has no incoming connection/);
    expectRefused(d, 'definition.nodes.8', /step "Task shore" cannot be reached from the start/);
  });

  it('nothing may lead into the start', () => {
    const d = def([start('s'), task('a'), task('b'), end('e')], [edge('s', 'a'), edge('a', 'e'), edge('b', 's'), edge('a', 'b')]);
    expectRefused(d, 'definition.nodes.0', /nothing may lead into the start/);
  });

  it('a step with no way to an end', () => {
    const d = base();
    d.nodes.push(task('lost'), task('astray'));
    d.edges.push(edge('a', 'lost'), edge('lost', 'astray'));
    expectRefused(d, 'definition.nodes.7', /step "Task lost" has no way to an end/);
    expectRefused(d, 'definition.nodes.8', /step "Task astray" has no outgoing connection/);
  });

  it('an end leads nowhere', () => {
    const d = base();
    d.nodes.push(end('e2'));
    d.edges.push(edge('e', 'e2'));
    expectRefused(d, `definition.nodes.${nodeIndex(d, 'e')}`, /an end leads nowhere/);
  });

  it('a split where every branch has a condition', () => {
    const d = base();
    d.edges[3] = edge('x', 'c', { field: 'data.level', op: 'lt', value: 3 });
    expectRefused(d, `definition.nodes.${nodeIndex(d, 'x')}`, /every branch after "x" has a condition/);
    // also a parallel gateway, and a task with a single conditional way on
    const p = base();
    (p.nodes[nodeIndex(p, 'x')] as { mode: string }).mode = 'parallel';
    p.edges[3] = edge('x', 'c', { field: 'data.flag', op: 'eq', value: true });
    expectRefused(p, `definition.nodes.${nodeIndex(p, 'x')}`, /every branch/);
    const t = base();
    t.edges[1] = edge('a', 'x', LEVEL_HIGH);
    expectRefused(t, `definition.nodes.${nodeIndex(t, 'a')}`, /every branch after "Task a" has a condition/);
  });

  it('an exclusive gateway with two defaults', () => {
    const d = base();
    d.edges[2] = edge('x', 'b');
    expectRefused(d, `definition.nodes.${nodeIndex(d, 'x')}`, /one default branch \(found 2\)/);
  });

  it('a task with an empty department code (schema, and the graph check on its own)', () => {
    const d = base();
    (d.nodes[1] as { assignee: { departmentCode: string } }).assignee.departmentCode = '   ';
    expectRefused(d, 'definition.nodes.1.assignee.departmentCode', /./);
    const parsed = FlowDefinitionSchema.parse(base());
    (parsed.nodes[1] as { assignee: { departmentCode: string } }).assignee.departmentCode = '';
    expect(checkDefinition(parsed)).toContainEqual({ path: 'nodes.1.assignee.departmentCode', message: 'step "Task a" has no department' });
  });

  it('a form requiring a field it does not have', () => {
    const d = base();
    (d.nodes[1] as { form: { required: string[] } }).form.required = ['ok', 'photo'];
    expectRefused(d, 'definition.nodes.1.form.required.1', /no field "photo"/);
    const r = base();
    r.participantRules![0].tasks[0].form.required = ['signature'];
    expectRefused(r, 'definition.participantRules.0.tasks.0.form.required.0', /no field "signature"/);
  });

  it('a form field whose bounds are the wrong way round', () => {
    const d = base();
    (d.nodes[1] as { form: { properties: Record<string, unknown> } }).form.properties.count = {
      'x-widget': 'number',
      type: 'integer',
      title: 'Count',
      minimum: 5,
      maximum: 1,
    };
    expectRefused(d, 'definition.nodes.1.form.properties.count', /minimum above maximum/);
  });

  it('a condition on an unknown case field', () => {
    const d = base();
    d.edges[2] = edge('x', 'b', { field: 'data.severity', op: 'gte', value: 3 });
    expectRefused(d, 'definition.edges.2.when', /unknown case field "severity"/);
    const r = base();
    r.participantRules![0].when = { not: { field: 'data.colour', op: 'exists' } };
    expectRefused(r, 'definition.participantRules.0.when', /unknown case field "colour"/);
  });

  it('a condition on an output of a task that does not exist or has no such field', () => {
    const d = base();
    d.edges[2] = edge('x', 'b', { field: 'outputs.zz.ok', op: 'eq', value: true });
    expectRefused(d, 'definition.edges.2.when', /no task "zz"/);
    const f = base();
    f.edges[2] = edge('x', 'b', { field: 'outputs.a.missing', op: 'exists' });
    expectRefused(f, 'definition.edges.2.when', /task "Task a" has no output "missing"/);
  });

  it('a condition reading the output of a task that is not before it', () => {
    // c runs on the other branch of x: its output is not known when x decides
    const d = base();
    d.edges[2] = edge('x', 'b', { field: 'outputs.c.ok', op: 'eq', value: true });
    expectRefused(d, 'definition.edges.2.when', /output of "Task c" is not known yet/);
    // nor a parallel sibling's output on the other branch
    const p = def(
      [start('s'), gateway('p', 'parallel'), task('a'), task('b'), task('z'), gateway('j', 'parallel'), end('e')],
      [edge('s', 'p'), edge('p', 'a'), edge('p', 'b'), edge('a', 'z', { field: 'outputs.b.ok', op: 'eq', value: true }), edge('a', 'j'), edge('b', 'j'), edge('z', 'j'), edge('j', 'e')],
    );
    expectRefused(p, 'definition.edges.3.when', /output of "Task b" is not known yet/);
  });

  it('duplicate ids among the tasks participant rules add', () => {
    // the same as a step
    const d = base();
    d.participantRules![0].tasks[0].id = 'b';
    expectRefused(d, 'definition.participantRules.0.tasks.0.id', /duplicate step id "b"/);
    // twice in one rule
    const t = base();
    t.participantRules![0].tasks.push({ ...t.participantRules![0].tasks[0] });
    expectRefused(t, 'definition.participantRules.0.tasks.1.id', /duplicate step id "safety"/);
    // in two rules
    const r = base();
    r.participantRules!.push({ ...r.participantRules![0], id: 'r2', when: LEVEL_HIGH });
    expectRefused(r, 'definition.participantRules.1.tasks.0.id', /duplicate step id "safety"/);
  });

  it('two participant rules with the same id', () => {
    // the engine tracks fired rules by id: the second rule would never fire once the first has
    const d = base();
    const other = { ...d.participantRules![0], when: LEVEL_HIGH, tasks: [{ ...d.participantRules![0].tasks[0], id: 'committee' }] };
    d.participantRules!.push(other);
    expectRefused(d, 'definition.participantRules.1.id', /duplicate/);
  });

  it('a condition on an inherited property name ("data.constructor") is not taken for a known field', () => {
    const d = base();
    d.edges[2] = edge('x', 'b', { field: 'data.constructor', op: 'exists' });
    expectRefused(d, 'definition.edges.2.when', /unknown case field "constructor"/);
  });

  it('schema errors come with the path of the bad value', () => {
    const d = base();
    (d.nodes[1] as { id: string }).id = '1bad';
    expectRefused(d, 'definition.nodes.1.id', /letters/);
    const w = base();
    w.edges[2] = { ...w.edges[2], when: { field: 'data.level', op: 'like' as 'eq', value: 3 } };
    expect(errorsOf(w).some((e) => e.path.startsWith('definition.edges.2.when'))).toBe(true);
  });

  it('reports every independent problem at once', () => {
    const d = base();
    d.edges[3] = edge('x', 'c', LEVEL_HIGH); // every branch conditional (and the same condition)
    (d.nodes[1] as { form: { required: string[] } }).form.required = ['nope'];
    d.participantRules![0].when = { field: 'data.unknown', op: 'exists' };
    const paths = errorsOf(d).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining([`definition.nodes.${nodeIndex(d, 'x')}`, 'definition.nodes.1.form.required.0', 'definition.participantRules.0.when']));
  });
});

describe('topologicalOrder', () => {
  it('orders every step after the ones before it, or gives null on a cycle', () => {
    const d = base();
    const order = topologicalOrder(d as Parameters<typeof topologicalOrder>[0])!;
    expect(order).toHaveLength(d.nodes.length);
    for (const e of d.edges) expect(order.indexOf(e.from)).toBeLessThan(order.indexOf(e.to));
    expect(topologicalOrder({ nodes: [start('s'), task('a'), task('b')], edges: [edge('a', 'b'), edge('b', 'a')] } as Parameters<typeof topologicalOrder>[0])).toBeNull();
  });

  it('on random templates: accepted ones have a topological order; parse never throws', () => {
    fc.assert(
      fc.property(templateInputArb, (t) => {
        const r = parseDefinition(t);
        if (r.ok) {
          const order = topologicalOrder(r.definition)!;
          for (const e of r.definition.edges) expect(order.indexOf(e.from)).toBeLessThan(order.indexOf(e.to));
        } else {
          expect(r.errors.length).toBeGreaterThan(0);
          for (const e of r.errors) expect(e.path.startsWith('definition')).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });
});

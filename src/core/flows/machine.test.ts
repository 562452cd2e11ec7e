import { describe, expect, it } from 'vitest';
import { applyAction, FlowActionError, startFlow, taskSpec, type FlowAction, type FlowEffect, type FlowState, type Step } from './machine.js';
import type { FlowDefinition } from './template.js';
import { def, edge, end, gateway, HOUR, makeCtx, MINUTE, start, task, valid, type TestClock } from './test-arbitraries.js';

/** Apply an action and check the input state was not touched. */
function act(d: FlowDefinition, s: FlowState, a: FlowAction, ctx: TestClock): Step {
  const before = structuredClone(s);
  try {
    const r = applyAction(d, s, a, ctx);
    expect(r.state).not.toBe(s);
    return r;
  } finally {
    expect(s).toEqual(before);
  }
}

function refused(d: FlowDefinition, s: FlowState, a: FlowAction, ctx: TestClock, code: 'INVALID_STATE' | 'UNKNOWN_TASK', message?: RegExp) {
  const before = structuredClone(s);
  let error: unknown;
  try {
    applyAction(d, s, a, ctx);
  } catch (e) {
    error = e;
  }
  expect(error, `${JSON.stringify(a)} should be refused`).toBeInstanceOf(FlowActionError);
  expect((error as FlowActionError).code).toBe(code);
  if (message) expect((error as FlowActionError).message).toMatch(message);
  expect(s).toEqual(before);
}

const submit = (t: string, outputs: Record<string, unknown> = { ok: true }): FlowAction => ({ type: 'submit', task: t, outputs });
const active = (s: FlowState) =>
  Object.values(s.tasks)
    .filter((t) => ['open', 'in_progress', 'submitted'].includes(t.status))
    .map((t) => t.key)
    .sort();

const RULE_TASK = (id: string) => {
  const { type: _t, ...spec } = task(id);
  return spec;
};

describe('a sequential flow: s → a → b → e', () => {
  const d = valid(def([start('s'), task('a'), task('b'), end('e')], [edge('s', 'a'), edge('a', 'b'), edge('b', 'e')]));

  it('activates each task in turn and completes after the last', () => {
    const ctx = makeCtx();
    const t0 = ctx.now;
    let r = startFlow(d, { level: 1 }, ctx);
    expect(r.state.status).toBe('running');
    expect(r.effects).toEqual([{ type: 'task.activated', task: 'a' }]);
    expect(r.state.nodes).toEqual({ s: 'done', a: 'live' });
    expect(r.state.edges).toEqual({ 's-a': 'live' });
    expect(r.state.tasks.a).toMatchObject({ key: 'a', ruleId: null, status: 'open', createdAt: t0, dueAt: new Date(t0.getTime() + HOUR), outputs: null });
    expect(r.state.data).toEqual({ level: 1 });

    const t1 = ctx.tick(10 * MINUTE);
    r = act(d, r.state, { type: 'open', task: 'a' }, ctx);
    expect(r.effects).toEqual([{ type: 'task.changed', task: 'a', change: 'opened' }]);
    expect(r.state.tasks.a.openedAt).toEqual(t1);
    ctx.tick();
    const again = act(d, r.state, { type: 'open', task: 'a' }, ctx);
    expect(again.effects).toEqual([]);
    expect(again.state).toEqual(r.state);

    const t2 = ctx.tick();
    r = act(d, r.state, { type: 'start', task: 'a' }, ctx);
    expect(r.state.tasks.a).toMatchObject({ status: 'in_progress', openedAt: t1, startedAt: t2 });
    expect(r.effects).toEqual([{ type: 'task.changed', task: 'a', change: 'started' }]);

    const t3 = ctx.tick(HOUR);
    r = act(d, r.state, submit('a', { ok: true, note: 'fine' }), ctx);
    expect(r.effects).toEqual([
      { type: 'task.changed', task: 'a', change: 'submitted' },
      { type: 'task.changed', task: 'a', change: 'completed' },
      { type: 'task.activated', task: 'b' },
    ]);
    expect(r.state.tasks.a).toMatchObject({ status: 'done', submittedAt: t3, doneAt: t3, approvedAt: null, outputs: { ok: true, note: 'fine' } });
    expect(r.state.tasks.b).toMatchObject({ status: 'open', createdAt: t3, dueAt: new Date(t3.getTime() + HOUR) });
    expect(r.state.nodes).toEqual({ s: 'done', a: 'done', b: 'live' });

    const t4 = ctx.tick();
    r = act(d, r.state, submit('b'), ctx);
    expect(r.state.status).toBe('completed');
    expect(r.state.completedAt).toEqual(t4);
    expect(r.state.nodes).toEqual({ s: 'done', a: 'done', b: 'done', e: 'done' });
    expect(r.state.edges).toEqual({ 's-a': 'live', 'a-b': 'live', 'b-e': 'live' });
    expect(r.effects.at(-1)).toEqual({ type: 'flow.completed' });
    // submitting straight from open fills in opened and started
    expect(r.state.tasks.b).toMatchObject({ openedAt: t4, startedAt: t4, submittedAt: t4, doneAt: t4 });
  });

  it('start → end completes at once', () => {
    const ctx = makeCtx();
    const r = startFlow(valid(def([start('s'), end('e')], [edge('s', 'e')])), {}, ctx);
    expect(r.state.status).toBe('completed');
    expect(r.state.completedAt).toEqual(ctx.now);
    expect(r.effects).toEqual([{ type: 'flow.completed' }]);
  });

  it('startFlow copies the data it is given', () => {
    const data = { level: 2 };
    const r = startFlow(d, data, makeCtx());
    r.state.data.level = 3;
    expect(data).toEqual({ level: 2 });
  });

  it('a template without a start cannot be started', () => {
    const broken = { ...d, nodes: d.nodes.filter((n) => n.type !== 'start') };
    expect(() => startFlow(broken, {}, makeCtx())).toThrow(FlowActionError);
  });
});

describe('parallel split and join', () => {
  const d = valid(
    def(
      [start('s'), gateway('p', 'parallel'), task('a'), task('b'), gateway('j', 'parallel'), task('c'), end('e')],
      [edge('s', 'p'), edge('p', 'a'), edge('p', 'b'), edge('a', 'j'), edge('b', 'j'), edge('j', 'c'), edge('c', 'e')],
    ),
  );

  it('runs both branches and the join waits for both', () => {
    const ctx = makeCtx();
    let s = startFlow(d, {}, ctx).state;
    expect(active(s)).toEqual(['a', 'b']);
    ctx.tick();
    s = act(d, s, submit('b'), ctx).state;
    expect(s.nodes.j).toBeUndefined();
    expect(s.edges['b-j']).toBe('live');
    expect(s.edges['a-j']).toBeUndefined();
    expect(active(s)).toEqual(['a']);
    ctx.tick();
    const r = act(d, s, submit('a'), ctx);
    expect(r.state.nodes.j).toBe('done');
    expect(active(r.state)).toEqual(['c']);
    expect(r.effects).toContainEqual({ type: 'task.activated', task: 'c' });
    expect(r.state.status).toBe('running');
    ctx.tick();
    expect(act(d, r.state, submit('c'), ctx).state.status).toBe('completed');
  });
});

describe('exclusive gateway', () => {
  const d = valid(
    def(
      [start('s'), gateway('x', 'exclusive'), task('hi'), task('mid'), task('lo'), gateway('j', 'exclusive'), end('e')],
      [
        edge('s', 'x'),
        edge('x', 'hi', { field: 'data.level', op: 'gte', value: 3 }),
        edge('x', 'mid', { field: 'data.level', op: 'gte', value: 2 }),
        edge('x', 'lo'),
        edge('hi', 'j'),
        edge('mid', 'j'),
        edge('lo', 'j'),
        edge('j', 'e'),
      ],
    ),
  );

  it('takes the first branch whose condition holds, else the default', () => {
    const ctx = makeCtx();
    expect(active(startFlow(d, { level: 4 }, ctx).state)).toEqual(['hi']); // both conditions hold: the first wins
    expect(active(startFlow(d, { level: 3 }, ctx).state)).toEqual(['hi']);
    expect(active(startFlow(d, { level: 2 }, ctx).state)).toEqual(['mid']);
    expect(active(startFlow(d, { level: 1 }, ctx).state)).toEqual(['lo']);
    expect(active(startFlow(d, {}, ctx).state)).toEqual(['lo']);
    expect(active(startFlow(d, { level: '4' }, ctx).state)).toEqual(['lo']);
  });

  it('marks the branches not taken dead, skips their tasks and still joins', () => {
    const ctx = makeCtx();
    const r = startFlow(d, { level: 2 }, ctx);
    expect(r.state.edges).toMatchObject({ 'x-hi': 'dead', 'x-mid': 'live', 'x-lo': 'dead', 'hi-j': 'dead', 'lo-j': 'dead' });
    expect(r.state.nodes).toMatchObject({ hi: 'dead', lo: 'dead', mid: 'live' });
    expect(r.effects).toEqual(
      expect.arrayContaining<FlowEffect>([
        { type: 'node.skipped', node: 'hi' },
        { type: 'node.skipped', node: 'lo' },
        { type: 'task.activated', task: 'mid' },
      ]),
    );
    expect(r.state.tasks.hi).toBeUndefined();
    ctx.tick();
    const done = act(d, r.state, submit('mid'), ctx);
    expect(done.state.status).toBe('completed');
    expect(done.state.nodes).toMatchObject({ j: 'done', e: 'done' });
  });

  it('decides on the data when the gateway is reached, not at the start', () => {
    const seq = valid(
      def(
        [start('s'), task('a'), gateway('x', 'exclusive'), task('hi'), end('e')],
        [edge('s', 'a'), edge('a', 'x'), edge('x', 'hi', { field: 'data.flag', op: 'eq', value: true }), edge('x', 'e'), edge('hi', 'e')],
      ),
    );
    const ctx = makeCtx();
    let s = startFlow(seq, { flag: false }, ctx).state;
    s = act(seq, s, { type: 'setData', patch: { flag: true } }, ctx).state;
    s = act(seq, s, submit('a'), ctx).state;
    expect(active(s)).toEqual(['hi']);
  });

  it('may branch on a task output', () => {
    const out = valid(
      def(
        [start('s'), task('inspect'), gateway('x', 'exclusive'), task('fix'), end('e')],
        [edge('s', 'inspect'), edge('inspect', 'x'), edge('x', 'fix', { field: 'outputs.inspect.ok', op: 'eq', value: false }), edge('x', 'e'), edge('fix', 'e')],
      ),
    );
    const ctx = makeCtx();
    const s = startFlow(out, {}, ctx).state;
    expect(active(act(out, s, submit('inspect', { ok: false }), ctx).state)).toEqual(['fix']);
    expect(act(out, s, submit('inspect', { ok: true }), ctx).state.status).toBe('completed');
  });
});

describe('a conditional branch', () => {
  const d = valid(
    def(
      [start('s'), gateway('p', 'parallel'), task('a'), task('b'), task('b2'), gateway('j', 'parallel'), end('e')],
      [
        edge('s', 'p'),
        edge('p', 'a'),
        edge('p', 'b', { field: 'data.flag', op: 'eq', value: true }),
        edge('b', 'b2'),
        edge('a', 'j'),
        edge('b2', 'j'),
        edge('j', 'e'),
      ],
    ),
  );

  it('is skipped with node.skipped (down the whole branch) and the join still completes', () => {
    const ctx = makeCtx();
    const r = startFlow(d, { flag: false }, ctx);
    expect(r.effects).toEqual(
      expect.arrayContaining<FlowEffect>([
        { type: 'node.skipped', node: 'b' },
        { type: 'node.skipped', node: 'b2' },
      ]),
    );
    expect(r.state.nodes).toMatchObject({ b: 'dead', b2: 'dead' });
    expect(r.state.edges).toMatchObject({ 'p-b': 'dead', 'b-b2': 'dead', 'b2-j': 'dead', 'p-a': 'live' });
    expect(r.state.nodes.j).toBeUndefined();
    ctx.tick();
    const done = act(d, r.state, submit('a'), ctx);
    expect(done.state.nodes.j).toBe('done');
    expect(done.state.status).toBe('completed');
  });

  it('runs when its condition holds, and the join waits for it', () => {
    const ctx = makeCtx();
    let s = startFlow(d, { flag: true }, ctx).state;
    expect(active(s)).toEqual(['a', 'b']);
    s = act(d, s, submit('a'), ctx).state;
    s = act(d, s, submit('b'), ctx).state;
    expect(s.nodes.j).toBeUndefined();
    expect(active(s)).toEqual(['b2']);
    s = act(d, s, submit('b2'), ctx).state;
    expect(s.status).toBe('completed');
  });

  it('an end reached only by dead paths is decided dead and does not hold the case', () => {
    const two = valid(
      def(
        [start('s'), gateway('x', 'exclusive'), task('a'), end('e1'), end('e2')],
        [edge('s', 'x'), edge('x', 'a', { field: 'data.flag', op: 'eq', value: true }), edge('x', 'e1'), edge('a', 'e2')],
      ),
    );
    const r = startFlow(two, { flag: false }, makeCtx());
    expect(r.state.status).toBe('completed');
    expect(r.state.nodes).toMatchObject({ e1: 'done', e2: 'dead', a: 'dead' });
  });
});

describe('review', () => {
  const d = valid(def([start('s'), task('a', { review: true }), end('e')], [edge('s', 'a'), edge('a', 'e')]));

  it('reject sends the task back; approve finishes it', () => {
    const ctx = makeCtx();
    let s = startFlow(d, {}, ctx).state;
    refused(d, s, { type: 'approve', task: 'a' }, ctx, 'INVALID_STATE', /open cannot be approved/);
    refused(d, s, { type: 'reject', task: 'a', reason: 'x' }, ctx, 'INVALID_STATE');

    const t1 = ctx.tick();
    let r = act(d, s, submit('a', { ok: false }), ctx);
    s = r.state;
    expect(r.effects).toEqual([{ type: 'task.changed', task: 'a', change: 'submitted' }]);
    expect(s.tasks.a).toMatchObject({ status: 'submitted', submittedAt: t1, doneAt: null, outputs: { ok: false } });
    refused(d, s, submit('a'), ctx, 'INVALID_STATE', /submitted cannot be submitted/);
    refused(d, s, { type: 'start', task: 'a' }, ctx, 'INVALID_STATE');

    const t2 = ctx.tick();
    r = act(d, s, { type: 'reject', task: 'a', reason: 'photos missing' }, ctx);
    s = r.state;
    expect(r.effects).toEqual([{ type: 'task.changed', task: 'a', change: 'rejected' }]);
    expect(s.tasks.a).toMatchObject({ status: 'in_progress', rejections: 1, lastRejection: 'photos missing', rejectedAt: t2, approvedAt: null });
    refused(d, s, { type: 'approve', task: 'a' }, ctx, 'INVALID_STATE', /in_progress cannot be approved/);
    refused(d, s, { type: 'reject', task: 'a', reason: 'again' }, ctx, 'INVALID_STATE');
    refused(d, s, { type: 'start', task: 'a' }, ctx, 'INVALID_STATE');

    const t3 = ctx.tick();
    s = act(d, s, submit('a', { ok: true }), ctx).state;
    expect(s.tasks.a).toMatchObject({ status: 'submitted', submittedAt: t3, outputs: { ok: true } });
    const t4 = ctx.tick();
    r = act(d, s, { type: 'approve', task: 'a' }, ctx);
    expect(r.effects).toEqual([
      { type: 'task.changed', task: 'a', change: 'approved' },
      { type: 'task.changed', task: 'a', change: 'completed' },
      { type: 'flow.completed' },
    ]);
    expect(r.state.tasks.a).toMatchObject({ status: 'done', approvedAt: t4, doneAt: t4, rejections: 1 });
    expect(r.state.status).toBe('completed');
  });

  it('a task without review cannot be approved or rejected', () => {
    const plain = valid(def([start('s'), task('a'), task('b'), end('e')], [edge('s', 'a'), edge('a', 'b'), edge('b', 'e')]));
    const ctx = makeCtx();
    let s = startFlow(plain, {}, ctx).state;
    refused(plain, s, { type: 'approve', task: 'a' }, ctx, 'INVALID_STATE');
    s = act(plain, s, submit('a'), ctx).state;
    expect(s.tasks.a.status).toBe('done');
    refused(plain, s, { type: 'approve', task: 'a' }, ctx, 'INVALID_STATE', /done cannot be approved/);
    refused(plain, s, { type: 'reject', task: 'a', reason: 'late' }, ctx, 'INVALID_STATE');
    refused(plain, s, submit('a'), ctx, 'INVALID_STATE');
  });
});

describe('overdue', () => {
  const d = valid(def([start('s'), task('a', { review: true }), task('b'), end('e')], [edge('s', 'a'), edge('a', 'b'), edge('b', 'e')]));

  it('fires only once the task is due, and only once', () => {
    const ctx = makeCtx();
    let s = startFlow(d, {}, ctx).state;
    ctx.tick(HOUR - MINUTE);
    let r = act(d, s, { type: 'overdue', task: 'a' }, ctx);
    expect(r.effects).toEqual([]);
    expect(r.state).toEqual(s);

    const due = ctx.tick(MINUTE);
    expect(due).toEqual(s.tasks.a.dueAt);
    r = act(d, s, { type: 'overdue', task: 'a' }, ctx);
    expect(r.effects).toEqual([{ type: 'task.changed', task: 'a', change: 'overdue' }]);
    expect(r.state.tasks.a.overdueAt).toEqual(due);
    s = r.state;

    ctx.tick(HOUR);
    r = act(d, s, { type: 'overdue', task: 'a' }, ctx);
    expect(r.effects).toEqual([]);
    expect(r.state.tasks.a.overdueAt).toEqual(due);
  });

  it('does not fire for a submitted or finished task', () => {
    const ctx = makeCtx();
    let s = startFlow(d, {}, ctx).state;
    s = act(d, s, submit('a'), ctx).state;
    ctx.tick(2 * HOUR);
    let r = act(d, s, { type: 'overdue', task: 'a' }, ctx);
    expect(r.effects).toEqual([]);
    expect(r.state.tasks.a.overdueAt).toBeNull();

    s = act(d, s, { type: 'approve', task: 'a' }, ctx).state;
    ctx.tick(2 * HOUR);
    r = act(d, s, { type: 'overdue', task: 'a' }, ctx);
    expect(r.effects).toEqual([]);
    expect(r.state.tasks.a.overdueAt).toBeNull();
    // while b, which came later, is overdue now
    r = act(d, s, { type: 'overdue', task: 'b' }, ctx);
    expect(r.state.tasks.b.overdueAt).toEqual(ctx.now);
  });

  it('a task sent back after review can become overdue', () => {
    const ctx = makeCtx();
    let s = startFlow(d, {}, ctx).state;
    s = act(d, s, submit('a'), ctx).state;
    s = act(d, s, { type: 'reject', task: 'a', reason: 'no' }, ctx).state;
    ctx.tick(2 * HOUR);
    expect(act(d, s, { type: 'overdue', task: 'a' }, ctx).state.tasks.a.overdueAt).toEqual(ctx.now);
  });
});

describe('extensions', () => {
  const d = valid(def([start('s'), task('a', { review: true }), end('e')], [edge('s', 'a'), edge('a', 'e')]));

  function overdueCase() {
    const ctx = makeCtx();
    let s = startFlow(d, {}, ctx).state;
    ctx.tick(HOUR + 10 * MINUTE);
    s = act(d, s, { type: 'overdue', task: 'a' }, ctx).state;
    expect(s.tasks.a.overdueAt).not.toBeNull();
    return { ctx, s };
  }

  it('an approved request moves the deadline and clears overdue', () => {
    const { ctx, s: s0 } = overdueCase();
    const until = new Date(ctx.now.getTime() + 4 * HOUR);
    const requestedAt = ctx.now;
    let r = act(d, s0, { type: 'requestExtension', task: 'a', until, reason: 'parts on order' }, ctx);
    expect(r.effects).toEqual([{ type: 'task.changed', task: 'a', change: 'extension_requested' }]);
    expect(r.state.tasks.a.extension).toEqual({ until, reason: 'parts on order', requestedAt });
    expect(r.state.tasks.a.dueAt).toEqual(s0.tasks.a.dueAt);

    ctx.tick(10 * MINUTE);
    r = act(d, r.state, { type: 'decideExtension', task: 'a', approve: true }, ctx);
    expect(r.effects).toEqual([{ type: 'task.changed', task: 'a', change: 'extension_approved' }]);
    expect(r.state.tasks.a).toMatchObject({ dueAt: until, overdueAt: null, extension: null });

    // and it can go overdue again after the new deadline
    ctx.tick(5 * HOUR);
    expect(act(d, r.state, { type: 'overdue', task: 'a' }, ctx).state.tasks.a.overdueAt).toEqual(ctx.now);
  });

  it('a refused request keeps the deadline and the overdue mark', () => {
    const { ctx, s: s0 } = overdueCase();
    let s = act(d, s0, { type: 'requestExtension', task: 'a', until: new Date(ctx.now.getTime() + HOUR), reason: 'r' }, ctx).state;
    const r = act(d, s, { type: 'decideExtension', task: 'a', approve: false }, ctx);
    expect(r.effects).toEqual([{ type: 'task.changed', task: 'a', change: 'extension_refused' }]);
    expect(r.state.tasks.a).toMatchObject({ dueAt: s0.tasks.a.dueAt, overdueAt: s0.tasks.a.overdueAt, extension: null });
    s = r.state;
    refused(d, s, { type: 'decideExtension', task: 'a', approve: true }, ctx, 'INVALID_STATE', /no extension request is waiting/);
    // a new request may follow
    expect(act(d, s, { type: 'requestExtension', task: 'a', until: new Date(ctx.now.getTime() + HOUR), reason: 'r2' }, ctx).state.tasks.a.extension).not.toBeNull();
  });

  it('granting an extension whose new deadline has already passed is refused; refusing it is not', () => {
    const { ctx, s: s0 } = overdueCase();
    const s = act(d, s0, { type: 'requestExtension', task: 'a', until: new Date(ctx.now.getTime() + HOUR), reason: 'r' }, ctx).state;
    ctx.tick(2 * HOUR);
    refused(d, s, { type: 'decideExtension', task: 'a', approve: true }, ctx, 'INVALID_STATE', /already passed/);
    const r = act(d, s, { type: 'decideExtension', task: 'a', approve: false }, ctx);
    expect(r.state.tasks.a.overdueAt).toEqual(s0.tasks.a.overdueAt);
    expect(r.state.tasks.a.extension).toBeNull();
  });

  it('a second request while one waits is refused', () => {
    const { ctx, s: s0 } = overdueCase();
    const s = act(d, s0, { type: 'requestExtension', task: 'a', until: new Date(ctx.now.getTime() + HOUR), reason: 'r' }, ctx).state;
    refused(d, s, { type: 'requestExtension', task: 'a', until: new Date(ctx.now.getTime() + 9 * HOUR), reason: 'more' }, ctx, 'INVALID_STATE', /already waiting/);
  });

  it('the new deadline must be later than the current one and than now', () => {
    const ctx = makeCtx();
    const s = startFlow(d, {}, ctx).state;
    const due = s.tasks.a.dueAt.getTime();
    refused(d, s, { type: 'requestExtension', task: 'a', until: new Date(due), reason: 'r' }, ctx, 'INVALID_STATE', /later/);
    refused(d, s, { type: 'requestExtension', task: 'a', until: new Date(due - MINUTE), reason: 'r' }, ctx, 'INVALID_STATE');
    ctx.tick(3 * HOUR);
    refused(d, s, { type: 'requestExtension', task: 'a', until: new Date(ctx.now.getTime()), reason: 'r' }, ctx, 'INVALID_STATE', /later/);
    expect(act(d, s, { type: 'requestExtension', task: 'a', until: new Date(ctx.now.getTime() + 1), reason: 'r' }, ctx).state.tasks.a.extension).not.toBeNull();
  });

  it('cannot be asked for a submitted task, and submitting drops a waiting request', () => {
    const ctx = makeCtx();
    let s = startFlow(d, {}, ctx).state;
    s = act(d, s, { type: 'requestExtension', task: 'a', until: new Date(ctx.now.getTime() + 3 * HOUR), reason: 'r' }, ctx).state;
    s = act(d, s, submit('a'), ctx).state;
    expect(s.tasks.a.extension).toBeNull();
    refused(d, s, { type: 'decideExtension', task: 'a', approve: true }, ctx, 'INVALID_STATE');
    refused(d, s, { type: 'requestExtension', task: 'a', until: new Date(ctx.now.getTime() + 3 * HOUR), reason: 'r' }, ctx, 'INVALID_STATE');
  });
});

describe('participant rules', () => {
  const d = valid(
    def([start('s'), task('a'), end('e')], [edge('s', 'a'), edge('a', 'e')], {
      participantRules: [
        { id: 'major', name: 'Major', when: { field: 'data.level', op: 'gte', value: 3 }, tasks: [RULE_TASK('safety'), RULE_TASK('committee')] },
        { id: 'failed', name: 'Failed', when: { field: 'outputs.a.ok', op: 'eq', value: false }, tasks: [RULE_TASK('recheck')] },
      ],
    }),
  );

  it('setData firing a rule adds its tasks, once, and the case waits for them', () => {
    const ctx = makeCtx();
    let s = startFlow(d, { level: 1 }, ctx).state;
    expect(s.firedRules).toEqual([]);
    expect(active(s)).toEqual(['a']);

    ctx.tick();
    let r = act(d, s, { type: 'setData', patch: { level: 3 } }, ctx);
    expect(r.effects).toEqual([
      { type: 'data.changed', fields: ['level'] },
      { type: 'rule.fired', rule: 'major' },
      { type: 'task.activated', task: 'safety' },
      { type: 'task.activated', task: 'committee' },
    ]);
    s = r.state;
    expect(s.firedRules).toEqual(['major']);
    expect(s.tasks.safety).toMatchObject({ ruleId: 'major', status: 'open', createdAt: ctx.now });
    expect(s.nodes.safety).toBeUndefined();
    expect(active(s)).toEqual(['a', 'committee', 'safety']);

    // the rule keeps holding, or holds again after it stopped: it does not fire twice
    ctx.tick();
    r = act(d, s, { type: 'setData', patch: { level: 4 } }, ctx);
    expect(r.effects).toEqual([{ type: 'data.changed', fields: ['level'] }]);
    s = act(d, r.state, { type: 'setData', patch: { level: 1 } }, ctx).state;
    s = act(d, s, { type: 'setData', patch: { level: 3 } }, ctx).state;
    expect(s.firedRules).toEqual(['major']);
    expect(Object.keys(s.tasks).sort()).toEqual(['a', 'committee', 'safety']);

    ctx.tick();
    s = act(d, s, submit('a', { ok: true }), ctx).state;
    expect(s.nodes.e).toBe('done');
    expect(s.status).toBe('running'); // every end decided, but the rule's tasks are in hand
    s = act(d, s, submit('safety'), ctx).state;
    expect(s.status).toBe('running');
    const last = act(d, s, submit('committee'), ctx);
    expect(last.state.status).toBe('completed');
    expect(last.effects.at(-1)).toEqual({ type: 'flow.completed' });
  });

  it('fires at the start when the data already matches', () => {
    const r = startFlow(d, { level: 4 }, makeCtx());
    expect(r.state.firedRules).toEqual(['major']);
    expect(active(r.state)).toEqual(['a', 'committee', 'safety']);
    expect(r.effects).toContainEqual({ type: 'rule.fired', rule: 'major' });
  });

  it('fires on a task output at the moment the case would otherwise complete, and the case waits', () => {
    const ctx = makeCtx();
    const s = startFlow(d, { level: 1 }, ctx).state;
    const r = act(d, s, submit('a', { ok: false }), ctx);
    expect(r.state.firedRules).toEqual(['failed']);
    expect(r.state.status).toBe('running');
    expect(active(r.state)).toEqual(['recheck']);
    expect(r.effects).not.toContainEqual({ type: 'flow.completed' });
    expect(act(d, r.state, submit('recheck'), ctx).state.status).toBe('completed');
  });

  it('setData with nothing new changes nothing', () => {
    const ctx = makeCtx();
    const s = startFlow(d, { level: 1, flag: true }, ctx).state;
    const r = act(d, s, { type: 'setData', patch: { level: 1, flag: true } }, ctx);
    expect(r.effects).toEqual([]);
    expect(r.state).toEqual(s);
    const partial = act(d, s, { type: 'setData', patch: { level: 1, flag: false } }, ctx);
    expect(partial.effects).toEqual([{ type: 'data.changed', fields: ['flag'] }]);
    expect(partial.state.data).toEqual({ level: 1, flag: false });
  });

  it('taskSpec finds node tasks and rule tasks', () => {
    expect(taskSpec(d, 'a')).toMatchObject({ name: 'Task a', ruleId: null });
    expect(taskSpec(d, 'committee')).toMatchObject({ name: 'Task committee', ruleId: 'major' });
    expect(taskSpec(d, 's')).toBeNull();
    expect(taskSpec(d, 'nope')).toBeNull();
  });
});

describe('cancel', () => {
  const d = valid(
    def(
      [start('s'), gateway('p', 'parallel'), task('a', { review: true }), task('b'), task('c'), gateway('j', 'parallel'), end('e')],
      [edge('s', 'p'), edge('p', 'a'), edge('p', 'b'), edge('p', 'c'), edge('a', 'j'), edge('b', 'j'), edge('c', 'j'), edge('j', 'e')],
    ),
  );

  function midway(ctx: TestClock) {
    let s = startFlow(d, {}, ctx).state;
    s = act(d, s, submit('a'), ctx).state; // submitted, waiting for review
    s = act(d, s, { type: 'start', task: 'b' }, ctx).state;
    s = act(d, s, { type: 'requestExtension', task: 'b', until: new Date(ctx.now.getTime() + 5 * HOUR), reason: 'r' }, ctx).state;
    s = act(d, s, submit('c'), ctx).state; // done
    return s;
  }

  it('cancels every active task and nothing else', () => {
    const ctx = makeCtx();
    const s = midway(ctx);
    const when = ctx.tick();
    const r = act(d, s, { type: 'cancel' }, ctx);
    expect(r.state.status).toBe('cancelled');
    expect(r.state.cancelledAt).toEqual(when);
    expect(r.state.tasks.a).toMatchObject({ status: 'cancelled', cancelledAt: when });
    expect(r.state.tasks.b).toMatchObject({ status: 'cancelled', cancelledAt: when, extension: null });
    expect(r.state.tasks.c).toMatchObject({ status: 'done', cancelledAt: null });
    expect(r.effects).toEqual([
      { type: 'task.changed', task: 'a', change: 'cancelled' },
      { type: 'task.changed', task: 'b', change: 'cancelled' },
      { type: 'flow.cancelled' },
    ]);
  });

  it('a cancelled case refuses every further action (looking and late timers change nothing)', () => {
    const ctx = makeCtx();
    const s = act(d, midway(ctx), { type: 'cancel' }, ctx).state;
    ctx.tick(10 * HOUR);
    for (const t of ['a', 'b', 'c']) {
      refused(d, s, { type: 'start', task: t }, ctx, 'INVALID_STATE');
      refused(d, s, submit(t), ctx, 'INVALID_STATE');
      refused(d, s, { type: 'approve', task: t }, ctx, 'INVALID_STATE');
      refused(d, s, { type: 'reject', task: t, reason: 'r' }, ctx, 'INVALID_STATE');
      refused(d, s, { type: 'requestExtension', task: t, until: new Date(ctx.now.getTime() + 9 * HOUR), reason: 'r' }, ctx, 'INVALID_STATE');
      refused(d, s, { type: 'decideExtension', task: t, approve: true }, ctx, 'INVALID_STATE');
      for (const a of [{ type: 'open', task: t }, { type: 'overdue', task: t }] as FlowAction[]) {
        const r = act(d, s, a, ctx);
        expect(r.effects).toEqual([]);
        expect(r.state).toEqual(s);
      }
    }
    refused(d, s, { type: 'setData', patch: { level: 4 } }, ctx, 'INVALID_STATE', /cancelled/);
    refused(d, s, { type: 'cancel' }, ctx, 'INVALID_STATE', /cancelled/);
  });

  it('looking at a task of a cancelled case does not mark it opened', () => {
    const ctx = makeCtx();
    const s = act(d, startFlow(d, {}, ctx).state, { type: 'cancel' }, ctx).state;
    const r = act(d, s, { type: 'open', task: 'b' }, ctx);
    expect(r.state.tasks.b.openedAt).toBeNull();
    expect(r.effects).toEqual([]);
  });

  it('a completed case cannot be cancelled or changed', () => {
    const ctx = makeCtx();
    const seq = valid(def([start('s'), task('a'), end('e')], [edge('s', 'a'), edge('a', 'e')]));
    let s = startFlow(seq, {}, ctx).state;
    s = act(seq, s, submit('a'), ctx).state;
    expect(s.status).toBe('completed');
    refused(seq, s, { type: 'cancel' }, ctx, 'INVALID_STATE', /completed/);
    refused(seq, s, { type: 'setData', patch: { level: 2 } }, ctx, 'INVALID_STATE', /completed/);
    refused(seq, s, submit('a'), ctx, 'INVALID_STATE');
  });
});

describe('errors', () => {
  const d = valid(
    def([start('s'), gateway('x', 'exclusive'), task('a'), task('later'), end('e')], [edge('s', 'x'), edge('x', 'a'), edge('a', 'later'), edge('later', 'e')], {
      participantRules: [{ id: 'r', name: 'R', when: { field: 'data.flag', op: 'eq', value: true }, tasks: [RULE_TASK('extra')] }],
    }),
  );
  const taskActions = (t: string): FlowAction[] => [
    { type: 'open', task: t },
    { type: 'start', task: t },
    submit(t),
    { type: 'approve', task: t },
    { type: 'reject', task: t, reason: 'r' },
    { type: 'overdue', task: t },
    { type: 'requestExtension', task: t, until: new Date(Date.UTC(2030, 0, 1)), reason: 'r' },
    { type: 'decideExtension', task: t, approve: true },
  ];

  it('an action on a task the case does not hold is UNKNOWN_TASK', () => {
    const ctx = makeCtx();
    const s = startFlow(d, {}, ctx).state;
    // no such step, a step that is not a task, a task not reached yet, a rule task whose rule has not fired
    for (const t of ['nope', 'x', 's', 'later', 'extra']) for (const a of taskActions(t)) refused(d, s, a, ctx, 'UNKNOWN_TASK', new RegExp(`"${t}"`));
  });

  it('an action the task state does not allow is INVALID_STATE', () => {
    const ctx = makeCtx();
    let s = startFlow(d, {}, ctx).state;
    refused(d, s, { type: 'approve', task: 'a' }, ctx, 'INVALID_STATE');
    refused(d, s, { type: 'decideExtension', task: 'a', approve: false }, ctx, 'INVALID_STATE');
    s = act(d, s, { type: 'start', task: 'a' }, ctx).state;
    refused(d, s, { type: 'start', task: 'a' }, ctx, 'INVALID_STATE', /in_progress cannot be started/);
    s = act(d, s, submit('a'), ctx).state;
    for (const a of taskActions('a').filter((x) => x.type !== 'open' && x.type !== 'overdue')) refused(d, s, a, ctx, 'INVALID_STATE');
  });

  it('FlowActionError is an Error with a code', () => {
    const e = new FlowActionError('UNKNOWN_TASK', 'm');
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('UNKNOWN_TASK');
    expect(e.message).toBe('m');
  });
});

describe('purity', () => {
  it('no action mutates its input state, and the result shares no objects with it', () => {
    const d = valid(
      def([start('s'), task('a', { review: true }), end('e')], [edge('s', 'a'), edge('a', 'e')], {
        participantRules: [{ id: 'r', name: 'R', when: { field: 'data.level', op: 'gte', value: 3 }, tasks: [RULE_TASK('x')] }],
      }),
    );
    const ctx = makeCtx();
    const s0 = startFlow(d, { level: 1 }, ctx).state;
    const frozen = structuredClone(s0);
    const actions: FlowAction[] = [
      { type: 'open', task: 'a' },
      { type: 'start', task: 'a' },
      { type: 'requestExtension', task: 'a', until: new Date(ctx.now.getTime() + 5 * HOUR), reason: 'r' },
      { type: 'decideExtension', task: 'a', approve: true },
      submit('a'),
      { type: 'reject', task: 'a', reason: 'r' },
      { type: 'setData', patch: { level: 3 } },
      { type: 'cancel' },
    ];
    let s = s0;
    for (const a of actions) {
      ctx.tick(10 * MINUTE);
      const r = act(d, s, a, ctx);
      expect(r.state.tasks).not.toBe(s.tasks);
      expect(r.state.tasks.a).not.toBe(s.tasks.a);
      expect(r.state.data).not.toBe(s.data);
      s = r.state;
    }
    const r = act(d, s0, { type: 'overdue', task: 'a' }, ctx);
    expect(r.effects).toEqual([{ type: 'task.changed', task: 'a', change: 'overdue' }]);
    r.state.tasks.a.dueAt.setTime(0);
    expect(s0).toEqual(frozen);
  });
});

import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ACTIVE_TASK_STATUSES, applyAction, FlowActionError, startFlow, taskSpec, type FlowAction, type FlowState, type Step } from './machine.js';
import { parseDefinition } from './validate.js';
import type { FlowDefinition } from './template.js';
import {
  actionPlanArb,
  HOUR,
  initialDataArb,
  makeCtx,
  MINUTE,
  taskKeys,
  templateInputArb,
  toAction,
  validTemplateArb,
  type TestClock,
} from './test-arbitraries.js';

const STATUSES = ['running', 'completed', 'cancelled'];

/** Deep equality (Dates included) that is fast when it holds and shows a diff when it does not. */
function same(actual: unknown, expected: unknown, message?: string) {
  if (!isDeepStrictEqual(actual, expected)) expect(actual, message).toEqual(expected);
}
const isActive = (status: string) => ACTIVE_TASK_STATUSES.includes(status as never);
const activeKeys = (s: FlowState) => Object.values(s.tasks).filter((t) => isActive(t.status)).map((t) => t.key);

/** A cheap assertion for the hot loop (vitest's expect costs too much to call thousands of times per run). */
function ok(cond: unknown, message: string | (() => string)): asserts cond {
  if (!cond) throw new Error(`invariant broken: ${typeof message === 'string' ? message : message()}`);
}
const time = (x: Date | null) => (x ? x.getTime() : null);

/** Every invariant a state must keep, given the state before it (null after startFlow) and the step that led to it. */
function checkState(d: FlowDefinition, prev: FlowState | null, s: FlowState, step: Step | null) {
  ok(STATUSES.includes(s.status), () => `status ${s.status}`);
  const ends = d.nodes.filter((n) => n.type === 'end');
  const incoming = (id: string) => d.edges.filter((e) => e.to === id);
  const outgoing = (id: string) => d.edges.filter((e) => e.from === id);
  const active = activeKeys(s);

  if (s.status === 'completed') {
    ok(active.length === 0, () => `completed with active tasks ${active}`);
    for (const e of ends) ok(s.nodes[e.id], `completed with end ${e.id} undecided`);
    ok(s.completedAt && !s.cancelledAt, 'completedAt set, cancelledAt not');
  }
  if (s.status === 'cancelled') {
    ok(active.length === 0, () => `cancelled with active tasks ${active}`);
    ok(s.cancelledAt && !s.completedAt, 'cancelledAt set, completedAt not');
  }
  if (s.status === 'running') {
    ok(!(ends.every((e) => s.nodes[e.id]) && active.length === 0), 'running although every end is decided and no task is in hand');
    ok(!s.completedAt && !s.cancelledAt, 'a running case has neither completedAt nor cancelledAt');
  }

  for (const t of Object.values(s.tasks)) {
    const spec = taskSpec(d, t.key);
    const k = t.key;
    ok(spec, `task ${k} has a spec`);
    ok(t.ruleId === spec.ruleId, `${k}.ruleId`);
    if (t.status === 'done') {
      ok(t.submittedAt && t.doneAt, `done task ${k} has submittedAt and doneAt`);
      ok((t.approvedAt !== null) === spec.review, `${k}: approvedAt iff review`);
      ok(!t.extension, `done task ${k} has no extension waiting`);
    } else ok(!t.doneAt && !t.approvedAt, `${k} is ${t.status} with doneAt/approvedAt`);
    if (t.status === 'cancelled') {
      ok(s.status === 'cancelled', `task ${k} cancelled in a ${s.status} case`);
      ok(time(t.cancelledAt) === time(s.cancelledAt), `${k}.cancelledAt is the case's`);
      ok(!t.extension, `cancelled task ${k} has no extension`);
    } else ok(!t.cancelledAt, `${k} has cancelledAt`);
    if (t.status === 'submitted') ok(spec.review && !t.extension, `submitted ${k} is reviewed and has no extension`);
    if (t.status === 'in_progress') ok(t.startedAt, `${k} in progress has startedAt`);
    // createdAt ≤ openedAt ≤ startedAt ≤ submittedAt ≤ doneAt, where set
    const chain = [t.createdAt, t.openedAt, t.startedAt, t.submittedAt, t.doneAt].filter((x): x is Date => x !== null);
    for (let i = 1; i < chain.length; i++) ok(chain[i].getTime() >= chain[i - 1].getTime(), () => `${k} timestamps out of order: ${JSON.stringify(t)}`);
    for (const x of [t.approvedAt, t.rejectedAt, t.overdueAt, t.cancelledAt]) if (x) ok(x.getTime() >= t.createdAt.getTime(), `${k}: an event before creation`);
    if (t.approvedAt) ok(t.approvedAt.getTime() >= t.submittedAt!.getTime(), `${k} approved before submitted`);
    if (t.overdueAt) ok(t.overdueAt.getTime() >= t.dueAt.getTime(), `${k} overdue before due`);
    ok((t.rejections > 0) === (t.rejectedAt !== null), `${k}: rejectedAt iff rejections`);
    if (t.rejections > 0) ok(spec.review, `${k} rejected without review`);
  }

  // rule tasks only for fired rules, all of a fired rule's tasks, each rule at most once
  ok(new Set(s.firedRules).size === s.firedRules.length, 'a rule fired twice');
  for (const t of Object.values(s.tasks)) if (t.ruleId) ok(s.firedRules.includes(t.ruleId), `rule task ${t.key} of a rule that has not fired`);
  for (const r of s.firedRules) {
    const rule = d.participantRules.find((x) => x.id === r);
    ok(rule, `fired rule ${r} exists`);
    for (const t of rule.tasks) ok(s.tasks[t.id], `task ${t.id} of fired rule ${r}`);
  }

  // nodes and edges
  for (const k of Object.keys(s.edges)) ok(d.edges.some((e) => e.id === k), `unknown edge ${k}`);
  for (const k of Object.keys(s.nodes)) ok(d.nodes.some((n) => n.id === k), `unknown node ${k}`);
  for (const e of d.edges) {
    const v = s.edges[e.id];
    if (!v) continue;
    const from = s.nodes[e.from];
    ok(from === 'done' || from === 'dead', `edge ${e.id} decided while its source ${e.from} is ${from}`);
    if (from === 'dead') ok(v === 'dead', `edge ${e.id} live after a dead ${e.from}`);
  }
  for (const n of d.nodes) {
    const v = s.nodes[n.id];
    if (n.type === 'start') {
      ok(v === 'done', 'the start is done');
      continue;
    }
    const ins = incoming(n.id);
    if (v) {
      for (const e of ins) ok(s.edges[e.id], `node ${n.id} decided before its incoming ${e.id}`);
      ok((v === 'dead') === ins.every((e) => s.edges[e.id] === 'dead'), `node ${n.id} is dead iff all incoming are dead`);
      if (v === 'done' || v === 'dead') for (const e of outgoing(n.id)) ok(s.edges[e.id], `outgoing ${e.id} of decided ${n.id}`);
      if (v === 'done' && n.type === 'gateway' && n.mode === 'exclusive')
        ok(outgoing(n.id).filter((e) => s.edges[e.id] === 'live').length === 1, `exclusive ${n.id} takes exactly one branch`);
      if (v === 'done' && n.type !== 'end') ok(outgoing(n.id).some((e) => s.edges[e.id] === 'live'), `a live token leaves ${n.id}`);
    } else if (s.status !== 'cancelled') {
      // a node left undecided has an incoming connection still open
      ok(ins.some((e) => !s.edges[e.id]), `node ${n.id} could be decided`);
    }
    if (n.type === 'task') {
      const t = s.tasks[n.id];
      if (v === 'live') ok(t && (isActive(t.status) || t.status === 'cancelled'), `live task node ${n.id} has an active task`);
      else if (v === 'done') ok(t?.status === 'done', `done task node ${n.id} has a done task`);
      else ok(!t, `task ${n.id} exists for a ${v ?? 'undecided'} node`);
    } else ok(v === undefined || v === 'done' || v === 'dead', `${n.type} ${n.id} is ${v}`);
  }

  if (!prev) return;
  // what was decided stays decided
  for (const [k, v] of Object.entries(prev.edges)) ok(s.edges[k] === v, `edge ${k} changed from ${v} to ${s.edges[k]}`);
  for (const [k, v] of Object.entries(prev.nodes)) {
    if (v === 'live') ok(s.nodes[k] === 'live' || s.nodes[k] === 'done', `node ${k} went from live to ${s.nodes[k]}`);
    else ok(s.nodes[k] === v, `node ${k} changed from ${v} to ${s.nodes[k]}`);
  }
  for (const r of prev.firedRules) ok(s.firedRules.includes(r), `fired rule ${r} forgotten`);
  for (const t of Object.values(prev.tasks)) {
    const n = s.tasks[t.key];
    ok(n, `task ${t.key} disappeared`);
    ok(time(n.createdAt) === time(t.createdAt), `${t.key}.createdAt changed`);
    if (t.status === 'done' || t.status === 'cancelled') same(n, t, `finished task ${t.key} changed`);
  }
  if (prev.status !== 'running') same(s, prev, 'a finished case changed');

  if (step) {
    // the effects tell what happened
    const list = (type: string, key: 'task' | 'node' | 'rule') =>
      step.effects.filter((e) => e.type === type).map((e) => (e as unknown as Record<string, string>)[key]);
    same(list('task.activated', 'task').sort(), Object.keys(s.tasks).filter((k) => !prev.tasks[k]).sort(), 'task.activated effects');
    same(
      list('node.skipped', 'node').sort(),
      d.nodes.filter((n) => n.type === 'task' && s.nodes[n.id] === 'dead' && !prev.nodes[n.id]).map((n) => n.id).sort(),
      'node.skipped effects',
    );
    same(list('rule.fired', 'rule'), s.firedRules.slice(prev.firedRules.length), 'rule.fired effects');
    ok(step.effects.some((e) => e.type === 'flow.completed') === (prev.status === 'running' && s.status === 'completed'), 'flow.completed iff the case completed');
    ok(step.effects.some((e) => e.type === 'flow.cancelled') === (prev.status === 'running' && s.status === 'cancelled'), 'flow.cancelled iff the case was cancelled');
  }
}

/** Apply, checking the input is untouched; a refusal is a FlowActionError (returned) and changes nothing. */
function tryApply(d: FlowDefinition, s: FlowState, a: FlowAction, ctx: TestClock): Step | FlowActionError {
  const before = structuredClone(s);
  try {
    return applyAction(d, s, a, ctx);
  } catch (e) {
    if (!(e instanceof FlowActionError)) throw e;
    return e;
  } finally {
    same(s, before, `${JSON.stringify(a)} mutated its input`);
  }
}

/** A reference for which actions are allowed: 'ok', or the error code the machine must give. */
function expectedOutcome(s: FlowState, a: FlowAction, now: Date): 'ok' | FlowActionError['code'] {
  const running = s.status === 'running';
  if (a.type === 'cancel' || a.type === 'setData') return running ? 'ok' : 'INVALID_STATE';
  const t = s.tasks[a.task];
  if (!t) return 'UNKNOWN_TASK';
  const active = running && isActive(t.status);
  const allowed = (() => {
    switch (a.type) {
      case 'open':
      case 'overdue':
        return true;
      case 'start':
        return active && t.status === 'open';
      case 'submit':
        return active && t.status !== 'submitted';
      case 'approve':
      case 'reject':
        return active && t.status === 'submitted';
      case 'requestExtension':
        return active && t.status !== 'submitted' && !t.extension && a.until.getTime() > Math.max(t.dueAt.getTime(), now.getTime());
      case 'decideExtension':
        // granting a new deadline that has already passed is refused; refusing is always possible
        return active && t.extension !== null && (!a.approve || t.extension.until.getTime() > now.getTime());
    }
  })();
  return allowed ? 'ok' : 'INVALID_STATE';
}

/** What an accepted action did to its task. */
function checkOutcome(d: FlowDefinition, s: FlowState, a: FlowAction, r: Step, now: Date) {
  if (a.type === 'cancel') return ok(r.state.status === 'cancelled', 'cancel cancels');
  if (a.type === 'setData') return;
  const t = s.tasks[a.task];
  const n = r.state.tasks[a.task];
  const live = s.status === 'running' && isActive(t.status);
  const review = taskSpec(d, a.task)!.review;
  const t0 = time(now);
  switch (a.type) {
    case 'open':
      ok(time(n.openedAt) === (t.openedAt ? time(t.openedAt) : live ? t0 : null), 'open sets openedAt the first time');
      break;
    case 'start':
      ok(n.status === 'in_progress' && time(n.startedAt) === t0, 'start');
      break;
    case 'submit':
      ok(n.status === (review ? 'submitted' : 'done') && time(n.submittedAt) === t0 && isDeepStrictEqual(n.outputs, a.outputs), 'submit');
      ok(!n.extension, 'submit drops a waiting extension request');
      break;
    case 'approve':
      ok(n.status === 'done' && time(n.approvedAt) === t0 && time(n.doneAt) === t0, 'approve');
      break;
    case 'reject':
      ok(n.status === 'in_progress' && n.rejections === t.rejections + 1 && n.lastRejection === a.reason, 'reject');
      break;
    case 'overdue': {
      const fires = live && t.status !== 'submitted' && !t.overdueAt && t0! >= t.dueAt.getTime();
      ok(time(n.overdueAt) === (fires ? t0 : time(t.overdueAt)), 'overdue fires once, when due, not for submitted tasks');
      ok(r.effects.length === (fires ? 1 : 0), 'overdue effect');
      break;
    }
    case 'requestExtension':
      ok(n.extension && time(n.extension.until) === time(a.until) && time(n.dueAt) === time(t.dueAt), 'requestExtension waits for a decision');
      break;
    case 'decideExtension':
      ok(!n.extension, 'decideExtension clears the request');
      if (a.approve) {
        ok(time(n.dueAt) === time(t.extension!.until), 'an approved extension moves the deadline');
        ok(n.overdueAt === null, 'an approved extension (always ahead) clears overdue');
      } else ok(time(n.dueAt) === time(t.dueAt) && time(n.overdueAt) === time(t.overdueAt), 'a refused extension changes nothing');
      break;
  }
}

/** Every mutating action on every task of the case (and an unknown one): a finished case refuses or ignores them all. */
function expectFrozen(d: FlowDefinition, s: FlowState, ctx: TestClock) {
  const until = new Date(ctx.now.getTime() + 100 * HOUR);
  const actions: FlowAction[] = [{ type: 'cancel' }, { type: 'setData', patch: { level: 4, flag: true } }, { type: 'setData', patch: { level: 1, flag: false } }];
  for (const task of [...Object.keys(s.tasks), 'unknown']) {
    actions.push(
      { type: 'open', task },
      { type: 'start', task },
      { type: 'submit', task, outputs: { ok: true } },
      { type: 'approve', task },
      { type: 'reject', task, reason: 'r' },
      { type: 'overdue', task },
      { type: 'requestExtension', task, until, reason: 'r' },
      { type: 'decideExtension', task, approve: true },
    );
  }
  const before = structuredClone(s);
  for (const a of actions) {
    let r: Step | null = null;
    try {
      r = applyAction(d, s, a, ctx);
    } catch (e) {
      if (!(e instanceof FlowActionError)) throw e;
      ok(e.code === expectedOutcome(s, a, ctx.now), () => `${JSON.stringify(a)} on a ${s.status} case: ${e.code}`);
    }
    if (r) {
      expect(['open', 'overdue'], `${JSON.stringify(a)} accepted on a ${s.status} case`).toContain(a.type);
      same(r.effects, []);
      same(r.state, s);
    }
  }
  same(s, before, 'a refused action mutated its input');
}

/** Submit (and approve) every active task, round after round; returns the rounds it took. */
function drain(d: FlowDefinition, s0: FlowState, ctx: TestClock, okOutput: boolean): { state: FlowState; rounds: number } {
  const bound = d.nodes.length + d.participantRules.reduce((n, r) => n + r.tasks.length, 0);
  let s = s0;
  let rounds = 0;
  while (s.status === 'running' && rounds < bound + 5) {
    rounds++;
    for (const key of activeKeys(s)) {
      ctx.tick(MINUTE);
      for (const type of ['submit', 'approve'] as const) {
        const t = s.tasks[key];
        if (!isActive(t.status)) break;
        if (type === 'submit' && t.status === 'submitted') continue;
        const a: FlowAction = type === 'submit' ? { type, task: key, outputs: { ok: okOutput, note: 'x' } } : { type, task: key };
        const r = applyAction(d, s, a, ctx);
        checkState(d, s, r.state, r);
        s = r.state;
      }
    }
  }
  expect(s.status, `not completed after ${rounds} rounds`).toBe('completed');
  expect(rounds).toBeLessThanOrEqual(bound);
  return { state: s, rounds };
}

describe('random templates', () => {
  it('a good share of the generated templates is valid, and they vary', () => {
    const sample = fc.sample(templateInputArb, { numRuns: 300, seed: 42 });
    const parsed = sample.map((t) => parseDefinition(t));
    const ok = parsed.filter((r) => r.ok).map((r) => (r as { definition: FlowDefinition }).definition);
    expect(ok.length / sample.length).toBeGreaterThan(0.5);
    const share = (p: (d: FlowDefinition) => boolean) => ok.filter(p).length / ok.length;
    expect(share((d) => d.nodes.some((n) => n.type === 'gateway' && n.mode === 'exclusive'))).toBeGreaterThan(0.2);
    expect(share((d) => d.nodes.some((n) => n.type === 'gateway' && n.mode === 'parallel'))).toBeGreaterThan(0.2);
    expect(share((d) => d.edges.some((e) => e.when))).toBeGreaterThan(0.3);
    expect(share((d) => d.participantRules.length > 0)).toBeGreaterThan(0.3);
    expect(share((d) => d.nodes.some((n) => n.type === 'task' && n.review))).toBeGreaterThan(0.3);
    expect(share((d) => d.nodes.filter((n) => n.type === 'end').length > 1)).toBeGreaterThan(0.2);
    expect(share((d) => d.nodes.length >= 8)).toBeGreaterThan(0.2);
    // the refused ones are refused for reading an output before it is known (the generator builds nothing else wrong)
    for (const r of parsed) if (!r.ok) for (const e of r.errors) expect(e.message).toMatch(/not known yet|no task/);
  });
});

describe('the state machine on random templates and random actions', () => {
  it('keeps its invariants after every step, finished cases refuse everything, and every running state can finish or be cancelled', () => {
    let completedRuns = 0;
    let cancelledRuns = 0;
    let accepted = 0;
    let refusedCount = 0;
    fc.assert(
      fc.property(
        validTemplateArb,
        initialDataArb,
        fc.array(actionPlanArb, { minLength: 5, maxLength: 40 }),
        fc.nat(40),
        fc.boolean(),
        (d, data, plans, drainAt, okOutput) => {
          const ctx = makeCtx();
          const keys = taskKeys(d);
          const first = startFlow(d, data, ctx);
          checkState(d, null, first.state, null);
          expect(first.state.data).toEqual(data);
          let s = first.state;
          let expectedData: Record<string, unknown> = { ...data };
          let frozenChecked = false;
          for (let i = 0; i < plans.length; i++) {
            ctx.tick(plans[i].dt);
            if (s.status === 'running') {
              // cancel works from any running state
              const c = applyAction(d, s, { type: 'cancel' }, ctx);
              expect(c.state.status).toBe('cancelled');
              checkState(d, s, c.state, c);
              // and submitting and approving everything finishes the case (checked at one point per run)
              if (i === drainAt) drain(d, s, makeCtx(ctx.now), okOutput);
            } else {
              // a finished case: every mutating action is refused; more random actions would only repeat that
              expectFrozen(d, s, ctx);
              frozenChecked = true;
              break;
            }
            const a = toAction(plans[i], keys, ctx.now, activeKeys(s));
            const r = tryApply(d, s, a, ctx);
            const expected = expectedOutcome(s, a, ctx.now);
            if (r instanceof FlowActionError) {
              ok(r.code === expected, () => `${JSON.stringify(a)} refused with ${r.code} (${r.message}), expected ${expected}`);
              refusedCount++;
              continue;
            }
            ok(expected === 'ok', () => `${JSON.stringify(a)} accepted, expected ${expected}`);
            accepted++;
            checkState(d, s, r.state, r);
            checkOutcome(d, s, a, r, ctx.now);
            if (a.type === 'setData' && s.status === 'running') expectedData = { ...expectedData, ...a.patch };
            expect(r.state.data).toEqual(expectedData);
            s = r.state;
          }
          if (s.status === 'running') s = drain(d, s, ctx, okOutput).state;
          if (s.status === 'completed') completedRuns++;
          else cancelledRuns++;
          if (!frozenChecked) expectFrozen(d, s, ctx);
        },
      ),
      { numRuns: 150 },
    );
    // the runs exercised both endings and a mix of accepted and refused actions
    expect(completedRuns).toBeGreaterThan(20);
    expect(cancelledRuns).toBeGreaterThan(5);
    expect(accepted).toBeGreaterThan(500);
    expect(refusedCount).toBeGreaterThan(100);
  });

  it('unknown task keys are UNKNOWN_TASK, for every task action', () => {
    const actionsOn = (task: string, now: Date): FlowAction[] => [
      { type: 'open', task },
      { type: 'start', task },
      { type: 'submit', task, outputs: {} },
      { type: 'approve', task },
      { type: 'reject', task, reason: 'r' },
      { type: 'overdue', task },
      { type: 'requestExtension', task, until: new Date(now.getTime() + 9 * HOUR), reason: 'r' },
      { type: 'decideExtension', task, approve: true },
    ];
    fc.assert(
      fc.property(validTemplateArb, initialDataArb, (d, data) => {
        const ctx = makeCtx();
        const s = startFlow(d, data, ctx).state;
        // a key no template has, and the keys of the template's tasks the case has not reached
        for (const k of ['nope', ...taskKeys(d).filter((x) => !s.tasks[x])])
          for (const a of actionsOn(k, ctx.now)) {
            const r = tryApply(d, s, a, ctx);
            ok(r instanceof FlowActionError && r.code === 'UNKNOWN_TASK', () => `${JSON.stringify(a)} gave ${r instanceof FlowActionError ? r.code : 'a step'}`);
          }
      }),
      { numRuns: 50 },
    );
  });
});

import { sql } from 'kysely';
import { insertJob, type Tx } from '../../platform/work.js';
import {
  applyAction,
  DEFAULT_CALENDAR,
  dueAt,
  FlowActionError,
  startFlow,
  taskSpec,
  type FlowAction,
  type FlowDefinition,
  type FlowEffect,
  type FlowState,
  type Form,
} from '../../../core/flows/index.js';
import { FlowStore } from './store.js';
import { insertBuiltins } from './templates.js';
import { timerJobs } from './timers.js';
import { shortTime, taskStepText } from './format.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** What the demo company's collaboration history is made of: template, titles, case data. */
const CASES: { key: string; titles: string[]; data?: () => Record<string, unknown> }[] = [
  { key: 'dust-over-limit', titles: ['喷涂车间打磨工位粉尘浓度超标', '焊接车间烟尘浓度超标', '一号机加工车间粉尘超标', '原材料仓库卸料扬尘超标'] },
  { key: 'abnormal-noise', titles: ['2号冲压线异响', '空压站1号空压机异响', '装配线输送辊异响', '数控车床主轴异响'] },
  { key: 'park-inspection', titles: ['园区季度安全检查通知', '园区消防安全专项检查通知'] },
];

/**
 * Demo collaboration history: about six months of cases run through the real engine with a
 * simulated clock — departments answer at their own pace (设备部 often late), some outputs are
 * sent back once, a few cases are still running with their timers scheduled — so the board, the
 * task lists and the analytics have something true to show.
 */
export async function seedFlows(tx: Tx, tenantId: string, now: Date, months = 6): Promise<void> {
  const store = new FlowStore();
  await insertBuiltins(tx, tenantId, store, new Date(now.getTime() - months * 31 * DAY));
  const templates = await tx.selectFrom('flow_templates').selectAll().where('tenant_id', '=', tenantId).execute();
  const departments = await tx.selectFrom('departments').select(['id', 'code', 'name', 'head_user_id']).where('tenant_id', '=', tenantId).execute();
  const byCode = new Map(departments.map((d) => [d.code, d]));
  const safety = byCode.get('safety');
  if (!safety?.head_user_id) return;
  const photos = (
    await tx.selectFrom('hazards').select('photos').where('tenant_id', '=', tenantId).where(sql<boolean>`cardinality(photos) > 0`).limit(20).execute()
  ).flatMap((h) => h.photos as string[]);
  const users = await tx.selectFrom('users').select(['id', 'display_name', 'department_id']).where('tenant_id', '=', tenantId).execute();
  const nameOf = new Map(users.map((u) => [u.id, u.display_name]));

  const rnd = mulberry32(20261128);
  const span = months * 30 * DAY;
  const count = months * 6;
  for (let i = 0; i < count; i++) {
    const kind = CASES[i % CASES.length];
    const tpl = templates.find((t) => t.key === kind.key);
    if (!tpl) continue;
    const def = tpl.definition as FlowDefinition;
    // launched on a working day between 08:30 and 16:00 China time; the last three this week, still running
    const recent = count - i;
    const started = recent <= 3 ? new Date(now.getTime() - [3, 9, 30][recent - 1] * HOUR) : workingMoment(new Date(now.getTime() - span + (i / count) * (span - 3 * DAY)), rnd);
    if (started.getTime() >= now.getTime()) continue;
    const title = kind.titles[Math.floor(i / CASES.length) % kind.titles.length];
    const data = kind.key === 'dust-over-limit' ? { level: rnd() < 0.25 ? 3 : 2, concentration: Math.round((6 + rnd() * 10) * 10) / 10 } : {};
    const assignments = Object.fromEntries(
      [...def.nodes.filter((n) => n.type === 'task'), ...def.participantRules.flatMap((r) => r.tasks)].map((s) => [s.id, byCode.get(s.assignee.departmentCode)?.id]),
    );
    if (Object.values(assignments).some((d) => !d)) continue;
    const run = simulate(def, data, started, now, rnd, photos);
    const code = await store.nextCode(tx, tenantId, started);
    const id = await store.insertInstance(tx, {
      tenantId, code, templateId: tpl.id, title, subjectType: 'none', subjectId: null, initiatorId: safety.head_user_id,
      initiatorDepartmentId: safety.id, overrides: Object.fromEntries(Object.entries(assignments).map(([k, d]) => [k, { departmentId: d }])), startedAt: started,
    });
    await store.saveInstanceState(tx, id, run.state, run.lastAt);
    const headOf = (key: string) => byCode.get(taskSpec(def, key)!.assignee.departmentCode)!.head_user_id;
    for (const t of Object.values(run.state.tasks)) {
      const spec = taskSpec(def, t.key)!;
      await store.insertTask(tx, tenantId, id, t, { name: spec.name, departmentId: assignments[t.key]!, role: spec.assignee.role ?? null });
      await store.saveTask(tx, id, t, run.lastAt, { submittedBy: t.submittedAt ? headOf(t.key) : null });
      if (run.state.status === 'running' && ['open', 'in_progress'].includes(t.status)) {
        for (const job of timerJobs(id, { key: t.key, due_at: t.dueAt }, spec.escalation ?? def.escalation, now)) await insertJob(tx, tenantId, job, now);
      }
    }
    const deptName = (key: string) => byCode.get(taskSpec(def, key)!.assignee.departmentCode)!.name;
    const taskName = (key: string) => taskSpec(def, key)!.name;
    const lines: Parameters<FlowStore['addTimeline']>[2] = [{ instanceId: id, taskKey: null, kind: 'launched', actorId: safety.head_user_id, at: started, text: `${nameOf.get(safety.head_user_id)} 发起协同「${title}」（${tpl.name} 第 ${tpl.version} 版）` }];
    for (const { at, effect, actor } of run.log) {
      const actorId = actor === 'initiator' ? safety.head_user_id : actor === 'worker' && 'task' in effect ? headOf(effect.task) : null;
      const who = actorId ? nameOf.get(actorId) : '系统';
      const line = (kind: string, taskKey: string | null, text: string) => lines.push({ instanceId: id, taskKey, kind, actorId, at, text });
      if (effect.type === 'task.activated') {
        line('task.activated', effect.task, `${deptName(effect.task)}：「${taskName(effect.task)}」已派发，${shortTime(run.state.tasks[effect.task].dueAt)} 前完成`);
      } else if (effect.type === 'task.changed') {
        const c = effect.change;
        if (c === 'opened' || c === 'started' || c === 'submitted' || c === 'approved' || c === 'rejected' || c === 'completed' || c === 'overdue') {
          const t = run.state.tasks[effect.task];
          line(`task.${c}`, effect.task, taskStepText(c, { who: who ?? '系统', department: deptName(effect.task), task: taskName(effect.task), dueAt: t.dueAt, reason: t.lastRejection }));
        }
      } else if (effect.type === 'rule.fired') line('rule.fired', null, `规则「${def.participantRules.find((r) => r.id === effect.rule)?.name}」触发，新增参与部门`);
      else if (effect.type === 'node.skipped') line('node.skipped', effect.node, '条件不满足，无需执行');
      else if (effect.type === 'flow.completed') line('completed', null, '全部任务完成，协同结束');
    }
    await store.addTimeline(tx, tenantId, lines);
  }
}

interface Logged {
  at: Date;
  effect: FlowEffect;
  actor: 'worker' | 'initiator' | 'system';
}

/** Run one case through the engine: each task is opened, started, handed in (late, for some), reviewed. */
function simulate(def: FlowDefinition, data: Record<string, unknown>, started: Date, now: Date, rnd: () => number, photos: string[]) {
  const ctx = (at: Date) => ({ now: at, due: (_k: string, spec: { deadline: { hours: number } | { workingHours: number } }, from: Date) => dueAt(from, spec.deadline, DEFAULT_CALENDAR) });
  const first = startFlow(def, data, ctx(started));
  let state: FlowState = first.state;
  const log: Logged[] = first.effects.map((effect) => ({ at: started, effect, actor: 'system' as const }));
  const plans = new Map<string, { at: Date; action: FlowAction; actor: Logged['actor'] }[]>();
  let lastAt = started;
  for (let guard = 0; guard < 200 && state.status === 'running'; guard++) {
    for (const t of Object.values(state.tasks)) if (!plans.has(t.key)) plans.set(t.key, planTask(def, t.key, t.createdAt, t.dueAt, rnd, photos));
    const next = [...plans.values()].flatMap((p) => (p.length ? [p[0]] : [])).sort((a, b) => a.at.getTime() - b.at.getTime())[0];
    if (!next || next.at.getTime() > now.getTime()) break;
    const task = 'task' in next.action ? next.action.task : '';
    plans.get(task)!.shift();
    try {
      const step = applyAction(def, state, next.action, ctx(next.at));
      state = step.state;
      log.push(...step.effects.map((effect) => ({ at: next.at, effect, actor: next.actor })));
      lastAt = next.at;
    } catch (err) {
      if (!(err instanceof FlowActionError)) throw err;
    }
  }
  return { state, log, lastAt };
}

/** Departments' pace, as a share of the deadline: 设备部 is the slow one the analytics should find. */
const PACE: Record<string, [number, number]> = { equipment: [0.5, 1.4], production: [0.2, 0.8], safety: [0.2, 0.7], hr: [0.2, 0.6], logistics: [0.3, 0.9], clinic: [0.3, 0.8] };

function planTask(def: FlowDefinition, key: string, created: Date, due: Date, rnd: () => number, photos: string[]) {
  const spec = taskSpec(def, key)!;
  const at = (base: Date, h: number) => new Date(base.getTime() + h * HOUR);
  const between = (a: number, b: number) => a + rnd() * (b - a);
  const [lo, hi] = PACE[spec.assignee.departmentCode] ?? [0.3, 0.9];
  const open = at(created, between(0.05, 0.8));
  const start = at(open, between(0.1, 1));
  let submit = new Date(created.getTime() + between(lo, hi) * (due.getTime() - created.getTime()));
  if (submit <= start) submit = at(start, 0.5);
  const outputs = fakeOutputs(spec.form, rnd, photos);
  const plan: { at: Date; action: FlowAction; actor: Logged['actor'] }[] = [
    { at: open, action: { type: 'open', task: key }, actor: 'worker' },
    { at: start, action: { type: 'start', task: key }, actor: 'worker' },
  ];
  if (submit > due) plan.push({ at: due, action: { type: 'overdue', task: key }, actor: 'system' });
  plan.push({ at: submit, action: { type: 'submit', task: key, outputs }, actor: 'worker' });
  if (spec.review) {
    let reviewAt = at(submit, between(0.5, 4));
    if (rnd() < 0.25) {
      plan.push({ at: reviewAt, action: { type: 'reject', task: key, reason: '照片不能反映整改结果，请补充' }, actor: 'initiator' });
      const again = at(reviewAt, between(1, 6));
      plan.push({ at: again, action: { type: 'submit', task: key, outputs }, actor: 'worker' });
      reviewAt = at(again, between(0.5, 3));
    }
    plan.push({ at: reviewAt, action: { type: 'approve', task: key }, actor: 'initiator' });
  }
  return plan.sort((a, b) => a.at.getTime() - b.at.getTime());
}

function fakeOutputs(form: Form, rnd: () => number, photos: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, f] of Object.entries(form.properties)) {
    const w = f['x-widget'];
    if (w === 'text' || w === 'textarea') out[k] = `${f.title}：已按要求完成，详见现场记录`;
    else if (w === 'number') out[k] = Math.round((('minimum' in f && f.minimum) || 0) + 1 + rnd() * 5);
    else if (w === 'choice') out[k] = f.enum[0];
    else if (w === 'boolean') out[k] = rnd() < 0.5;
    else if ((w === 'photos' || w === 'signature') && photos.length) out[k] = w === 'photos' ? [photos[Math.floor(rnd() * photos.length)]] : undefined;
    else if (w === 'multichoice') out[k] = [f.items.enum[0]];
  }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

/** A moment on a working day (Mon–Fri) between 08:30 and 16:00 China time, on or after `day`'s date. */
function workingMoment(day: Date, rnd: () => number): Date {
  const offset = 8 * HOUR;
  let midnight = Math.floor((day.getTime() + offset) / DAY) * DAY;
  while ([0, 6].includes(new Date(midnight).getUTCDay())) midnight += DAY;
  return new Date(midnight - offset + 8.5 * HOUR + rnd() * 7.5 * HOUR);
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

import { requirePermission, type Actor } from '../../platform/access.js';
import type { Platform } from '../../platform/platform.js';
import { NotFoundError } from '../../platform/errors.js';
import {
  HAZARD_LOOP_STEPS,
  isApprovalStep,
  meanFromSums,
  percentile,
  suggest,
  type BucketCount,
  type DepartmentFigures,
  type StepFigures,
} from '../../../core/analytics/index.js';
import { BottleneckStore, monthsIn } from './bottleneck-store.js';
import type { BottleneckFlowView, BottleneckView, DashboardQuery, StepStatView } from './views.js';

type Durations = Awaited<ReturnType<BottleneckStore['durations']>>;
type TaskSums = Awaited<ReturnType<BottleneckStore['tasks']>>;

const CYCLE = '_cycle';
const HAZARD_LOOP_NAME = '隐患闭环';
export const RESOLUTION = '分位数由对数分桶估算（每翻倍 4 个桶），与精确值相差不超过 ±9%；Percentiles come from log-scale buckets (4 per doubling): within ±9 % of the exact value.';

const r1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
const rate = (num: number, den: number) => (den > 0 ? r1(Math.min(100, (num / den) * 100)) : null);
const hours = (minutes: number | null) => (minutes === null ? null : minutes / 60);

/** Percentiles and mean of one step from its merged buckets, in hours. */
interface Timing {
  count: number;
  p25: number | null;
  median: number | null;
  p90: number | null;
  mean: number | null;
}

function timing(rows: Durations): Timing {
  const buckets: BucketCount[] = rows.map((r) => ({ bucket: r.bucket, n: r.n }));
  const count = rows.reduce((s, r) => s + r.n, 0);
  const minutes = rows.reduce((s, r) => s + r.minutes, 0);
  return {
    count,
    p25: hours(percentile(buckets, 0.25)),
    median: hours(percentile(buckets, 0.5)),
    p90: hours(percentile(buckets, 0.9)),
    mean: hours(meanFromSums(count, minutes)),
  };
}

interface StepDraft {
  step: string;
  name: string;
  isApproval: boolean;
  t: Timing;
  overdueRate: number | null;
  reworkRate: number | null;
  responseHours: number | null;
}

/**
 * Share of each step in the sum of the step means (0–100, adding up to 100). For the hazard loop
 * the steps follow one another, so the sum is the cycle; a flow's tasks may run in parallel, and
 * then the shares say where the work time goes rather than slicing the elapsed cycle.
 */
function finishSteps(drafts: StepDraft[]): StepStatView[] {
  const total = drafts.reduce((s, d) => s + (d.t.mean ?? 0), 0);
  const slowest = drafts.reduce<StepDraft | null>((best, d) => (d.t.mean !== null && (best === null || d.t.mean > (best.t.mean ?? -1)) ? d : best), null);
  return drafts.map((d) => ({
    step: d.step,
    name: d.name,
    count: d.t.count,
    medianHours: r1(d.t.median),
    p90Hours: r1(d.t.p90),
    meanHours: r1(d.t.mean),
    share: total > 0 && d.t.mean !== null ? r1((d.t.mean / total) * 100) : null,
    overdueRate: d.overdueRate,
    reworkRate: d.reworkRate,
    isApproval: d.isApproval,
    slowest: d === slowest,
  }));
}

function figures(steps: StepStatView[], drafts: StepDraft[]): StepFigures[] {
  return steps.map((s, i) => ({
    step: s.step,
    name: s.name,
    isApproval: s.isApproval,
    count: s.count,
    meanHours: drafts[i].t.mean,
    p25Hours: drafts[i].t.p25,
    p90Hours: drafts[i].t.p90,
    share: s.share,
    reworkRate: s.reworkRate,
    responseHours: drafts[i].responseHours,
  }));
}

/** Order of the task keys in a template definition (main graph first, then participant rules' tasks). */
function taskOrderOf(definition: unknown): Map<string, number> {
  const out = new Map<string, number>();
  const def = (definition ?? {}) as { nodes?: { id: string; type: string }[]; participantRules?: { tasks?: { id: string }[] }[] };
  for (const n of def.nodes ?? []) if (n.type === 'task') out.set(n.id, out.size);
  for (const rule of def.participantRules ?? []) for (const t of rule.tasks ?? []) if (!out.has(t.id)) out.set(t.id, out.size);
  return out;
}

/**
 * Bottleneck analysis per process (C14): for the hazard loop and each collaboration template with
 * cases in the period, the time in each step (median, p90, mean) and its share, overdue and rework
 * per step and department, the slowest step, and rule-based suggestions with the expected saving
 * (src/core/analytics/suggestions.ts). Reads the monthly rollups only.
 */
export class BottleneckService {
  readonly store = new BottleneckStore();
  constructor(readonly p: Platform) {}

  async analyse(actor: Actor, q: DashboardQuery & { templateId?: string }): Promise<BottleneckView> {
    requirePermission(actor, 'analytics.view_all');
    return this.p.read(actor, async (w) => {
      const range = { from: q.from, to: q.to };
      if (q.templateId && !(await this.store.templateExists(w.tx, q.templateId))) throw new NotFoundError('flow template', q.templateId);
      const [durations, tasks, cases, departments, benchmarks] = await Promise.all([
        this.store.durations(w.tx, range, q.templateId),
        this.store.tasks(w.tx, range, q.templateId),
        this.store.cases(w.tx, range, q.templateId),
        this.store.departments(w.tx),
        this.store.benchmarks(w.tx),
      ]);
      const deptName = new Map(departments.map((d) => [d.id, d.name]));
      const months = monthsIn(range);
      const flows: BottleneckFlowView[] = [];
      if (!q.templateId) {
        const hazards = await this.store.hazards(w.tx, range);
        flows.push(this.hazardLoop(durations.filter((d) => d.templateId === null), hazards, deptName, months, benchmarks.get('flow:hazard') ?? null));
      }
      const ids = [...new Set([...cases.filter((c) => c.cases > 0).map((c) => c.templateId), ...(q.templateId ? [q.templateId] : [])])];
      const templates = await this.store.templates(w.tx, ids);
      for (const tpl of templates) {
        const c = cases.find((x) => x.templateId === tpl.id);
        flows.push(
          this.flow(
            tpl,
            c ?? { cases: 0, completed: 0, cycleMinutes: 0 },
            durations.filter((d) => d.templateId === tpl.id),
            tasks.filter((t) => t.templateId === tpl.id),
            deptName,
            months,
            benchmarks.get(`flow:${tpl.id}`) ?? null,
          ),
        );
      }
      // The hazard loop first, then the templates with the most cases.
      const head = q.templateId ? [] : flows.slice(0, 1);
      const rest = flows.slice(head.length).sort((a, b) => b.cases - a.cases || a.name.localeCompare(b.name, 'zh'));
      return { query: range, flows: [...head, ...rest], resolution: RESOLUTION };
    });
  }

  private hazardLoop(
    durations: Durations,
    hazards: Awaited<ReturnType<BottleneckStore['hazards']>>,
    deptName: Map<string, string>,
    months: number,
    benchmarkHours: number | null,
  ): BottleneckFlowView {
    const sum = (pick: (h: (typeof hazards)[number]) => number, rows = hazards) => rows.reduce((s, h) => s + pick(h), 0);
    const closed = sum((h) => h.closed);
    const withDeadline = sum((h) => h.closedWithDeadline);
    const onTime = sum((h) => h.closedOnTime);
    const graded = sum((h) => h.reported, hazards.filter((h) => h.grade !== null));
    const general = sum((h) => h.reported, hazards.filter((h) => h.grade === 'general'));
    const drafts: StepDraft[] = HAZARD_LOOP_STEPS.map((s) => ({
      step: s.step,
      name: s.name.zh,
      isApproval: s.isApproval,
      t: timing(durations.filter((d) => d.step === s.step)),
      // A rejected acceptance sends the rectification back; lateness is measured against the rectification deadline.
      overdueRate: s.step === 'rectify' ? rate(withDeadline - onTime, withDeadline) : null,
      reworkRate: s.step === 'rectify' ? rate(closed - sum((h) => h.firstPass), closed) : null,
      responseHours: null,
    }));
    const steps = finishSteps(drafts);
    const cycle = timing(durations.filter((d) => d.step === CYCLE));
    const rectifyP90 = drafts.find((d) => d.step === 'rectify')?.t.p90 ?? null;

    const byDept = new Map<string, { closed: number; late: number }>();
    for (const h of hazards) {
      const d = byDept.get(h.departmentId) ?? { closed: 0, late: 0 };
      d.closed += h.closedWithDeadline;
      d.late += h.closedWithDeadline - h.closedOnTime;
      byDept.set(h.departmentId, d);
    }
    const departments = [...byDept]
      .filter(([, d]) => d.closed > 0)
      .map(([id, d]) => ({ departmentId: id, departmentName: deptName.get(id) ?? '', tasks: d.closed, overdueRate: rate(d.late, d.closed), meanHours: null }));
    // The rollup keeps durations per step, not per department: the loop's rectification p90 stands in for a department's.
    const deptFigures: DepartmentFigures[] = [...byDept].map(([id, d]) => ({ departmentId: id, departmentName: deptName.get(id) ?? '', tasks: d.closed, overdue: d.late, p90Hours: rectifyP90 }));
    const cycleMean = cycle.mean ?? (steps.some((s) => s.meanHours !== null) ? drafts.reduce((s, d) => s + (d.t.mean ?? 0), 0) : null);
    return {
      templateId: null,
      name: HAZARD_LOOP_NAME,
      cases: sum((h) => h.reported),
      completed: closed,
      cycle: { medianHours: r1(cycle.median), p90Hours: r1(cycle.p90), meanHours: r1(cycle.mean) },
      benchmarkHours,
      steps,
      departments: departments.sort((a, b) => (b.overdueRate ?? -1) - (a.overdueRate ?? -1)),
      suggestions: suggest({ kind: 'hazard', cycleMeanHours: cycleMean, generalShare: graded > 0 ? general / graded : 0, months, steps: figures(steps, drafts), departments: deptFigures }),
    };
  }

  private flow(
    tpl: { id: string; name: string; version: number; definition: unknown },
    cases: { cases: number; completed: number; cycleMinutes: number },
    durations: Durations,
    tasks: TaskSums,
    deptName: Map<string, string>,
    months: number,
    benchmarkHours: number | null,
  ): BottleneckFlowView {
    const order = taskOrderOf(tpl.definition);
    const keys = [...new Set([...tasks.map((t) => t.taskKey), ...durations.filter((d) => d.step !== CYCLE).map((d) => d.step)])];
    keys.sort((a, b) => (order.get(a) ?? 1e6) - (order.get(b) ?? 1e6) || a.localeCompare(b));
    const total = (rows: TaskSums, pick: (t: TaskSums[number]) => number) => rows.reduce((s, t) => s + pick(t), 0);
    const drafts: StepDraft[] = keys.map((key) => {
      const rows = tasks.filter((t) => t.taskKey === key);
      const active = total(rows, (t) => t.tasks - t.cancelled);
      const responded = total(rows, (t) => t.responded);
      const name = rows[0]?.taskName ?? key;
      return {
        step: key,
        name,
        isApproval: isApprovalStep(name),
        t: timing(durations.filter((d) => d.step === key)),
        overdueRate: rate(total(rows, (t) => t.overdue), active),
        reworkRate: rate(total(rows, (t) => t.reworked), active),
        responseHours: responded > 0 ? total(rows, (t) => t.responseMinutes) / responded / 60 : null,
      };
    });
    const steps = finishSteps(drafts);

    const deptIds = [...new Set(tasks.map((t) => t.departmentId))];
    const departments = deptIds.map((id) => {
      const rows = tasks.filter((t) => t.departmentId === id);
      const active = total(rows, (t) => t.tasks - t.cancelled);
      const done = total(rows, (t) => t.done);
      const overdue = total(rows, (t) => t.overdue);
      // The slowest step the department works in stands for its own p90 (durations are kept per step).
      const p90s = [...new Set(rows.map((t) => t.taskKey))].map((k) => drafts.find((d) => d.step === k)?.t.p90 ?? null).filter((x): x is number => x !== null);
      return {
        view: { departmentId: id, departmentName: deptName.get(id) ?? '', tasks: active, overdueRate: rate(overdue, active), meanHours: r1(done > 0 ? total(rows, (t) => t.doneMinutes) / done / 60 : null) },
        figures: { departmentId: id, departmentName: deptName.get(id) ?? '', tasks: active, overdue, p90Hours: p90s.length ? Math.max(...p90s) : null },
      };
    });
    const cycle = timing(durations.filter((d) => d.step === CYCLE));
    const cycleMean = cycle.mean ?? hours(meanFromSums(cases.completed, cases.cycleMinutes));
    return {
      templateId: tpl.id,
      name: tpl.version > 1 ? `${tpl.name} v${tpl.version}` : tpl.name,
      cases: cases.cases,
      completed: cases.completed,
      cycle: { medianHours: r1(cycle.median), p90Hours: r1(cycle.p90), meanHours: r1(cycleMean) },
      benchmarkHours,
      steps,
      departments: departments.map((d) => d.view).sort((a, b) => (b.overdueRate ?? -1) - (a.overdueRate ?? -1)),
      suggestions: suggest({ kind: 'flow', cycleMeanHours: cycleMean, generalShare: 1, months, steps: figures(steps, drafts), departments: departments.map((d) => d.figures) }),
    };
  }
}

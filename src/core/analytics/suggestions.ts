/**
 * Rule-based improvement suggestions for a process's bottleneck (C14). Each rule reads the step
 * and department statistics of one process over a period, fires when its figure passes a
 * threshold, and says what to change with an expected saving computed from the same data.
 *
 * The thresholds follow the seed's worked example: "部门审批环节平均耗时最长（占总流程的 40%）…
 * 将部分审批权限下放至现场负责人，使整改周期缩短 30%" — an approval step taking 40 % of the cycle
 * is the signal to delegate; the other thresholds are set in the same spirit (a third of a
 * department's tasks overdue, a fifth of a step's work redone, waiting half of a step's time).
 */

export const SUGGESTION_THRESHOLDS = {
  /** delegate_approval: an approval step's share of the cycle, 0–100. */
  approvalShare: 40,
  /** extend_deadline_or_staff: a department's overdue share of its tasks in one process, 0–100 … */
  departmentOverdue: 30,
  /** … counted only with at least this many tasks. */
  departmentMinTasks: 5,
  /** reduce_rework: share of a step's work sent back, 0–100. */
  reworkRate: 20,
  /** speed_up_pickup: mean wait before the first answer as a share of the step's mean time, 0–100. */
  pickupShare: 50,
  /** Steps with fewer completed records are too thin to judge. */
  minStepCount: 3,
  /** A time saving worth proposing: at least this share of the mean cycle (0–100) … */
  minSavingShare: 5,
  /** … or, with no cycle time known, at least this many hours per case. */
  minSavingHours: 1,
} as const;

export type SuggestionRule = 'delegate_approval' | 'extend_deadline_or_staff' | 'reduce_rework' | 'speed_up_pickup';

export interface StepFigures {
  step: string;
  name: string;
  isApproval: boolean;
  /** Completed records of the step (with a duration). */
  count: number;
  meanHours: number | null;
  /** The fastest quarter's boundary: what a well-run case of this step takes. */
  p25Hours: number | null;
  p90Hours: number | null;
  /** 0–100 of the summed step means (see bottleneck share). */
  share: number | null;
  /** 0–100, null when not measured. */
  reworkRate: number | null;
  /** Mean hours from dispatch to the department's first answer, null when not measured. */
  responseHours: number | null;
}

export interface DepartmentFigures {
  departmentId: string;
  departmentName: string;
  tasks: number;
  overdue: number;
  /** p90 of how long this department's work takes in the process (hours), for a new deadline. */
  p90Hours: number | null;
}

export interface ProcessFigures {
  /** hazard: the hazard closed loop; flow: a collaboration template. */
  kind: 'hazard' | 'flow';
  /** Mean cycle time in hours (whole case). */
  cycleMeanHours: number | null;
  /** Share (0–1) of cases that are 一般隐患 and so could be approved on site; 1 for flows. */
  generalShare: number;
  /** Months in the period, to turn counts into per-month figures. */
  months: number;
  steps: StepFigures[];
  departments: DepartmentFigures[];
}

export interface Suggestion {
  rule: SuggestionRule;
  step: string | null;
  departmentId: string | null;
  departmentName: string | null;
  text: { zh: string; en: string };
  evidence: { zh: string; en: string };
  savingHours: number | null;
  savingShare: number | null;
}

const T = SUGGESTION_THRESHOLDS;
const r1 = (x: number) => Math.round(x * 10) / 10;
const pct = (x: number) => `${r1(x)}%`;
const hrs = (x: number) => r1(x).toString();

/** A proposed deadline: the p90 rounded up to whole hours, to whole days from two days on. */
export function proposedDeadlineHours(p90Hours: number): number {
  if (p90Hours >= 48) return Math.ceil(p90Hours / 24) * 24;
  return Math.max(1, Math.ceil(p90Hours));
}

function savingShareOf(hours: number, cycle: number | null): number | null {
  return cycle && cycle > 0 ? r1((hours / cycle) * 100) : null;
}

function delegateApproval(f: ProcessFigures): Suggestion[] {
  const out: Suggestion[] = [];
  for (const s of f.steps) {
    if (!s.isApproval || s.share === null || s.share < T.approvalShare || s.count < T.minStepCount || s.meanHours === null) continue;
    // Delegated approvals of general hazards would run like today's fastest quarter of this step:
    // each such case saves (mean − p25); only the general share of cases can be delegated.
    const fast = s.p25Hours ?? s.meanHours;
    const saving = Math.max(0, s.meanHours - fast) * f.generalShare;
    if (saving <= 0) continue;
    const share = savingShareOf(saving, f.cycleMeanHours);
    const scopeZh = f.kind === 'hazard' ? `一般隐患（占 ${pct(f.generalShare * 100)}）` : '常规事项';
    const scopeEn = f.kind === 'hazard' ? `general hazards (一般隐患, ${pct(f.generalShare * 100)} of cases)` : 'routine cases';
    out.push({
      rule: 'delegate_approval',
      step: s.step,
      departmentId: null,
      departmentName: null,
      text: {
        zh: `「${s.name}」环节平均耗时 ${hrs(s.meanHours)} 小时，占总流程的 ${pct(s.share)}。建议将${scopeZh}的审批权限下放至现场负责人，预计每件平均缩短 ${hrs(saving)} 小时${share !== null ? `（约占周期的 ${pct(share)}）` : ''}。`,
        en: `The step “${s.name}” takes ${hrs(s.meanHours)} h on average, ${pct(s.share)} of the whole process. Delegate the approval of ${scopeEn} to the site supervisor (现场负责人): expected saving ${hrs(saving)} h per case${share !== null ? ` (about ${pct(share)} of the cycle)` : ''}.`,
      },
      evidence: {
        zh: `审批环节占比 ${pct(s.share)} ≥ ${T.approvalShare}%；最快四分之一的案件在 ${hrs(fast)} 小时内完成`,
        en: `approval share ${pct(s.share)} ≥ ${T.approvalShare}%; the fastest quarter of cases finish it within ${hrs(fast)} h`,
      },
      savingHours: r1(saving),
      savingShare: share,
    });
  }
  return out;
}

function extendDeadlineOrStaff(f: ProcessFigures): Suggestion[] {
  const out: Suggestion[] = [];
  for (const d of f.departments) {
    if (d.tasks < T.departmentMinTasks) continue;
    const rate = (d.overdue / d.tasks) * 100;
    if (rate < T.departmentOverdue) continue;
    const perMonth = r1(d.overdue / Math.max(1, f.months));
    const deadline = d.p90Hours !== null && d.p90Hours > 0 ? proposedDeadlineHours(d.p90Hours) : null;
    const deadlineZh = deadline !== null ? `将期限延长至约 ${deadline} 小时（该部门九成任务的实际用时）` : '适当延长期限';
    const deadlineEn = deadline !== null ? `extend the deadline to about ${deadline} h (what 90 % of its tasks actually take)` : 'extend the deadline';
    out.push({
      rule: 'extend_deadline_or_staff',
      step: null,
      departmentId: d.departmentId,
      departmentName: d.departmentName,
      text: {
        zh: `${d.departmentName}有 ${pct(rate)} 的任务逾期（${d.overdue}/${d.tasks}）。建议${deadlineZh}，或为该部门增配人手；预计每月减少约 ${perMonth} 次逾期异常。`,
        en: `${d.departmentName} is overdue in ${pct(rate)} of its tasks (${d.overdue}/${d.tasks}). ${deadlineEn[0].toUpperCase()}${deadlineEn.slice(1)}, or add staff to the department: about ${perMonth} fewer overdue exceptions per month.`,
      },
      evidence: {
        zh: `逾期率 ${pct(rate)} ≥ ${T.departmentOverdue}%（任务数 ${d.tasks} ≥ ${T.departmentMinTasks}）`,
        en: `overdue rate ${pct(rate)} ≥ ${T.departmentOverdue}% (${d.tasks} tasks ≥ ${T.departmentMinTasks})`,
      },
      savingHours: null,
      savingShare: null,
    });
  }
  return out;
}

function reduceRework(f: ProcessFigures): Suggestion[] {
  const out: Suggestion[] = [];
  for (const s of f.steps) {
    if (s.reworkRate === null || s.reworkRate < T.reworkRate || s.meanHours === null || s.count < T.minStepCount) continue;
    // A case sent back goes through the step again: removing the rework saves that share of the step's time.
    const saving = (s.reworkRate / 100) * s.meanHours;
    if (saving <= 0) continue;
    const share = savingShareOf(saving, f.cycleMeanHours);
    out.push({
      rule: 'reduce_rework',
      step: s.step,
      departmentId: null,
      departmentName: null,
      text: {
        zh: `「${s.name}」环节有 ${pct(s.reworkRate)} 被退回返工。建议提供检查清单、把表单要求写清楚，一次做对；预计每件平均节省 ${hrs(saving)} 小时${share !== null ? `（约占周期的 ${pct(share)}）` : ''}。`,
        en: `${pct(s.reworkRate)} of the step “${s.name}” is sent back for rework. Provide a checklist and a clearer form so it is right the first time: expected saving ${hrs(saving)} h per case${share !== null ? ` (about ${pct(share)} of the cycle)` : ''}.`,
      },
      evidence: {
        zh: `返工率 ${pct(s.reworkRate)} ≥ ${T.reworkRate}%`,
        en: `rework rate ${pct(s.reworkRate)} ≥ ${T.reworkRate}%`,
      },
      savingHours: r1(saving),
      savingShare: share,
    });
  }
  return out;
}

function speedUpPickup(f: ProcessFigures): Suggestion[] {
  const out: Suggestion[] = [];
  for (const s of f.steps) {
    if (s.responseHours === null || s.meanHours === null || s.meanHours <= 0 || s.count < T.minStepCount) continue;
    const waiting = (s.responseHours / s.meanHours) * 100;
    if (waiting < T.pickupShare) continue;
    // Earlier reminders and a phone notification are assumed to halve the wait, not to remove it.
    const saving = s.responseHours / 2;
    if (saving <= 0) continue;
    const share = savingShareOf(saving, f.cycleMeanHours);
    out.push({
      rule: 'speed_up_pickup',
      step: s.step,
      departmentId: null,
      departmentName: null,
      text: {
        zh: `「${s.name}」环节平均等待 ${hrs(s.responseHours)} 小时才有人接手，占该环节用时的 ${pct(waiting)}。建议提前发送提醒、通过手机通知到人；预计每件平均缩短 ${hrs(saving)} 小时${share !== null ? `（约占周期的 ${pct(share)}）` : ''}。`,
        en: `The step “${s.name}” waits ${hrs(s.responseHours)} h on average before anyone picks it up, ${pct(waiting)} of the step’s time. Send reminders earlier and notify people on their phones: expected saving ${hrs(saving)} h per case${share !== null ? ` (about ${pct(share)} of the cycle)` : ''}.`,
      },
      evidence: {
        zh: `响应等待占环节用时 ${pct(waiting)} ≥ ${T.pickupShare}%`,
        en: `waiting for the first answer is ${pct(waiting)} of the step ≥ ${T.pickupShare}%`,
      },
      savingHours: r1(saving),
      savingShare: share,
    });
  }
  return out;
}

/** A time saving too small to be worth a change of procedure is not proposed. */
function worthIt(s: Suggestion): boolean {
  if (s.savingHours === null) return true;
  return s.savingShare !== null ? s.savingShare >= T.minSavingShare : s.savingHours >= T.minSavingHours;
}

/** Every suggestion that applies, the largest expected saving per case first. */
export function suggest(f: ProcessFigures): Suggestion[] {
  const all = [...delegateApproval(f), ...extendDeadlineOrStaff(f), ...reduceRework(f), ...speedUpPickup(f)].filter(worthIt);
  return all.sort((a, b) => (b.savingHours ?? -1) - (a.savingHours ?? -1));
}

/**
 * A flow task is an approval step when its name says so (审批, 审核, 批准, 评估, 验收, 确认). A task
 * the initiator reviews (`review`) is not one by that alone: its time from dispatch to done is
 * mostly the department's own work (a repair, a re-measurement), and delegating the approval would
 * not shorten it — the rollup does not keep the review wait apart from the work.
 */
export const APPROVAL_NAME = /审批|审核|批准|评估|验收|确认/;
export function isApprovalStep(name: string): boolean {
  return APPROVAL_NAME.test(name);
}

/** The steps of the hazard closed loop as the rollup records them; assessment and acceptance are approvals. */
export const HAZARD_LOOP_STEPS = [
  { step: 'assess', name: { zh: '评估定级', en: 'Assessment' }, isApproval: true },
  { step: 'dispatch', name: { zh: '派发', en: 'Dispatch' }, isApproval: false },
  { step: 'rectify', name: { zh: '整改', en: 'Rectification' }, isApproval: false },
  { step: 'verify', name: { zh: '验收', en: 'Acceptance' }, isApproval: true },
] as const;

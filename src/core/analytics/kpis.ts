/**
 * The indicators of the evaluation system (C14; the seed's FAQ 5: 协同效率、流程优化、安全绩效),
 * each defined once: name, formula (shown in the dashboard's tooltip and in the reports), unit,
 * which direction is better, and where its numbers come from. The server computes values from
 * these definitions; the web and the PDF only read names and formulas from here.
 */
export const KPI_KEYS = [
  'rectification_rate',
  'on_time_rate',
  'response_hours',
  'first_pass_rate',
  'automation_rate',
  'exception_rate',
  'accident_rate',
  'compliance_pass_rate',
  'fire_equipment_intact_rate',
  'open_major_hazards',
  'satisfaction',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

/** percent: 0–100; hours: mean hours; count: a number of records; score: survey mean on 1–5. */
export type KpiUnit = 'percent' | 'hours' | 'count' | 'score';
export type KpiGroup = 'safety' | 'collaboration' | 'process';

export interface KpiDefinition {
  key: KpiKey;
  group: KpiGroup;
  unit: KpiUnit;
  /** true: a higher value is better (the trend arrow's colour and the target's direction). */
  higherIsBetter: boolean;
  name: { zh: string; en: string };
  formula: { zh: string; en: string };
  /**
   * Where the numbers come from. `unavailable` means the records it needs are not kept by the
   * system yet: the dashboard shows "—" with the reason instead of inventing a value.
   */
  source: 'hazards' | 'flow_tasks' | 'flow_timeline' | 'qualification_checks' | 'equipment' | 'surveys' | 'unavailable';
  /** Whether the department filter applies (some indicators are company-wide only). */
  byDepartment: boolean;
  /** Whether the area filter applies (only indicators built on hazards have an area). */
  byArea: boolean;
  /** Default target for a new tenant (the admin changes it); values from the seed's examples. */
  defaultTarget: number | null;
}

export const KPIS: Record<KpiKey, KpiDefinition> = {
  rectification_rate: {
    key: 'rectification_rate', group: 'safety', unit: 'percent', higherIsBetter: true, source: 'hazards', byDepartment: true, byArea: true,
    name: { zh: '隐患整改率', en: 'Rectification rate' },
    formula: { zh: '期内上报的隐患中已整改闭环的数量 ÷ 期内上报的隐患数 × 100%', en: 'Hazards reported in the period that are closed ÷ hazards reported in the period × 100%' },
    defaultTarget: 95,
  },
  on_time_rate: {
    key: 'on_time_rate', group: 'safety', unit: 'percent', higherIsBetter: true, source: 'hazards', byDepartment: true, byArea: true,
    name: { zh: '按期整改率', en: 'On-time rectification' },
    formula: { zh: '期内上报、已闭环且在整改期限前完成整改的隐患数 ÷ 期内上报、已闭环且定有期限的隐患数 × 100%', en: 'Closed hazards (reported in the period) rectified by their deadline ÷ closed hazards with a deadline × 100%' },
    defaultTarget: 90,
  },
  response_hours: {
    key: 'response_hours', group: 'collaboration', unit: 'hours', higherIsBetter: false, source: 'flow_tasks', byDepartment: true, byArea: false,
    name: { zh: '跨部门任务平均响应时间', en: 'Cross-department response time' },
    formula: { zh: '期内派发的协同任务从派发到部门首次响应（开始处理或提交）的平均小时数', en: 'Mean hours from a collaboration task being dispatched to the department’s first answer (start or submit), tasks dispatched in the period' },
    defaultTarget: 12,
  },
  first_pass_rate: {
    key: 'first_pass_rate', group: 'collaboration', unit: 'percent', higherIsBetter: true, source: 'flow_tasks', byDepartment: true, byArea: false,
    name: { zh: '协同任务一次通过率', en: 'First-pass rate' },
    formula: { zh: '期内派发并已完成的协同任务中未被退回返工的数量 ÷ 已完成的协同任务数 × 100%', en: 'Completed collaboration tasks (dispatched in the period) never sent back for rework ÷ completed tasks × 100%' },
    defaultTarget: 90,
  },
  automation_rate: {
    key: 'automation_rate', group: 'process', unit: 'percent', higherIsBetter: true, source: 'flow_timeline', byDepartment: false, byArea: false,
    name: { zh: '流程自动化率', en: 'Flow automation rate' },
    formula: { zh: '期内由系统自动执行（无人操作）的流程环节数 ÷ 流程环节总数 × 100%（环节：派发、路由、条件跳过、规则加派、提醒、逾期、升级、结案；不含评论）', en: 'Flow steps done by the system with no person acting ÷ all flow steps in the period × 100% (steps: dispatch, routing, skips, rule-added departments, reminders, overdue, escalation, completion; comments excluded)' },
    defaultTarget: 80,
  },
  exception_rate: {
    key: 'exception_rate', group: 'process', unit: 'percent', higherIsBetter: false, source: 'flow_tasks', byDepartment: true, byArea: false,
    name: { zh: '流程异常率', en: 'Exception rate' },
    formula: { zh: '期内派发的协同任务中逾期或被退回的数量 ÷ 期内派发的协同任务数 × 100%', en: 'Collaboration tasks dispatched in the period that went overdue or were sent back ÷ tasks dispatched in the period × 100%' },
    defaultTarget: 10,
  },
  accident_rate: {
    key: 'accident_rate', group: 'safety', unit: 'count', higherIsBetter: false, source: 'unavailable', byDepartment: true, byArea: true,
    name: { zh: '事故发生起数', en: 'Accidents' },
    formula: { zh: '期内发生并报告的生产安全事故起数（按国务院令第493号分级）。事故报告模块尚未上线，暂无数据来源', en: 'Work-safety accidents in the period (graded per State Council Decree 493). The accident reporting module is not built yet, so there is no source' },
    defaultTarget: 0,
  },
  compliance_pass_rate: {
    key: 'compliance_pass_rate', group: 'safety', unit: 'percent', higherIsBetter: true, source: 'qualification_checks', byDepartment: false, byArea: true,
    name: { zh: '合规检查通过率', en: 'Compliance pass rate' },
    formula: { zh: '期内完成的合规检查（特种设备作业人员资质核查）中全部人员持证合格的次数 ÷ 完成的检查次数 × 100%', en: 'Compliance checks completed in the period (operator qualification checks of special equipment) where every operator held a valid certificate ÷ checks completed × 100%' },
    defaultTarget: 98,
  },
  fire_equipment_intact_rate: {
    key: 'fire_equipment_intact_rate', group: 'safety', unit: 'percent', higherIsBetter: true, source: 'equipment', byDepartment: true, byArea: true,
    name: { zh: '消防设施完好率', en: 'Fire equipment intact rate' },
    formula: { zh: '期末无未闭环隐患的在用消防设施数 ÷ 在用消防设施总数 × 100%', en: 'Fire equipment in service with no open hazard at the end of the period ÷ fire equipment in service × 100%' },
    defaultTarget: 98,
  },
  open_major_hazards: {
    key: 'open_major_hazards', group: 'safety', unit: 'count', higherIsBetter: false, source: 'hazards', byDepartment: true, byArea: true,
    name: { zh: '未销号重大隐患', en: 'Open major hazards' },
    formula: { zh: '期末仍未闭环销号的重大隐患数', en: 'Major hazards still open at the end of the period' },
    defaultTarget: 0,
  },
  satisfaction: {
    key: 'satisfaction', group: 'collaboration', unit: 'score', higherIsBetter: true, source: 'surveys', byDepartment: true, byArea: false,
    name: { zh: '协同满意度', en: 'Satisfaction' },
    formula: { zh: '期内季度满意度调查全部答卷各题得分（1–5 分）的平均值', en: 'Mean of every answer (1–5) in the quarterly satisfaction surveys that closed in the period' },
    defaultTarget: 4.5,
  },
};

/** num ÷ den as a percentage, or null when there is nothing to divide (an empty period shows "—"). */
export function percent(num: number, den: number): number | null {
  return den > 0 ? (num / den) * 100 : null;
}

/** A mean, or null for no values. */
export function mean(sum: number, count: number): number | null {
  return count > 0 ? sum / count : null;
}

/** How a value is shown: one decimal for rates and hours, two for scores, "—" for no value. */
export function formatKpi(unit: KpiUnit, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  switch (unit) {
    case 'percent':
      return `${value.toFixed(1)}%`;
    case 'hours':
      return `${value.toFixed(1)} h`;
    case 'score':
      return value.toFixed(2);
    case 'count':
      return String(Math.round(value));
  }
}

/** Whether a value meets its target (null: no value or no target). */
export function meetsTarget(key: KpiKey, value: number | null, target: number | null): boolean | null {
  if (value === null || target === null) return null;
  return KPIS[key].higherIsBetter ? value >= target : value <= target;
}

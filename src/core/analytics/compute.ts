/**
 * KPI values from aggregate counts. The server sums rollup rows (and a few live counts) into
 * these shapes; the formulas live here once, next to the definitions in kpis.ts, so the
 * dashboard, the reports and the tests compute the same figure. An empty period gives null
 * (shown as "—"), never a division by zero.
 */
import { KPIS, mean, percent, type KpiKey } from './kpis.js';
import type { Month } from './period.js';

/** Hazards of a reporting cohort (analytics_hazard_monthly summed). */
export interface HazardCounts {
  reported: number;
  closed: number;
  closedWithDeadline: number;
  closedOnTime: number;
  firstPass: number;
  openMajor: number;
}

/** Collaboration tasks of a dispatch cohort (analytics_task_monthly summed). */
export interface TaskCounts {
  tasks: number;
  cancelled: number;
  responded: number;
  responseMinutes: number;
  done: number;
  firstPass: number;
  exceptions: number;
}

/** Everything the KPIs of one period (or one month) are computed from. */
export interface KpiInputs {
  hazards: HazardCounts;
  tasks: TaskCounts;
  /** Flow actions (timeline entries other than comments) and those with no person acting. */
  actions: { actions: number; automated: number };
  /** Confirmed qualification checks and those where every operator was qualified. */
  compliance: { checks: number; passed: number };
  /** Fire equipment in service at the period end, and those with no open hazard then. */
  fire: { total: number; intact: number };
  /** Survey answers (1–5): their sum and how many. */
  satisfaction: { sum: number; count: number };
  /**
   * Open major hazards to show for the period: the live count "now" for the KPI card; for a
   * month of a trend, the cohort's (reported that month, still open). null: take hazards.openMajor.
   */
  openMajor: number | null;
}

export interface KpiFigure {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export const emptyHazards = (): HazardCounts => ({ reported: 0, closed: 0, closedWithDeadline: 0, closedOnTime: 0, firstPass: 0, openMajor: 0 });
export const emptyTasks = (): TaskCounts => ({ tasks: 0, cancelled: 0, responded: 0, responseMinutes: 0, done: 0, firstPass: 0, exceptions: 0 });

export function emptyInputs(): KpiInputs {
  return {
    hazards: emptyHazards(),
    tasks: emptyTasks(),
    actions: { actions: 0, automated: 0 },
    compliance: { checks: 0, passed: 0 },
    fire: { total: 0, intact: 0 },
    satisfaction: { sum: 0, count: 0 },
    openMajor: null,
  };
}

/** Field-by-field sum of two count records of the same shape. */
export function addCounts<T extends object>(a: T, b: Partial<T>): T {
  const out = { ...a } as Record<string, number>;
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + Number(v ?? 0);
  return out as T;
}

const ratio = (num: number, den: number): KpiFigure => ({ value: percent(num, den), numerator: num, denominator: den });

/** One KPI's value with the counts behind it. The accident rate has no source: always null. */
export function kpiFigure(key: KpiKey, i: KpiInputs): KpiFigure {
  switch (key) {
    case 'rectification_rate':
      return ratio(i.hazards.closed, i.hazards.reported);
    case 'on_time_rate':
      return ratio(i.hazards.closedOnTime, i.hazards.closedWithDeadline);
    case 'response_hours': {
      const hours = i.tasks.responseMinutes / 60;
      return { value: mean(hours, i.tasks.responded), numerator: i.tasks.responded ? hours : null, denominator: i.tasks.responded };
    }
    case 'first_pass_rate':
      return ratio(i.tasks.firstPass, i.tasks.done);
    case 'automation_rate':
      return ratio(i.actions.automated, i.actions.actions);
    case 'exception_rate': {
      // cancelled tasks are out of the rate (the rollup counts exceptions of live tasks only); the cap only guards odd input
      const live = Math.max(0, i.tasks.tasks - i.tasks.cancelled);
      return ratio(Math.min(i.tasks.exceptions, live), live);
    }
    case 'accident_rate':
      return { value: null, numerator: null, denominator: null };
    case 'compliance_pass_rate':
      return ratio(i.compliance.passed, i.compliance.checks);
    case 'fire_equipment_intact_rate':
      return ratio(i.fire.intact, i.fire.total);
    case 'open_major_hazards': {
      const n = i.openMajor ?? i.hazards.openMajor;
      return { value: n, numerator: n, denominator: null };
    }
    case 'satisfaction':
      return { value: mean(i.satisfaction.sum, i.satisfaction.count), numerator: i.satisfaction.count ? i.satisfaction.sum : null, denominator: i.satisfaction.count };
  }
}

/** Whether the system keeps the records a KPI needs. */
export const kpiAvailable = (key: KpiKey): boolean => KPIS[key].source !== 'unavailable';

/**
 * false when a filter was given that this KPI cannot apply (company-wide figures, or figures
 * without an area): the value is then the unfiltered one and the dashboard says so.
 */
export function kpiFiltered(key: KpiKey, f: { departmentId?: string | null; areaId?: string | null }): boolean {
  const d = KPIS[key];
  if (f.departmentId && !d.byDepartment) return false;
  if (f.areaId && !d.byArea) return false;
  return true;
}

/**
 * A monthly series and the previous period's, aligned by position: month i of the period is
 * compared with month i of the previous period of equal length.
 */
export function trendValues(key: KpiKey, months: Month[], previousMonths: Month[], inputsOf: (m: Month) => KpiInputs) {
  const at = (m: Month) => (kpiAvailable(key) ? kpiFigure(key, inputsOf(m)).value : null);
  return {
    values: months.map(at),
    previous: months.map((_, i) => (previousMonths[i] ? at(previousMonths[i]) : null)),
  };
}

/**
 * Density class of a count against the largest one: 0 for none, else the quarter of the maximum
 * it falls in (1–4), as the site plan colours its areas.
 */
export function densityLevel(n: number, max: number): 0 | 1 | 2 | 3 | 4 {
  if (!(n > 0) || !(max > 0)) return 0;
  return Math.min(4, Math.max(1, Math.ceil((4 * n) / max))) as 1 | 2 | 3 | 4;
}

/**
 * Whether a target or reference value fits the KPI's unit: percent 0–100, hours and counts
 * ≥ 0, scores 1–5. Returns a message, or null when it is fine.
 */
export function targetProblem(unit: 'percent' | 'hours' | 'count' | 'score', v: number): string | null {
  if (!Number.isFinite(v)) return 'must be a number';
  switch (unit) {
    case 'percent':
      return v >= 0 && v <= 100 ? null : 'a percentage between 0 and 100';
    case 'hours':
      return v >= 0 ? null : 'hours, 0 or more';
    case 'count':
      return v >= 0 && Number.isInteger(v) ? null : 'a whole number, 0 or more';
    case 'score':
      return v >= 1 && v <= 5 ? null : 'a score between 1 and 5';
  }
}


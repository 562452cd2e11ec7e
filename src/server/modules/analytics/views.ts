/**
 * What the analytics API returns (C14). The web (src/web/modules/analytics/types.ts) and the
 * reports module read exactly these shapes. KPI names and formulas are not repeated here: they
 * come from src/core/analytics/kpis.ts by key.
 */
import type { KpiKey, KpiUnit, Month } from '../../../core/analytics/index.js';

/** Query of every dashboard view: an inclusive month range (UTC+8) and optional filters. */
export interface DashboardQuery {
  from: Month;
  to: Month;
  departmentId?: string;
  areaId?: string;
}

/** Where a number leads: a web route and its query string (e.g. the hazard list, filtered). */
export interface DrillLink {
  path: string;
  query: Record<string, string>;
}

export interface KpiValueView {
  key: KpiKey;
  unit: KpiUnit;
  /** null: nothing to compute from in this period ("—"); see `available` for a missing source. */
  value: number | null;
  /** The same figure over the previous period of equal length. */
  previous: number | null;
  numerator: number | null;
  denominator: number | null;
  target: number | null;
  benchmark: number | null;
  /** false: the system does not keep the records this KPI needs yet (shown as "—" with the reason). */
  available: boolean;
  /** false when a filter (department/area) does not apply to this KPI and was ignored. */
  filtered: boolean;
  drill: DrillLink | null;
}

export interface TrendSeriesView {
  key: KpiKey;
  /** One value per month of `months`, null for an empty month. */
  values: (number | null)[];
  /** The previous period's values, aligned to the same positions. */
  previous: (number | null)[];
  target: number | null;
}

export interface DepartmentKpiRow {
  departmentId: string;
  departmentName: string;
  reported: number;
  closed: number;
  rectificationRate: number | null;
  onTimeRate: number | null;
  responseHours: number | null;
  firstPassRate: number | null;
  exceptionRate: number | null;
  openMajor: number;
  /** Hazard list of this department in the period. */
  drill: DrillLink;
}

export interface HeatmapView {
  months: Month[];
  areas: { id: string | null; name: string }[];
  /** [monthIndex, areaIndex, hazards reported] — only non-zero cells. */
  cells: [number, number, number][];
  max: number;
}

export interface OverviewView {
  query: DashboardQuery;
  months: Month[];
  previous: { from: Month; to: Month };
  /** Departments the caller may pick (view_department: only their own). */
  scope: { allDepartments: boolean; departments: { id: string; name: string }[] };
  kpis: KpiValueView[];
  trends: { months: Month[]; previousMonths: Month[]; series: TrendSeriesView[] };
  departments: DepartmentKpiRow[];
  heatmap: HeatmapView;
  /** Hazards reported per month by grade (stacked bars). */
  hazardsByMonth: { month: Month; general: number; major: number; unassessed: number; closed: number }[];
  /** When the rollups were last brought up to date (ISO). */
  refreshedAt: string;
}

/** The site plan with areas coloured by hazard density (hazards per area in the period). */
export interface SitePlanDensityView {
  plan: { fileId: string; url: string; width: number; height: number } | null;
  areas: { id: string; name: string; polygon: [number, number][] | null; hazards: number; open: number; major: number; level: 0 | 1 | 2 | 3 | 4; drill: DrillLink }[];
  max: number;
}

export interface TargetView {
  key: string;
  target: number | null;
  benchmark: number | null;
  note: string;
  version: number;
  updatedAt: string | null;
}

// ——— bottleneck analysis ———

export interface StepStatView {
  step: string;
  name: string;
  /** Steps done in the period (with a duration). */
  count: number;
  medianHours: number | null;
  p90Hours: number | null;
  meanHours: number | null;
  /** Share of the mean cycle time spent in this step, 0–100. */
  share: number | null;
  /** Tasks of this step that went overdue / were sent back, 0–100. */
  overdueRate: number | null;
  reworkRate: number | null;
  isApproval: boolean;
  slowest: boolean;
}

export interface SuggestionView {
  rule: 'delegate_approval' | 'extend_deadline_or_staff' | 'reduce_rework' | 'speed_up_pickup';
  step: string | null;
  departmentId: string | null;
  departmentName: string | null;
  /** Chinese and English text of the suggestion, numbers filled in. */
  text: { zh: string; en: string };
  /** Why: the observed figure against the rule's threshold. */
  evidence: { zh: string; en: string };
  /** Expected saving in hours per case and as a share of the mean cycle, from the data. */
  savingHours: number | null;
  savingShare: number | null;
}

export interface BottleneckFlowView {
  /** null = the hazard loop (隐患闭环). */
  templateId: string | null;
  name: string;
  cases: number;
  completed: number;
  cycle: { medianHours: number | null; p90Hours: number | null; meanHours: number | null };
  /** Admin's reference cycle time (industry benchmark) in hours. */
  benchmarkHours: number | null;
  steps: StepStatView[];
  /** Per department: tasks and overdue share (collaboration flows). */
  departments: { departmentId: string; departmentName: string; tasks: number; overdueRate: number | null; meanHours: number | null }[];
  suggestions: SuggestionView[];
}

export interface BottleneckView {
  query: DashboardQuery;
  flows: BottleneckFlowView[];
  /** Percentiles come from log-scale buckets: within ±9 % of the exact value. */
  resolution: string;
}

// ——— department scores ———

export interface DepartmentScoreView {
  departmentId: string;
  departmentName: string;
  rank: number;
  /** 0–100 each, null when the department had nothing to measure. */
  timeliness: number | null;
  completeness: number | null;
  participation: number | null;
  score: number | null;
  previousScore: number | null;
  /** The counts behind the sub-scores. */
  basis: { tasks: number; onTime: number; done: number; firstPass: number; responded: number; hazardsReported: number; hazardsClosed: number; hazardsOnTime: number };
}

export interface ScoresView {
  query: DashboardQuery;
  weights: { timeliness: number; completeness: number; participation: number };
  departments: DepartmentScoreView[];
}

/**
 * Shapes of /api/v1/analytics/* (C14). The server's views are the single definition: they are
 * imported as types only (erased from the bundle), so the web cannot drift from what it is sent.
 * KPI names, formulas and units come from core by key.
 */
export type {
  BottleneckFlowView,
  BottleneckView,
  DashboardQuery,
  DepartmentKpiRow,
  DepartmentScoreView,
  DrillLink,
  HeatmapView,
  KpiValueView,
  OverviewView,
  ScoresView,
  SitePlanDensityView,
  StepStatView,
  SuggestionView,
  TargetView,
  TrendSeriesView,
} from '../../../server/modules/analytics/views';
export { KPIS, KPI_KEYS, formatKpi, meetsTarget, type KpiDefinition, type KpiGroup, type KpiKey, type KpiUnit } from '../../../core/analytics/kpis';
export { addMonths, monthEnd, monthOf, monthStart, monthsBetween, quarterOf, quarterRange, type Month } from '../../../core/analytics/period';

export interface TargetBody {
  target: number | null;
  benchmark: number | null;
  note: string;
  version: number;
}

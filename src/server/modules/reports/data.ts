import {
  KPI_KEYS, KPIS, addMonths, formatKpi, meetsTarget, monthsBetween, quarterRange, type KpiKey, type KpiUnit, type Month, type MonthRange,
} from '../../../core/analytics/index.js';
import type { BottleneckView, DepartmentKpiRow, DepartmentScoreView, OverviewView, ScoresView } from '../analytics/views.js';

export type ReportKind = 'monthly' | 'quarterly';
export type ReportFormat = 'pdf' | 'xlsx';

/** One evaluation period: a month ('2026-11') or a quarter ('2026-Q4'). */
export interface ReportPeriod {
  kind: ReportKind;
  period: string;
  range: MonthRange;
  /** 2026年11月 / 2026年第四季度 */
  label: string;
}

const QUARTER_ZH = ['一', '二', '三', '四'];

export function reportPeriod(kind: ReportKind, period: string): ReportPeriod {
  if (kind === 'monthly') {
    const [y, m] = period.split('-');
    return { kind, period, range: { from: period, to: period }, label: `${y}年${Number(m)}月` };
  }
  const range = quarterRange(period);
  const [y, q] = period.split('-Q');
  return { kind, period, range, label: `${y}年第${QUARTER_ZH[Number(q) - 1]}季度` };
}

export interface ReportKpiRow {
  key: KpiKey;
  unit: KpiUnit;
  name: string;
  formula: string;
  available: boolean;
  value: number | null;
  previous: number | null;
  target: number | null;
  met: boolean | null;
  higherIsBetter: boolean;
}

export interface ReportBottleneck {
  flow: string;
  cases: number;
  cycleMedianHours: number | null;
  slowest: { name: string; medianHours: number | null; p90Hours: number | null; share: number | null } | null;
  suggestions: string[];
}

/**
 * Everything a report shows, already computed: the renderers (pdf.ts, xlsx.ts) are pure functions
 * of it. Sections that do not apply to the report's scope are null (a department report carries no
 * comparison of departments, no bottlenecks of the whole company and no ranking).
 */
export interface ReportData {
  company: string;
  period: ReportPeriod;
  /** 全公司 or the department's name. */
  scope: { departmentId: string | null; name: string };
  generatedAt: Date;
  kpis: ReportKpiRow[];
  /** The last six months up to the period's end: rectification rate against its target, hazards by grade. */
  trend: {
    months: Month[];
    rectification: (number | null)[];
    rectificationTarget: number | null;
    hazards: { general: number; major: number; unassessed: number }[];
  };
  departments: DepartmentKpiRow[] | null;
  bottlenecks: ReportBottleneck[] | null;
  ranking: DepartmentScoreView[] | null;
  satisfaction: { score: number | null; answers: number; byMonth: { month: Month; score: number | null; answers: number }[] };
  weakPoints: string[];
}

export interface ReportSources {
  company: string;
  period: ReportPeriod;
  scope: { departmentId: string | null; name: string };
  generatedAt: Date;
  /** The dashboard over the period itself. */
  overview: OverviewView;
  /** The dashboard over the six months up to the period's end (trend charts). */
  history: OverviewView;
  bottlenecks: BottleneckView | null;
  scores: ScoresView | null;
  satisfaction: { sum: number; count: number; byMonth: Record<Month, { sum: number; count: number }> };
}

/** The six months a report's trend charts cover. */
export function historyRange(p: ReportPeriod): MonthRange {
  return { from: addMonths(p.range.to, -5), to: p.range.to };
}

/** A change between two values as shown in the tables: "+2.5 个百分点", "-1.2 h", "—". */
export function changeText(unit: KpiUnit, value: number | null, previous: number | null): string {
  if (value === null || previous === null) return '—';
  const d = value - previous;
  const sign = d > 0 ? '+' : d < 0 ? '-' : '±';
  const abs = Math.abs(d);
  switch (unit) {
    case 'percent':
      return `${sign}${abs.toFixed(1)} 个百分点`;
    case 'hours':
      return `${sign}${abs.toFixed(1)} h`;
    case 'score':
      return `${sign}${abs.toFixed(2)}`;
    case 'count':
      return `${sign}${Math.round(abs)}`;
  }
}

export function metText(met: boolean | null): string {
  return met === null ? '—' : met ? '达标' : '未达标';
}

/** Assemble the report from the analytics views (pure: no database, no clock). */
export function buildReportData(s: ReportSources): ReportData {
  const byKey = new Map(s.overview.kpis.map((k) => [k.key, k]));
  const kpis: ReportKpiRow[] = KPI_KEYS.map((key) => {
    const def = KPIS[key];
    const v = byKey.get(key);
    const value = v?.value ?? null;
    const target = v ? v.target : def.defaultTarget;
    return {
      key,
      unit: def.unit,
      name: def.name.zh,
      formula: def.formula.zh,
      available: v?.available ?? def.source !== 'unavailable',
      value,
      previous: v?.previous ?? null,
      target,
      met: meetsTarget(key, value, target),
      higherIsBetter: def.higherIsBetter,
    };
  });

  const months = monthsBetween(historyRange(s.period).from, historyRange(s.period).to);
  const series = s.history.trends.series.find((x) => x.key === 'rectification_rate');
  const rectification = months.map((m) => {
    const i = s.history.trends.months.indexOf(m);
    return i >= 0 && series ? (series.values[i] ?? null) : null;
  });
  const hazards = months.map((m) => {
    const row = s.history.hazardsByMonth.find((h) => h.month === m);
    return { general: row?.general ?? 0, major: row?.major ?? 0, unassessed: row?.unassessed ?? 0 };
  });

  const company = s.scope.departmentId === null;
  const bottlenecks = company && s.bottlenecks ? s.bottlenecks.flows.map(bottleneckOf) : null;
  const ranking = company && s.scores ? [...s.scores.departments].sort((a, b) => a.rank - b.rank) : null;
  const departments = company ? s.overview.departments : null;

  const satisfaction = {
    score: s.satisfaction.count > 0 ? s.satisfaction.sum / s.satisfaction.count : null,
    answers: s.satisfaction.count,
    byMonth: monthsBetween(s.period.range.from, s.period.range.to).map((month) => {
      const t = s.satisfaction.byMonth[month];
      return { month, score: t && t.count > 0 ? t.sum / t.count : null, answers: t?.count ?? 0 };
    }),
  };

  return {
    company: s.company,
    period: s.period,
    scope: s.scope,
    generatedAt: s.generatedAt,
    kpis,
    trend: { months, rectification, rectificationTarget: series ? series.target : (byKey.get('rectification_rate')?.target ?? null), hazards },
    departments,
    bottlenecks,
    ranking,
    satisfaction,
    weakPoints: weakPoints(kpis, s.overview.departments, bottlenecks),
  };
}

function bottleneckOf(f: BottleneckView['flows'][number]): ReportBottleneck {
  const slow = f.steps.find((st) => st.slowest) ?? null;
  return {
    flow: f.name,
    cases: f.cases,
    cycleMedianHours: f.cycle.medianHours,
    slowest: slow ? { name: slow.name, medianHours: slow.medianHours, p90Hours: slow.p90Hours, share: slow.share } : null,
    suggestions: f.suggestions.map((x) => x.text.zh),
  };
}

/** 薄弱环节 in plain sentences: every KPI below its target, and the slowest department to respond. */
export function weakPoints(kpis: ReportKpiRow[], departments: DepartmentKpiRow[], bottlenecks: ReportBottleneck[] | null): string[] {
  const out: string[] = [];
  for (const k of kpis) {
    if (k.met !== false) continue;
    const relation = k.higherIsBetter ? '低于' : '高于';
    out.push(`${k.name}为 ${formatKpi(k.unit, k.value)}，${relation}目标值 ${formatKpi(k.unit, k.target)}。`);
  }
  const slowest = departments
    .filter((d) => d.responseHours !== null)
    .sort((a, b) => (b.responseHours ?? 0) - (a.responseHours ?? 0))[0];
  if (slowest && departments.filter((d) => d.responseHours !== null).length > 1) {
    out.push(`${slowest.departmentName}的跨部门任务平均响应时间最长，为 ${formatKpi('hours', slowest.responseHours)}。`);
  }
  for (const b of bottlenecks ?? []) {
    if (b.slowest?.share != null && b.slowest.share >= 40) {
      out.push(`「${b.flow}」中「${b.slowest.name}」环节耗时占整个流程的 ${b.slowest.share.toFixed(0)}%，是主要瓶颈。`);
    }
  }
  if (!out.length) {
    out.push(kpis.some((k) => k.met !== null) ? '本期各项指标均达到目标值，未发现明显薄弱环节。' : '本期没有足够的数据评估各项指标，暂无法判断薄弱环节。');
  }
  return out;
}

/** A report with no figures at all (warming up the renderer; a tenant with no history looks like it). */
export function emptyReport(): ReportData {
  const period = reportPeriod('monthly', '2026-01');
  const none = { query: { from: period.range.from, to: period.range.to }, months: [], previous: period.range, scope: { allDepartments: true, departments: [] },
    kpis: [], trends: { months: [], previousMonths: [], series: [] }, departments: [], heatmap: { months: [], areas: [], cells: [], max: 0 }, hazardsByMonth: [], refreshedAt: '' };
  return buildReportData({
    company: '智安', period, scope: { departmentId: null, name: '全公司' }, generatedAt: new Date(0), overview: none, history: none,
    bottlenecks: { query: none.query, flows: [], resolution: '' }, scores: { query: none.query, weights: { timeliness: 0, completeness: 0, participation: 0 }, departments: [] },
    satisfaction: { sum: 0, count: 0, byMonth: {} },
  });
}

import { KPI_KEYS, KPIS } from '../../../core/analytics/index.js';
import type { OverviewView } from '../analytics/views.js';
import { buildReportData, reportPeriod, type ReportData, type ReportKind } from './data.js';

const DEPTS = ['安全环保部', '生产一车间', '生产二车间', '设备动力部', '仓储物流部', '综合办公室'];

/** A hand-built report (the renderers' tests): full figures, or every value empty ("—"). */
export function sampleReport(kind: ReportKind = 'monthly', empty = false): ReportData {
  const period = reportPeriod(kind, kind === 'monthly' ? '2026-11' : '2026-Q4');
  const months = ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];
  const value = (i: number, base: number) => (empty ? null : base + ((i * 7) % 11));
  const overview = {
    query: { from: period.range.from, to: period.range.to },
    months: [],
    previous: { from: '2026-10', to: '2026-10' },
    scope: { allDepartments: true, departments: [] },
    kpis: KPI_KEYS.map((key, i) => ({
      key, unit: KPIS[key].unit,
      value: KPIS[key].source === 'unavailable' ? null : KPIS[key].unit === 'score' ? (empty ? null : 4.2) : KPIS[key].unit === 'count' ? (empty ? null : 2) : value(i, 80),
      previous: KPIS[key].unit === 'percent' ? value(i + 3, 78) : null,
      numerator: null, denominator: null, target: KPIS[key].defaultTarget, benchmark: null,
      available: KPIS[key].source !== 'unavailable', filtered: false, drill: null,
    })),
    trends: { months, previousMonths: [], series: [{ key: 'rectification_rate', values: months.map((_, i) => value(i, 85)), previous: [], target: 95 }] },
    departments: DEPTS.map((name, i) => ({
      departmentId: `d${i}`, departmentName: name, reported: empty ? 0 : 10 + i, closed: empty ? 0 : 8 + i,
      rectificationRate: value(i, 80), onTimeRate: value(i + 1, 75), responseHours: empty ? null : 4 + i * 3.5,
      firstPassRate: value(i + 2, 85), exceptionRate: empty ? null : 5 + i, openMajor: i % 3 === 0 ? 1 : 0,
      drill: { path: '/hazards', query: {} },
    })),
    heatmap: { months: [], areas: [], cells: [], max: 0 },
    hazardsByMonth: months.map((month, i) => ({ month, general: empty ? 0 : 20 + i * 3, major: empty ? 0 : i % 3, unassessed: empty ? 0 : 2, closed: 0 })),
    refreshedAt: '2026-12-01T00:00:00.000Z',
  } as unknown as OverviewView;
  return buildReportData({
    company: '华安化工股份有限公司',
    period,
    scope: { departmentId: null, name: '全公司' },
    generatedAt: new Date('2026-12-01T00:00:00Z'),
    overview,
    history: overview,
    bottlenecks: {
      query: overview.query,
      resolution: '',
      flows: empty ? [] : [{
        templateId: null, name: '隐患闭环', cases: 42, completed: 38,
        cycle: { medianHours: 52, p90Hours: 120, meanHours: 60 }, benchmarkHours: null,
        steps: [{ step: 'approve', name: '整改验收审批', count: 38, medianHours: 26, p90Hours: 70, meanHours: 30, share: 48, overdueRate: 10, reworkRate: 5, isApproval: true, slowest: true }],
        departments: [],
        suggestions: [{ rule: 'delegate_approval', step: 'approve', departmentId: null, departmentName: null,
          text: { zh: '审批环节占整个周期的 48%，建议将一般隐患的验收审批授权给现场主管，预计每件节省约 13.0 小时。', en: '' },
          evidence: { zh: '审批占比 48% ≥ 40%', en: '' }, savingHours: 13, savingShare: 22 }],
      }],
    },
    scores: {
      query: overview.query,
      weights: { timeliness: 0.4, completeness: 0.4, participation: 0.2 },
      departments: DEPTS.map((name, i) => ({
        departmentId: `d${i}`, departmentName: name, rank: i + 1,
        timeliness: empty ? null : 95 - i * 4, completeness: empty ? null : 90 - i * 3, participation: empty ? null : 88 - i * 5,
        score: empty ? null : 92 - i * 4, previousScore: empty ? null : 90 - i * 3,
        basis: { tasks: 0, onTime: 0, done: 0, firstPass: 0, responded: 0, hazardsReported: 0, hazardsClosed: 0, hazardsOnTime: 0 },
      })),
    },
    satisfaction: empty ? { sum: 0, count: 0, byMonth: {} } : { sum: 420, count: 100, byMonth: { '2026-11': { sum: 420, count: 100 } } },
  });
}

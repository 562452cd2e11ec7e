import {
  CST_OFFSET_MS, KPIS, KPI_KEYS, addCounts, addMonths, densityLevel, emptyInputs, kpiAvailable, kpiFigure, kpiFiltered, monthEnd, monthOf,
  monthStart, monthsBetween, previousRange, trendValues, type KpiInputs, type KpiKey, type Month, type MonthRange,
} from '../../../core/analytics/index.js';
import { can, type Actor } from '../../platform/access.js';
import type { Platform } from '../../platform/platform.js';
import type { Work } from '../../platform/work.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { fileUrls } from '../../platform/files/routes.js';
import { satisfactionTotals } from '../surveys/satisfaction.js';
import { AnalyticsStore, type Filters, type HazardRollupRow, type TargetRow } from './store.js';
import { presentTarget, targetInputProblems, targetList, targetOf, type TargetInput } from './targets.js';
import type { DashboardQuery, DepartmentKpiRow, DrillLink, HeatmapView, KpiValueView, OverviewView, SitePlanDensityView, TargetView } from './views.js';

/** The longest range a dashboard answers for (three years: the previous period doubles it). */
export const MAX_MONTHS = 36;
const DEFAULT_MONTHS = 6;
const OPEN_STATUSES = 'reported,assessed,rectifying,verifying';
const NO_AREA = '未指定区域';

export interface QueryInput {
  from?: Month;
  to?: Month;
  departmentId?: string;
  areaId?: string;
}

interface Scope {
  all: boolean;
  departmentId: string | null;
}

/**
 * Who sees what: analytics.view_all sees every department and may filter by one;
 * analytics.view_department sees its own department only (forced, 403 for another).
 */
export function dashboardScope(actor: Actor, departmentId?: string | null): Scope {
  if (can(actor, 'analytics.view_all')) return { all: true, departmentId: departmentId ?? null };
  if (can(actor, 'analytics.view_department') && actor.departmentId) {
    if (departmentId && departmentId !== actor.departmentId) throw new ForbiddenError('only the dashboard of your own department');
    return { all: false, departmentId: actor.departmentId };
  }
  throw new ForbiddenError('missing permission analytics.view_all or analytics.view_department');
}

/** The month range asked for; default: the last six months including the current one. */
export function resolveRange(q: { from?: Month; to?: Month }, now: Date): MonthRange {
  const to = q.to ?? monthOf(now);
  const from = q.from ?? addMonths(to, -(DEFAULT_MONTHS - 1));
  if (to < from) throw new ValidationError('the range ends before it starts', [{ path: 'querystring.to', message: 'must not be before from' }]);
  if (monthsBetween(from, to).length > MAX_MONTHS) {
    throw new ValidationError('the range is too long', [{ path: 'querystring.from', message: `at most ${MAX_MONTHS} months` }]);
  }
  return { from, to };
}

/** The hazard list's date filter: ISO instants of the period's first moment and last millisecond. */
function periodQuery(r: MonthRange): { from: string; to: string } {
  return { from: monthStart(r.from).toISOString(), to: new Date(monthEnd(r.to).getTime() - 1).toISOString() };
}

/** The case list's date filter: calendar days (UTC+8) of the period's first and last day, both included. */
function periodDays(r: MonthRange): { from: string; to: string } {
  const lastDay = new Date(monthEnd(r.to).getTime() + CST_OFFSET_MS - 86_400_000).toISOString().slice(0, 10);
  return { from: `${r.from}-01`, to: lastDay };
}

const clean = (q: Record<string, string | null | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(q).filter((e): e is [string, string] => !!e[1]));

function hazardCountsOf(rows: HazardRollupRow[]) {
  let h = emptyInputs().hazards;
  for (const r of rows) {
    h = addCounts(h, {
      reported: r.reported, closed: r.closed, closedWithDeadline: r.closed_with_deadline, closedOnTime: r.closed_on_time,
      firstPass: r.first_pass, openMajor: r.open_major,
    });
  }
  return h;
}

/** Fire equipment with no open hazard at an instant: total minus the pieces with one. */
/** The KPI dashboard: overview, site plan density, targets. */
export class AnalyticsService {
  readonly store = new AnalyticsStore();
  constructor(readonly p: Platform) {}

  async overview(actor: Actor, q: QueryInput | DashboardQuery): Promise<OverviewView> {
    const scope = dashboardScope(actor, q.departmentId);
    const range = resolveRange(q, this.p.clock.now());
    return this.p.read(actor, async (w) => {
      const refreshedAt = this.p.clock.now().toISOString();
      const f: Filters = { departmentId: scope.departmentId, areaId: q.areaId ?? null };
      await this.checkFilters(w, f);
      return { ...(await this.buildOverview(w, scope, range, f)), refreshedAt };
    });
  }

  private async checkFilters(w: Work, f: Filters) {
    if (f.departmentId && !(await this.store.department(w.tx, f.departmentId))) throw new NotFoundError('department', f.departmentId);
    if (f.areaId && !(await this.store.area(w.tx, f.areaId))) throw new NotFoundError('area', f.areaId);
  }

  private async buildOverview(w: Work, scope: Scope, range: MonthRange, f: Filters): Promise<Omit<OverviewView, 'refreshedAt'>> {
    const tx = w.tx;
    const prev = previousRange(range);
    const months = monthsBetween(range.from, range.to);
    const previousMonths = monthsBetween(prev.from, prev.to);
    const span = { from: prev.from, to: range.to };
    // one connection per transaction: the queries run one after another anyway
    const hazardRows = await this.store.hazardRollup(tx, span, f);
    const taskRows = await this.store.taskRollup(tx, span, f);
    const actionRows = await this.store.actionRollup(tx, span);
    const compliance = await this.store.complianceByMonth(tx, monthStart(span.from), monthEnd(span.to), f);
    const fireIds = await this.store.fireEquipment(tx, f);
    const openMajor = await this.store.openMajorNow(tx, monthEnd(range.to), f);
    const satisfaction = await satisfactionTotals(tx, w.tenantId, span, f.departmentId);
    const targetRows = await this.store.targets(tx);
    const allDepartments = await this.store.departments(tx);
    const areas = await this.store.areas(tx);
    const fireBroken = await this.store.fireBrokenAt(tx, fireIds.map((e) => e.id), [...previousMonths, ...months].map((m) => monthEnd(m)));

    // KPI inputs of every month of both periods, then of each period
    const monthly = new Map<Month, KpiInputs>();
    for (const m of [...previousMonths, ...months]) {
      const i = emptyInputs();
      i.hazards = hazardCountsOf(hazardRows.filter((r) => r.month === m));
      for (const t of taskRows.filter((r) => r.month === m)) {
        i.tasks = addCounts(i.tasks, {
          tasks: t.tasks, cancelled: t.cancelled, responded: t.responded, responseMinutes: t.response_minutes, done: t.done,
          firstPass: t.first_pass, exceptions: t.exceptions,
        });
      }
      const a = actionRows.find((r) => r.month === m);
      if (a) i.actions = { actions: a.actions, automated: a.automated };
      const c = compliance.find((r) => r.month === m);
      if (c) i.compliance = { checks: c.checks, passed: c.passed };
      i.fire = { total: fireIds.length, intact: fireIds.length - (fireBroken.get(monthEnd(m).getTime()) ?? 0) };
      i.satisfaction = satisfaction.byMonth[m] ?? { sum: 0, count: 0 };
      monthly.set(m, i);
    }
    const periodInputs = (ms: Month[], end: Month, live: number | null): KpiInputs => {
      const out = emptyInputs();
      for (const m of ms) {
        const i = monthly.get(m)!;
        out.hazards = addCounts(out.hazards, i.hazards);
        out.tasks = addCounts(out.tasks, i.tasks);
        out.actions = addCounts(out.actions, i.actions);
        out.compliance = addCounts(out.compliance, i.compliance);
        out.satisfaction = addCounts(out.satisfaction, i.satisfaction);
      }
      out.fire = monthly.get(end)!.fire; // a state at the period's end, not a sum
      out.openMajor = live;
      return out;
    };
    const openMajorTotal = [...openMajor.values()].reduce((s, v) => s + v, 0);
    const current = periodInputs(months, range.to, openMajorTotal);
    const before = periodInputs(previousMonths, prev.to, null);

    const targets = new Map<string, TargetRow>(targetRows.map((t) => [t.key, t]));
    const pq = periodQuery(range);
    const drill = this.drillLinks(f, pq, periodDays(range));
    const kpis: KpiValueView[] = KPI_KEYS.map((key) => {
      const available = kpiAvailable(key);
      const now = kpiFigure(key, current);
      return {
        key,
        unit: KPIS[key].unit,
        value: available ? now.value : null,
        // open majors are a live count "now"; there is no earlier snapshot to compare with
        previous: available && key !== 'open_major_hazards' ? kpiFigure(key, before).value : null,
        numerator: available ? now.numerator : null,
        denominator: available ? now.denominator : null,
        ...targetOf(targets, key),
        available,
        filtered: kpiFiltered(key, f),
        drill: drill[key],
      };
    });

    const series = KPI_KEYS.map((key) => ({ key, ...trendValues(key, months, previousMonths, (m) => monthly.get(m)!), target: targetOf(targets, key).target }));

    const visibleDepartments = scope.all ? allDepartments : allDepartments.filter((d) => d.id === scope.departmentId);
    const departments: DepartmentKpiRow[] = visibleDepartments
      .filter((d) => !f.departmentId || d.id === f.departmentId)
      .map((d) => {
        const i = emptyInputs();
        i.hazards = hazardCountsOf(hazardRows.filter((r) => r.department_id === d.id && months.includes(r.month)));
        for (const t of taskRows.filter((r) => r.department_id === d.id && months.includes(r.month))) {
          i.tasks = addCounts(i.tasks, {
            tasks: t.tasks, cancelled: t.cancelled, responded: t.responded, responseMinutes: t.response_minutes, done: t.done,
            firstPass: t.first_pass, exceptions: t.exceptions,
          });
        }
        return {
          departmentId: d.id,
          departmentName: d.name,
          reported: i.hazards.reported,
          closed: i.hazards.closed,
          rectificationRate: kpiFigure('rectification_rate', i).value,
          onTimeRate: kpiFigure('on_time_rate', i).value,
          responseHours: kpiFigure('response_hours', i).value,
          firstPassRate: kpiFigure('first_pass_rate', i).value,
          exceptionRate: kpiFigure('exception_rate', i).value,
          openMajor: openMajor.get(d.id) ?? 0,
          drill: { path: '/hazards', query: clean({ departmentId: d.id, areaId: f.areaId, ...pq }) },
        };
      });

    return {
      query: clean({ from: range.from, to: range.to, departmentId: f.departmentId, areaId: f.areaId }) as unknown as DashboardQuery,
      months,
      previous: prev,
      scope: { allDepartments: scope.all, departments: visibleDepartments.map((d) => ({ id: d.id, name: d.name })) },
      kpis,
      trends: { months, previousMonths, series },
      departments,
      heatmap: heatmapOf(months, hazardRows, areas, f.areaId ?? null),
      hazardsByMonth: months.map((m) => {
        const rows = hazardRows.filter((r) => r.month === m);
        const sum = (pick: (r: HazardRollupRow) => boolean) => rows.filter(pick).reduce((s, r) => s + r.reported, 0);
        return {
          month: m,
          general: sum((r) => r.grade === 'general'),
          major: sum((r) => r.grade === 'major'),
          unassessed: sum((r) => r.grade === null),
          closed: rows.reduce((s, r) => s + r.closed, 0),
        };
      }),
    };
  }

  /** Where each KPI's number leads: the records behind it, with the same filters. */
  private drillLinks(f: Filters, pq: { from: string; to: string }, days: { from: string; to: string }): Record<KpiKey, DrillLink | null> {
    const hazards = (extra: Record<string, string | undefined> = {}): DrillLink => ({
      path: '/hazards',
      query: clean({ departmentId: f.departmentId, areaId: f.areaId, ...pq, ...extra }),
    });
    const cases = (byDepartment: boolean): DrillLink => ({
      path: '/flows/instances',
      query: clean({ ...days, departmentId: byDepartment ? f.departmentId : null }),
    });
    return {
      rectification_rate: hazards(),
      on_time_rate: hazards({ status: 'closed' }),
      response_hours: cases(true),
      first_pass_rate: cases(true),
      automation_rate: cases(false),
      exception_rate: cases(true),
      accident_rate: null,
      compliance_pass_rate: { path: '/qualifications', query: { status: 'confirmed' } },
      // the open hazards of the place; the list has no equipment-kind filter
      fire_equipment_intact_rate: { path: '/hazards', query: clean({ departmentId: f.departmentId, areaId: f.areaId, status: OPEN_STATUSES }) },
      open_major_hazards: { path: '/hazards', query: clean({ departmentId: f.departmentId, areaId: f.areaId, grade: 'major', status: OPEN_STATUSES, to: pq.to }) },
      satisfaction: { path: '/surveys', query: {} },
    };
  }

  async sitePlan(actor: Actor, q: QueryInput | DashboardQuery): Promise<SitePlanDensityView> {
    const scope = dashboardScope(actor, q.departmentId);
    const range = resolveRange(q, this.p.clock.now());
    return this.p.read(actor, async (w) => {
      const f: Filters = { departmentId: scope.departmentId };
      await this.checkFilters(w, f);
      const plan = await this.store.sitePlan(w.tx);
      const areas = await this.store.areas(w.tx);
      const rows = await this.store.hazardRollup(w.tx, range, f);
      const pq = periodQuery(range);
      const counted = areas.map((a) => {
        const mine = rows.filter((r) => r.area_id === a.id);
        const hazards = mine.reduce((s, r) => s + r.reported, 0);
        return {
          id: a.id,
          name: a.name,
          polygon: a.polygon,
          hazards,
          open: hazards - mine.reduce((s, r) => s + r.closed, 0),
          major: mine.filter((r) => r.grade === 'major').reduce((s, r) => s + r.reported, 0),
          drill: { path: '/hazards', query: clean({ areaId: a.id, departmentId: f.departmentId, ...pq }) },
        };
      });
      const max = Math.max(0, ...counted.map((a) => a.hazards));
      return {
        plan: plan ? { fileId: plan.file_id, url: fileUrls(plan.file_id, false).url, width: plan.width, height: plan.height } : null,
        areas: counted.map((a) => ({ ...a, level: densityLevel(a.hazards, max) })),
        max,
      };
    });
  }

  async targets(actor: Actor): Promise<TargetView[]> {
    dashboardScope(actor);
    return this.p.read(actor, async (w) => targetList(await this.store.targets(w.tx)));
  }

  /**
   * Set a KPI's target and reference value (analytics.manage). Send the version read: 409 when
   * it moved on; a target never stored is created with the version omitted (or 0).
   */
  async setTarget(actor: Actor, key: string, input: TargetInput): Promise<TargetView> {
    if (!can(actor, 'analytics.manage')) throw new ForbiddenError('missing permission analytics.manage');
    const problems = targetInputProblems(key, input);
    if (problems.length) throw new ValidationError('the target cannot be saved', problems);
    return this.p.run(actor, async (w) => {
      const templateId = key.startsWith('flow:') && key !== 'flow:hazard' ? key.slice(5) : null;
      if (templateId && !(await this.store.templateExists(w.tx, templateId))) {
        throw new ValidationError('the target cannot be saved', [{ path: 'params.key', message: 'no process template with this id' }]);
      }
      const before = await this.store.target(w.tx, key);
      const values = { target: input.target, benchmark: input.benchmark, note: input.note ?? before?.note ?? '', userId: actor.userId, now: this.p.clock.now() };
      const stale = () =>
        new ConflictError('the target was changed by someone else; reload it', 'VERSION_CONFLICT', [
          { path: 'body.version', message: `current version is ${before?.version ?? 0}` },
        ]);
      if (!before) {
        if (input.version) throw stale();
        if (!(await this.store.insertTarget(w.tx, { tenantId: w.tenantId, key, ...values }))) throw stale();
      } else if (input.version === undefined || !(await this.store.updateTarget(w.tx, key, input.version, values))) {
        throw stale();
      }
      const after = presentTarget(key, await this.store.target(w.tx, key));
      w.audit({ action: 'analytics.target.set', entityType: 'analytics_target', entityId: key, before: presentTarget(key, before), after });
      return after;
    });
  }
}

/** Hazards reported per area and month; areas in code order, hazards without an area last. */
function heatmapOf(months: Month[], rows: HazardRollupRow[], areas: { id: string; name: string }[], areaId: string | null): HeatmapView {
  const axis: { id: string | null; name: string }[] = areas.filter((a) => !areaId || a.id === areaId).map((a) => ({ id: a.id, name: a.name }));
  const inRange = rows.filter((r) => months.includes(r.month));
  if (!areaId && inRange.some((r) => r.area_id === null && r.reported > 0)) axis.push({ id: null, name: NO_AREA });
  const index = new Map(axis.map((a, i) => [a.id, i]));
  const cells = new Map<string, [number, number, number]>();
  for (const r of inRange) {
    const ai = index.get(r.area_id);
    if (ai === undefined || !r.reported) continue;
    const mi = months.indexOf(r.month);
    const k = `${mi}:${ai}`;
    const c = cells.get(k) ?? [mi, ai, 0];
    c[2] += r.reported;
    cells.set(k, c);
  }
  const list = [...cells.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { months, areas: axis, cells: list, max: Math.max(0, ...list.map((c) => c[2])) };
}

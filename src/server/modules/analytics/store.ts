import { sql } from 'kysely';
import type { Tx } from '../../platform/work.js';
import type { Month } from '../../../core/analytics/index.js';

/** Month range as the rollups store it: first days of the months, both included. */
export interface MonthSpan {
  from: Month;
  to: Month;
}

export interface Filters {
  departmentId?: string | null;
  areaId?: string | null;
}

export interface HazardRollupRow {
  month: Month;
  department_id: string;
  area_id: string | null;
  grade: string | null;
  reported: number;
  closed: number;
  closed_with_deadline: number;
  closed_on_time: number;
  first_pass: number;
  open_major: number;
}

export interface TaskRollupRow {
  month: Month;
  department_id: string;
  tasks: number;
  cancelled: number;
  responded: number;
  response_minutes: number;
  done: number;
  first_pass: number;
  exceptions: number;
}

export interface TargetRow {
  key: string;
  target: number | null;
  benchmark: number | null;
  note: string;
  version: number;
  updated_at: Date;
}

const firstDay = (m: Month) => `${m}-01`;
const n = (v: unknown) => Number(v ?? 0);
const nOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * SQL of the dashboard: rollup tables (grouped small, never the history) and the few live counts
 * that are fast by themselves (the open-major partial index, qualification checks, fire equipment).
 * Row-level security keeps every query inside the caller's tenant.
 */
export class AnalyticsStore {
  /** Hazard cohorts by month, department, area and grade. */
  async hazardRollup(tx: Tx, span: MonthSpan, f: Filters): Promise<HazardRollupRow[]> {
    const r = await sql<HazardRollupRow>`
      SELECT to_char(month, 'YYYY-MM') AS month, department_id, area_id, grade,
             sum(reported)::int AS reported, sum(closed)::int AS closed, sum(closed_with_deadline)::int AS closed_with_deadline,
             sum(closed_on_time)::int AS closed_on_time, sum(first_pass)::int AS first_pass, sum(open_major)::int AS open_major
        FROM analytics_hazard_monthly
       WHERE month >= ${firstDay(span.from)}::date AND month <= ${firstDay(span.to)}::date
         ${f.departmentId ? sql`AND department_id = ${f.departmentId}::uuid` : sql``}
         ${f.areaId ? sql`AND area_id = ${f.areaId}::uuid` : sql``}
       GROUP BY 1, 2, 3, 4`.execute(tx);
    return r.rows.map((x) => ({
      ...x,
      reported: n(x.reported), closed: n(x.closed), closed_with_deadline: n(x.closed_with_deadline),
      closed_on_time: n(x.closed_on_time), first_pass: n(x.first_pass), open_major: n(x.open_major),
    }));
  }

  /** Collaboration task cohorts by month and department. */
  async taskRollup(tx: Tx, span: MonthSpan, f: Filters): Promise<TaskRollupRow[]> {
    const r = await sql<TaskRollupRow>`
      SELECT to_char(month, 'YYYY-MM') AS month, department_id,
             sum(tasks)::int AS tasks, sum(cancelled)::int AS cancelled, sum(responded)::int AS responded,
             sum(response_minutes)::float8 AS response_minutes, sum(done)::int AS done, sum(first_pass)::int AS first_pass,
             sum(exceptions)::int AS exceptions
        FROM analytics_task_monthly
       WHERE month >= ${firstDay(span.from)}::date AND month <= ${firstDay(span.to)}::date
         ${f.departmentId ? sql`AND department_id = ${f.departmentId}::uuid` : sql``}
       GROUP BY 1, 2`.execute(tx);
    return r.rows.map((x) => ({
      ...x,
      tasks: n(x.tasks), cancelled: n(x.cancelled), responded: n(x.responded), response_minutes: n(x.response_minutes),
      done: n(x.done), first_pass: n(x.first_pass), exceptions: n(x.exceptions),
    }));
  }

  /** Flow actions by month (company-wide: an action has no department). */
  async actionRollup(tx: Tx, span: MonthSpan): Promise<{ month: Month; actions: number; automated: number }[]> {
    const r = await sql<{ month: Month; actions: number; automated: number }>`
      SELECT to_char(month, 'YYYY-MM') AS month, sum(actions)::int AS actions, sum(automated)::int AS automated
        FROM analytics_action_monthly
       WHERE month >= ${firstDay(span.from)}::date AND month <= ${firstDay(span.to)}::date
       GROUP BY 1`.execute(tx);
    return r.rows.map((x) => ({ month: x.month, actions: n(x.actions), automated: n(x.automated) }));
  }

  /** Confirmed qualification checks by month of confirmation (live: a small table). Area = the equipment's. */
  async complianceByMonth(tx: Tx, start: Date, end: Date, f: Filters): Promise<{ month: Month; checks: number; passed: number }[]> {
    const r = await sql<{ month: Month; checks: number; passed: number }>`
      SELECT to_char(analytics_month(q.confirmed_at), 'YYYY-MM') AS month, count(*)::int AS checks,
             count(*) FILTER (WHERE q.qualified_count = q.operator_count)::int AS passed
        FROM qualification_checks q
        JOIN equipment e ON e.id = q.equipment_id
       WHERE q.status = 'confirmed' AND q.confirmed_at >= ${start} AND q.confirmed_at < ${end}
         ${f.areaId ? sql`AND e.area_id = ${f.areaId}::uuid` : sql``}
       GROUP BY 1`.execute(tx);
    return r.rows.map((x) => ({ month: x.month, checks: n(x.checks), passed: n(x.passed) }));
  }

  /**
   * Fire equipment in service. Its department is the department of the area it stands in (the
   * one that looks after the place), else the equipment's own.
   */
  async fireEquipment(tx: Tx, f: Filters): Promise<{ id: string }[]> {
    const r = await sql<{ id: string }>`
      SELECT e.id FROM equipment e LEFT JOIN areas a ON a.id = e.area_id
       WHERE e.category = 'fire_protection' AND e.status = 'in_service'
         ${f.departmentId ? sql`AND coalesce(a.department_id, e.department_id) = ${f.departmentId}::uuid` : sql``}
         ${f.areaId ? sql`AND e.area_id = ${f.areaId}::uuid` : sql``}`.execute(tx);
    return r.rows;
  }

  /**
   * Fire equipment with an open hazard at each month end: for every piece and end, whether one of
   * its hazards reported before the end was not yet closed then — a probe on hazards_equipment
   * that stops at the first such hazard (the newest ones usually are).
   */
  async fireBrokenAt(tx: Tx, equipmentIds: string[], ends: Date[]): Promise<Map<number, number>> {
    if (!equipmentIds.length || !ends.length) return new Map();
    const r = await sql<{ end_at: Date; n: number }>`
      SELECT m.end_at, count(*)::int AS n
        FROM unnest(${ends.map((d) => d.toISOString())}::timestamptz[]) AS m(end_at)
        CROSS JOIN unnest(${equipmentIds}::uuid[]) AS e(id)
       WHERE EXISTS (SELECT 1 FROM hazards h
                      WHERE h.equipment_id = e.id AND h.reported_at < m.end_at
                        AND (h.status <> 'closed' OR h.closed_at >= m.end_at))
       GROUP BY m.end_at`.execute(tx);
    return new Map(r.rows.map((x) => [new Date(x.end_at).getTime(), n(x.n)]));
  }

  /** Major hazards not closed now (the partial index hazards_open_major), per department. */
  async openMajorNow(tx: Tx, reportedBefore: Date, f: Filters): Promise<Map<string, number>> {
    const r = await sql<{ department_id: string; n: number }>`
      SELECT department_id, count(*)::int AS n FROM hazards
       WHERE grade = 'major' AND status <> 'closed' AND reported_at < ${reportedBefore}
         ${f.departmentId ? sql`AND department_id = ${f.departmentId}::uuid` : sql``}
         ${f.areaId ? sql`AND area_id = ${f.areaId}::uuid` : sql``}
       GROUP BY department_id`.execute(tx);
    return new Map(r.rows.map((x) => [x.department_id, n(x.n)]));
  }

  departments(tx: Tx) {
    return tx.selectFrom('departments').select(['id', 'name']).orderBy('sort').orderBy('name').execute();
  }

  async department(tx: Tx, id: string) {
    return tx.selectFrom('departments').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
  }

  async area(tx: Tx, id: string) {
    return tx.selectFrom('areas').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
  }

  /** Areas with their outline on the site plan (the risks module's column). */
  async areas(tx: Tx): Promise<{ id: string; name: string; polygon: [number, number][] | null }[]> {
    const r = await sql<{ id: string; name: string; polygon: [number, number][] | null }>`
      SELECT id, name, polygon FROM areas ORDER BY code`.execute(tx);
    return r.rows.map((a) => ({ ...a, polygon: typeof a.polygon === 'string' ? JSON.parse(a.polygon) : a.polygon }));
  }

  /** The tenant's site plan image (the risks module keeps it), if one was uploaded. */
  async sitePlan(tx: Tx): Promise<{ file_id: string; width: number; height: number } | undefined> {
    const r = await sql<{ file_id: string; width: number; height: number }>`SELECT file_id, width, height FROM site_plans LIMIT 1`.execute(tx);
    return r.rows[0];
  }

  async targets(tx: Tx): Promise<TargetRow[]> {
    const rows = await tx.selectFrom('analytics_targets').select(['key', 'target', 'benchmark', 'note', 'version', 'updated_at']).orderBy('key').execute();
    return rows.map((r) => ({ ...r, target: nOrNull(r.target), benchmark: nOrNull(r.benchmark), version: n(r.version) }));
  }

  async target(tx: Tx, key: string): Promise<TargetRow | undefined> {
    return (await this.targets(tx)).find((t) => t.key === key);
  }

  /** A new target; false when someone created it first. */
  async insertTarget(tx: Tx, v: { tenantId: string; key: string; target: number | null; benchmark: number | null; note: string; userId: string | null; now: Date }) {
    const r = await tx
      .insertInto('analytics_targets')
      .values({ tenant_id: v.tenantId, key: v.key, target: v.target, benchmark: v.benchmark, note: v.note, updated_by: v.userId, updated_at: v.now })
      .onConflict((oc) => oc.columns(['tenant_id', 'key']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Change a target at the version read; false when it moved on. */
  async updateTarget(tx: Tx, key: string, version: number, v: { target: number | null; benchmark: number | null; note: string; userId: string | null; now: Date }) {
    const r = await tx
      .updateTable('analytics_targets')
      .set({ target: v.target, benchmark: v.benchmark, note: v.note, updated_by: v.userId, updated_at: v.now, version: sql`version + 1` })
      .where('key', '=', key)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async templateExists(tx: Tx, id: string): Promise<boolean> {
    return !!(await tx.selectFrom('flow_templates').select('id').where('id', '=', id).executeTakeFirst());
  }
}

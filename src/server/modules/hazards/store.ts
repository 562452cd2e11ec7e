import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/work.js';
import type { HazardVisibility } from './policies.js';
import type { LedgerRow } from './import.js';

export interface HazardFilter {
  status?: string[];
  departmentId?: string;
  areaId?: string;
  grade?: string;
  q?: string;
  reporterId?: string;
  /** Rectification past its deadline at `overdueAt` (the service sets it from its clock). */
  overdue?: boolean;
  overdueAt?: Date;
  from?: Date;
  to?: Date;
}

export type HazardSort = 'reportedAt' | '-reportedAt' | 'code' | '-code' | 'status' | '-status';

export interface NewHazard {
  tenantId: string;
  code: string;
  title: string;
  description: string;
  areaId: string | null;
  equipmentId: string | null;
  departmentId: string;
  reporterId: string | null;
  reporterDepartmentId: string | null;
  photos: string[];
  location: unknown;
  source: string;
  reportedAt: Date;
}

const SORTS: Record<HazardSort, [string, 'asc' | 'desc']> = {
  reportedAt: ['h.reported_at', 'asc'],
  '-reportedAt': ['h.reported_at', 'desc'],
  code: ['h.code', 'asc'],
  '-code': ['h.code', 'desc'],
  status: ['h.status', 'asc'],
  '-status': ['h.status', 'desc'],
};

/**
 * A hazard with the names it shows. The names are correlated scalar subqueries (primary-key
 * lookups) rather than eight LEFT JOINs: with nine relations in one join the planner spent 5–8 ms
 * searching join orders for every list request, ten times the time the query then ran (P2).
 */
function joined(tx: Tx) {
  return tx
    .selectFrom('hazards as h')
    .innerJoin('departments as d', 'd.id', 'h.department_id')
    .select((eb) => [
      'h.id',
      'h.code',
      'h.title',
      'h.description',
      'h.status',
      'h.grade',
      'h.source',
      'h.area_id',
      eb.selectFrom('areas as a').select('a.name').whereRef('a.id', '=', 'h.area_id').as('area_name'),
      'h.equipment_id',
      eb.selectFrom('equipment as e').select('e.code').whereRef('e.id', '=', 'h.equipment_id').as('equipment_code'),
      eb.selectFrom('equipment as e').select('e.name').whereRef('e.id', '=', 'h.equipment_id').as('equipment_name'),
      'h.department_id',
      'd.name as department_name',
      'h.reporter_id',
      eb.selectFrom('users as u').select('u.display_name').whereRef('u.id', '=', 'h.reporter_id').as('reporter_name'),
      'h.reporter_department_id',
      eb.selectFrom('departments as rd').select('rd.name').whereRef('rd.id', '=', 'h.reporter_department_id').as('reporter_department_name'),
      'h.responsible_department_id',
      eb.selectFrom('departments as sd').select('sd.name').whereRef('sd.id', '=', 'h.responsible_department_id').as('responsible_department_name'),
      'h.deadline',
      'h.photos',
      'h.location',
      'h.reported_at',
      'h.assessed_at',
      'h.closed_at',
      'h.updated_at',
      'h.version',
      'h.potential_deaths',
      'h.direct_loss_yuan',
      'h.risk_method',
      'h.risk_input',
      'h.risk_score',
      'h.risk_level',
      'h.risk_color',
      'h.standards_version',
      'h.assessment_basis',
      'h.responsible_user_id',
      eb.selectFrom('users as ru').select('ru.display_name').whereRef('ru.id', '=', 'h.responsible_user_id').as('responsible_user_name'),
      'h.measures',
      'h.budget_yuan',
      'h.supervisor_id',
      eb.selectFrom('users as su').select('su.display_name').whereRef('su.id', '=', 'h.supervisor_id').as('supervisor_name'),
      'h.dispatched_at',
      'h.rectification_note',
      'h.after_photos',
      'h.rectified_at',
      'h.reject_count',
    ]);
}

export type HazardRow = Awaited<ReturnType<ReturnType<typeof joined>['executeTakeFirstOrThrow']>>;

function applyFilters<O>(q: SelectQueryBuilder<any, any, O>, f: HazardFilter, v: HazardVisibility) {
  let out = q;
  if (!v.all) {
    // the same rule as canViewHazard, as SQL
    out = out.where((eb: ExpressionBuilder<any, any>) => {
      const ors = [eb('h.reporter_id', '=', v.userId), eb('h.responsible_user_id', '=', v.userId), eb('h.supervisor_id', '=', v.userId)];
      if (v.departmentId) {
        ors.push(eb('h.department_id', '=', v.departmentId));
        ors.push(eb('h.reporter_department_id', '=', v.departmentId));
        ors.push(eb('h.responsible_department_id', '=', v.departmentId));
      }
      return eb.or(ors);
    });
  }
  if (f.status?.length) out = out.where('h.status', 'in', f.status);
  if (f.departmentId) out = out.where('h.department_id', '=', f.departmentId);
  if (f.areaId) out = out.where('h.area_id', '=', f.areaId);
  if (f.grade) out = f.grade === 'none' ? out.where('h.grade', 'is', null) : out.where('h.grade', '=', f.grade);
  if (f.reporterId) out = out.where('h.reporter_id', '=', f.reporterId);
  if (f.overdueAt) out = out.where('h.status', 'in', ['assessed', 'rectifying']).where('h.deadline', '<', f.overdueAt);
  if (f.from) out = out.where('h.reported_at', '>=', f.from);
  if (f.to) out = out.where('h.reported_at', '<', f.to);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    // ~~~* is ILIKE declared leakproof (migration 0930), so its trigram indexes work under RLS
    out = out.where(sql<boolean>`(h.title ~~~* ${like} OR h.description ~~~* ${like} OR h.code ~~~* ${like})`);
  }
  return out;
}

/**
 * The list counts matching hazards only this far (and always at least one past the page asked
 * for): an exact count(*) over a million visible rows took 130–230 ms per request (P2).
 */
export const LIST_COUNT_LIMIT = 10_000;

/** The most rows one Excel export may hold. */
export const EXPORT_LIMIT = 50_000;

/** An instant as JavaScript's toISOString() writes it (UTC, milliseconds). */
const iso = (column: string) => sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
const isoOrNull = (column: string) => sql.raw(`CASE WHEN ${column} IS NULL THEN NULL ELSE to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END`);
const name = (table: string, column: string, id: string) => sql.raw(`(SELECT x.${column} FROM ${table} x WHERE x.id = ${id})`);

/**
 * A list item as JSON text, written by PostgreSQL: the same document the service's present()
 * makes for a list row (no photos or timeline; `can` is added by the service). Building it in
 * SQL spares Node parsing ~45 columns, making Date objects and serialising them again per row (P2).
 */
function itemJson(now: Date) {
  return sql<string>`json_build_object(
    'id', h.id, 'code', h.code, 'title', h.title, 'description', h.description, 'status', h.status, 'grade', h.grade, 'source', h.source,
    'area', CASE WHEN h.area_id IS NULL THEN NULL ELSE json_build_object('id', h.area_id, 'name', ${name('areas', 'name', 'h.area_id')}) END,
    'equipment', CASE WHEN h.equipment_id IS NULL THEN NULL ELSE json_build_object('id', h.equipment_id, 'code', ${name('equipment', 'code', 'h.equipment_id')}, 'name', ${name('equipment', 'name', 'h.equipment_id')}) END,
    'department', json_build_object('id', h.department_id, 'name', ${name('departments', 'name', 'h.department_id')}),
    'reporter', CASE WHEN h.reporter_id IS NULL THEN NULL ELSE json_build_object('id', h.reporter_id, 'displayName', ${name('users', 'display_name', 'h.reporter_id')}) END,
    'reporterDepartment', CASE WHEN h.reporter_department_id IS NULL THEN NULL ELSE json_build_object('id', h.reporter_department_id, 'name', ${name('departments', 'name', 'h.reporter_department_id')}) END,
    'responsibleDepartment', CASE WHEN h.responsible_department_id IS NULL THEN NULL ELSE json_build_object('id', h.responsible_department_id, 'name', ${name('departments', 'name', 'h.responsible_department_id')}) END,
    'deadline', ${isoOrNull('h.deadline')},
    'photoCount', coalesce(cardinality(h.photos), 0),
    'photos', '[]'::json,
    'assessment', CASE WHEN h.grade IS NULL THEN NULL ELSE json_build_object(
      'grade', h.grade, 'potentialDeaths', h.potential_deaths, 'directLossYuan', h.direct_loss_yuan, 'riskMethod', h.risk_method,
      'riskInput', h.risk_input, 'riskScore', h.risk_score, 'riskLevel', h.risk_level, 'riskColor', h.risk_color,
      'standardsVersion', h.standards_version, 'basis', h.assessment_basis, 'at', ${isoOrNull('h.assessed_at')}) END,
    'rectification', CASE WHEN h.dispatched_at IS NULL THEN NULL ELSE json_build_object(
      'responsibleUser', CASE WHEN h.responsible_user_id IS NULL THEN NULL ELSE json_build_object('id', h.responsible_user_id, 'displayName', ${name('users', 'display_name', 'h.responsible_user_id')}) END,
      'measures', h.measures, 'budgetYuan', h.budget_yuan,
      'supervisor', CASE WHEN h.supervisor_id IS NULL THEN NULL ELSE json_build_object('id', h.supervisor_id, 'displayName', ${name('users', 'display_name', 'h.supervisor_id')}) END,
      'dispatchedAt', ${iso('h.dispatched_at')}, 'note', h.rectification_note, 'afterPhotos', '[]'::json,
      'rectifiedAt', ${isoOrNull('h.rectified_at')}, 'rejectCount', h.reject_count) END,
    'overdue', (h.status IN ('rectifying', 'assessed') AND h.deadline IS NOT NULL AND h.deadline < ${now}::timestamptz),
    'timeline', '[]'::json,
    'location', h.location,
    'reportedAt', ${iso('h.reported_at')}, 'assessedAt', ${isoOrNull('h.assessed_at')}, 'closedAt', ${isoOrNull('h.closed_at')},
    'updatedAt', ${iso('h.updated_at')}, 'version', h.version
  )::text`;
}

/** What the row-level permissions (`can`) of a list item are decided on. */
export interface ListedHazard {
  json: string;
  status: string;
  grade: string | null;
  reporter_id: string | null;
  department_id: string;
  reporter_department_id: string | null;
  responsible_department_id: string | null;
  responsible_user_id: string | null;
  supervisor_id: string | null;
}

export class HazardStore {
  /**
   * One page as JSON items and the number of matches (capped as in `list`), in one statement:
   * with the tenant settings sent in the same flight, the whole request is one round trip.
   */
  async listPage(tx: Tx, f: HazardFilter, v: HazardVisibility, sort: HazardSort, limit: number, offset: number, now: Date) {
    const countLimit = Math.max(LIST_COUNT_LIMIT, offset + limit + 1);
    const rows = await this.listPageQuery(tx, f, v, sort, limit, offset, now).execute();
    const total = Number(rows[0]?.n ?? 0);
    const items = rows.filter((r) => r.json !== null) as unknown as ListedHazard[];
    return { items, total, totalExact: total < countLimit };
  }

  /** The statement of listPage (also compiled by the benchmark, to time the same SQL without the server). */
  listPageQuery(tx: Tx | Kysely<DB>, f: HazardFilter, v: HazardVisibility, sort: HazardSort, limit: number, offset: number, now: Date) {
    const [column, direction] = SORTS[sort];
    const countLimit = Math.max(LIST_COUNT_LIMIT, offset + limit + 1);
    const matches = applyFilters(tx.selectFrom('hazards as h').select(sql`1`.as('one')), f, v).limit(countLimit);
    const counted = tx.selectFrom(matches.as('m')).select(sql<string>`count(*)`.as('n'));
    const page = applyFilters(
      tx
        .selectFrom('hazards as h')
        .select([
          sql.ref(column).as('sort_key'),
          'h.id as sort_id',
          itemJson(now).as('json'),
          'h.status',
          'h.grade',
          'h.reporter_id',
          'h.department_id',
          'h.reporter_department_id',
          'h.responsible_department_id',
          'h.responsible_user_id',
          'h.supervisor_id',
        ]),
      f,
      v,
    )
      .orderBy(sql.ref(column), direction)
      .orderBy('h.id', direction)
      .limit(limit)
      .offset(offset);
    return tx
      .selectFrom(counted.as('c'))
      .leftJoinLateral(page.as('p'), (join) => join.onTrue())
      .select(['c.n', 'p.json', 'p.status', 'p.grade', 'p.reporter_id', 'p.department_id', 'p.reporter_department_id', 'p.responsible_department_id', 'p.responsible_user_id', 'p.supervisor_id'])
      .orderBy(sql.ref('p.sort_key'), direction)
      .orderBy(sql.ref('p.sort_id'), direction);
  }

  /**
   * One page and the number of matches, counted up to max(LIST_COUNT_LIMIT, offset + limit + 1):
   * `totalExact` is false when there are at least `total` matches.
   */
  async list(tx: Tx, f: HazardFilter, v: HazardVisibility, sort: HazardSort, limit: number, offset: number) {
    const [column, direction] = SORTS[sort];
    const rows = await applyFilters(joined(tx), f, v)
      .orderBy(sql.ref(column), direction)
      .orderBy('h.id', direction)
      .limit(limit)
      .offset(offset)
      .execute();
    const countLimit = Math.max(LIST_COUNT_LIMIT, offset + limit + 1);
    const matches = applyFilters(tx.selectFrom('hazards as h').select(sql`1`.as('one')), f, v).limit(countLimit);
    const counted = await tx.selectFrom(matches.as('m')).select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
    const total = Number(counted.n);
    return { rows: rows as HazardRow[], total, totalExact: total < countLimit };
  }

  /** The hazards showing this file among their photos (before or after rectification). */
  holdingFile(tx: Tx, fileId: string): Promise<HazardRow[]> {
    return joined(tx)
      .where(sql<boolean>`(h.photos @> ARRAY[${fileId}]::uuid[] OR h.after_photos @> ARRAY[${fileId}]::uuid[])`)
      .limit(20)
      .execute() as Promise<HazardRow[]>;
  }

  get(tx: Tx, id: string): Promise<HazardRow | undefined> {
    return joined(tx).where('h.id', '=', id).executeTakeFirst();
  }

  async insert(tx: Tx, h: NewHazard): Promise<string> {
    const row = await tx
      .insertInto('hazards')
      .values({
        tenant_id: h.tenantId,
        code: h.code,
        title: h.title,
        description: h.description,
        area_id: h.areaId,
        equipment_id: h.equipmentId,
        department_id: h.departmentId,
        reporter_id: h.reporterId,
        reporter_department_id: h.reporterDepartmentId,
        photos: h.photos,
        location: h.location == null ? null : JSON.stringify(h.location),
        source: h.source,
        reported_at: h.reportedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Update only if nobody changed it since `version`; false when the version is stale. */
  async update(
    tx: Tx,
    id: string,
    version: number,
    patch: Partial<{ title: string; description: string; area_id: string | null; equipment_id: string | null; department_id: string }>,
    now: Date,
  ): Promise<boolean> {
    const r = await tx
      .updateTable('hazards')
      .set({ ...patch, updated_at: now, version: sql`version + 1` })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Apply a loop step if the version still matches; false when someone acted first. */
  async transition(tx: Tx, id: string, version: number, patch: Record<string, unknown>, now: Date): Promise<boolean> {
    const r = await tx
      .updateTable('hazards')
      .set({ ...(patch as object), updated_at: now, version: sql`version + 1` })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async recordTransition(
    tx: Tx,
    t: { tenantId: string; hazardId: string; action: string; from: string; to: string; actorId: string | null; actorName: string; at: Date; basis: string | null; data: unknown },
  ) {
    await tx
      .insertInto('hazard_transitions')
      .values({
        tenant_id: t.tenantId,
        hazard_id: t.hazardId,
        action: t.action,
        from_status: t.from,
        to_status: t.to,
        actor_id: t.actorId,
        actor_name: t.actorName,
        at: t.at,
        basis: t.basis,
        data: JSON.stringify(t.data ?? {}),
      })
      .execute();
  }

  /** Departments with their functions and heads (a case's dispatch finds the committee by function). */
  departmentHeads(tx: Tx) {
    return tx.selectFrom('departments').select(['id', 'name', 'functions', 'sort', 'head_user_id']).execute();
  }

  /** Who handed in the rectification now awaiting acceptance (the latest 提交整改). */
  async lastRectifier(tx: Tx, hazardId: string): Promise<string | null> {
    const r = await tx
      .selectFrom('hazard_transitions')
      .select('actor_id')
      .where('hazard_id', '=', hazardId)
      .where('action', '=', 'submit')
      .orderBy('at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r?.actor_id ?? null;
  }

  transitions(tx: Tx, hazardId: string) {
    return tx
      .selectFrom('hazard_transitions')
      .select(['action', 'from_status', 'to_status', 'actor_name', 'at', 'basis', 'data'])
      .where('hazard_id', '=', hazardId)
      .orderBy('at')
      .execute();
  }

  /** 重大隐患 still open, most urgent first (the 挂牌督办 register). */
  openMajor(tx: Tx, v: HazardVisibility) {
    return applyFilters(joined(tx), {}, v)
      .where('h.grade', '=', 'major')
      .where('h.status', '<>', 'closed')
      .orderBy(sql`h.deadline IS NULL`)
      .orderBy('h.deadline')
      .limit(500)
      .execute() as Promise<HazardRow[]>;
  }

  async usersInfo(tx: Tx, ids: string[]) {
    if (!ids.length) return [];
    return tx.selectFrom('users').select(['id', 'department_id', 'roles', 'active']).where('id', 'in', ids).execute();
  }

  /** Reference data by the names and codes a ledger uses. */
  async lookups(tx: Tx) {
    const [areas, equipment, departments] = await Promise.all([
      tx.selectFrom('areas').select(['id', 'code', 'name']).execute(),
      tx.selectFrom('equipment').select(['id', 'code']).execute(),
      tx.selectFrom('departments').select(['id', 'code', 'name']).execute(),
    ]);
    const byNameAndCode = (rows: { id: string; code: string; name?: string }[]) =>
      new Map(rows.flatMap((r) => [[r.code, r.id], ...(r.name ? [[r.name, r.id] as [string, string]] : [])]));
    return { areas: byNameAndCode(areas), equipment: byNameAndCode(equipment), departments: byNameAndCode(departments) };
  }

  async insertImported(tx: Tx, tenantId: string, code: string, r: LedgerRow): Promise<string> {
    const row = await tx
      .insertInto('hazards')
      .values({
        tenant_id: tenantId,
        code,
        legacy_code: r.legacyCode,
        title: r.title,
        description: r.description,
        status: r.status,
        grade: r.grade,
        area_id: r.areaId,
        equipment_id: r.equipmentId,
        department_id: r.departmentId,
        responsible_department_id: r.responsibleDepartmentId,
        deadline: r.deadline,
        source: 'import',
        reporter_id: null,
        reporter_department_id: null,
        reported_at: r.reportedAt,
        assessed_at: r.status === 'reported' ? null : r.reportedAt,
        closed_at: r.closedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Next number in a per-tenant, per-month series: YH-202611-0001. */
  async nextCode(tx: Tx, tenantId: string, at: Date): Promise<string> {
    const month = `${at.getFullYear()}${String(at.getMonth() + 1).padStart(2, '0')}`;
    const row = await tx
      .insertInto('counters')
      .values({ tenant_id: tenantId, name: `hazard:${month}`, value: 1 })
      .onConflict((oc) => oc.columns(['tenant_id', 'name']).doUpdateSet({ value: sql`counters.value + 1` }))
      .returning('value')
      .executeTakeFirstOrThrow();
    return `YH-${month}-${String(row.value).padStart(4, '0')}`;
  }

  async photos(tx: Tx, ids: string[]) {
    if (!ids.length) return [];
    return tx
      .selectFrom('files')
      .select(['id', 'mime', 'size', 'original_name', 'width', 'height', 'thumb_sha256'])
      .where('id', 'in', ids)
      .execute();
  }

  async history(tx: Tx, id: string) {
    // the log keeps the login name (it is part of the hash chain); people read name and department
    return tx
      .selectFrom('audit_log as a')
      .leftJoin('users as u', 'u.id', 'a.actor_id')
      .leftJoin('departments as d', 'd.id', 'u.department_id')
      .select(['a.seq', 'a.at', 'a.actor_id', 'a.actor_name', 'a.action', 'a.before', 'a.after', 'a.basis', 'u.display_name as actor_display_name', 'd.name as actor_department'])
      .where('a.entity_type', '=', 'hazard')
      .where('a.entity_id', '=', id)
      .orderBy('a.seq')
      .execute();
  }

  /** Existence checks for references in one round trip; RLS keeps them inside the tenant. */
  async references(tx: Tx, r: { areaId: string | null; equipmentId: string | null; departmentId: string | null }) {
    const row = await sql<{ area: boolean | null; equipment_area: string | null; equipment: boolean | null; department: boolean | null }>`
      SELECT
        (SELECT true FROM areas WHERE id = ${r.areaId}::uuid) AS area,
        (SELECT true FROM equipment WHERE id = ${r.equipmentId}::uuid) AS equipment,
        (SELECT area_id::text FROM equipment WHERE id = ${r.equipmentId}::uuid) AS equipment_area,
        (SELECT true FROM departments WHERE id = ${r.departmentId}::uuid) AS department`.execute(tx);
    return row.rows[0];
  }

  assessmentPendingSince(tx: Tx, id: string) {
    return tx.selectFrom('hazards').select(['id', 'code', 'title', 'status', 'department_id']).where('id', '=', id).executeTakeFirst();
  }
}

import { sql, type ColumnType, type ExpressionBuilder, type Generated } from 'kysely';
import type { Polygon } from '../../../core/risks/index.js';
import type { Tx } from '../../platform/work.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

/** This module's tables (migrations/0400_risks.sql), typed here so the shared schema stays untouched. */
type RiskTables = {
  risk_points: {
    tenant_id: string;
    id: Generated<string>;
    code: string;
    name: string;
    kind: string;
    area_id: string;
    equipment_id: string | null;
    hazard_factors: string;
    accident_types: string[];
    method: string;
    input: Json<Record<string, number>>;
    score: ColumnType<string, number, number>;
    level: string;
    level_label: string;
    color: string;
    risk_level: string;
    risk_level_label: string;
    standards_version: number;
    assessed_by: string | null;
    assessed_at: Timestamp;
    control_engineering: string;
    control_management: string;
    control_ppe: string;
    control_emergency: string;
    management_level: string;
    department_id: string;
    responsible_user_id: string | null;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
    version: Generated<number>;
  };
  site_plans: {
    tenant_id: string;
    file_id: string;
    width: number;
    height: number;
    updated_by: string | null;
    updated_at: Timestamp;
  };
  /** The column this module adds to the platform's areas table. */
  areas: { polygon: ColumnType<Polygon | null, string | null, string | null> };
};

const db = (tx: Tx) => tx.withTables<RiskTables>();

/** The columns of a risk point a write sets (all but ids, code and bookkeeping). */
export interface RiskPointFields {
  name: string;
  kind: string;
  area_id: string;
  equipment_id: string | null;
  hazard_factors: string;
  accident_types: string[];
  method: string;
  input: Record<string, number>;
  score: number;
  level: string;
  level_label: string;
  color: string;
  risk_level: string;
  risk_level_label: string;
  standards_version: number;
  assessed_by: string | null;
  assessed_at: Date;
  control_engineering: string;
  control_management: string;
  control_ppe: string;
  control_emergency: string;
  management_level: string;
  department_id: string;
  responsible_user_id: string | null;
}

export interface RiskPointFilter {
  areaId?: string;
  departmentId?: string;
  colors?: string[];
  kind?: string;
  managementLevel?: string;
  q?: string;
}

export type RiskPointSort = 'code' | '-code' | 'score' | '-score' | 'updatedAt' | '-updatedAt';

const SORTS: Record<RiskPointSort, [string, 'asc' | 'desc']> = {
  code: ['r.code', 'asc'],
  '-code': ['r.code', 'desc'],
  score: ['r.score', 'asc'],
  '-score': ['r.score', 'desc'],
  updatedAt: ['r.updated_at', 'asc'],
  '-updatedAt': ['r.updated_at', 'desc'],
};

/** red > orange > yellow > blue, as a number to sort by. */
const COLOR_RANK_SQL = sql`CASE r.color WHEN 'red' THEN 4 WHEN 'orange' THEN 3 WHEN 'yellow' THEN 2 ELSE 1 END`;

function joined(tx: Tx) {
  return db(tx)
    .selectFrom('risk_points as r')
    .innerJoin('areas as a', 'a.id', 'r.area_id')
    .leftJoin('equipment as e', 'e.id', 'r.equipment_id')
    .innerJoin('departments as d', 'd.id', 'r.department_id')
    .leftJoin('users as u', 'u.id', 'r.responsible_user_id')
    .leftJoin('users as au', 'au.id', 'r.assessed_by')
    .select([
      'r.id',
      'r.code',
      'r.name',
      'r.kind',
      'r.area_id',
      'a.code as area_code',
      'a.name as area_name',
      'r.equipment_id',
      'e.code as equipment_code',
      'e.name as equipment_name',
      'r.hazard_factors',
      'r.accident_types',
      'r.method',
      'r.input',
      'r.score',
      'r.level',
      'r.level_label',
      'r.color',
      'r.risk_level',
      'r.risk_level_label',
      'r.standards_version',
      'r.assessed_by',
      'au.display_name as assessed_by_name',
      'r.assessed_at',
      'r.control_engineering',
      'r.control_management',
      'r.control_ppe',
      'r.control_emergency',
      'r.management_level',
      'r.department_id',
      'd.name as department_name',
      'r.responsible_user_id',
      'u.display_name as responsible_user_name',
      'u.position as responsible_user_position',
      'r.created_at',
      'r.updated_at',
      'r.version',
    ]);
}

export type RiskPointRow = Awaited<ReturnType<ReturnType<typeof joined>['executeTakeFirstOrThrow']>>;

function filtered<Q extends { where: any }>(q: Q, f: RiskPointFilter): Q {
  let out: any = q;
  if (f.areaId) out = out.where('r.area_id', '=', f.areaId);
  if (f.departmentId) out = out.where('r.department_id', '=', f.departmentId);
  if (f.colors?.length) out = out.where('r.color', 'in', f.colors);
  if (f.kind) out = out.where('r.kind', '=', f.kind);
  if (f.managementLevel) out = out.where('r.management_level', '=', f.managementLevel);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    out = out.where((eb: ExpressionBuilder<any, any>) =>
      eb.or([eb('r.name', 'ilike', like), eb('r.code', 'ilike', like), eb('r.hazard_factors', 'ilike', like)]),
    );
  }
  return out;
}

export class RiskStore {
  async list(tx: Tx, f: RiskPointFilter, sort: RiskPointSort, limit: number, offset: number) {
    const [column, direction] = SORTS[sort];
    let q = filtered(joined(tx), f);
    // D (LEC) and R (LS) are on different scales: the colour ranks first, the score within it
    if (column === 'r.score') q = q.orderBy(COLOR_RANK_SQL, direction);
    const rows = await q
      .orderBy(sql.ref(column), direction)
      .orderBy('r.code', direction)
      .limit(limit)
      .offset(offset)
      .execute();
    const total = await filtered(db(tx).selectFrom('risk_points as r').select(sql<string>`count(*)`.as('n')), f).executeTakeFirstOrThrow();
    return { rows: rows as RiskPointRow[], total: Number(total.n) };
  }

  get(tx: Tx, id: string): Promise<RiskPointRow | undefined> {
    return joined(tx).where('r.id', '=', id).executeTakeFirst();
  }

  async insert(tx: Tx, tenantId: string, code: string, fields: RiskPointFields, createdBy: string | null, now: Date): Promise<string> {
    const row = await db(tx)
      .insertInto('risk_points')
      .values({ tenant_id: tenantId, code, ...toColumns(fields), created_by: createdBy, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Many at once (demo data). */
  async insertMany(tx: Tx, tenantId: string, rows: { code: string; fields: RiskPointFields; createdBy: string | null }[], now: Date) {
    if (!rows.length) return;
    await db(tx)
      .insertInto('risk_points')
      .values(rows.map((r) => ({ tenant_id: tenantId, code: r.code, ...toColumns(r.fields), created_by: r.createdBy, created_at: now, updated_at: now })))
      .execute();
  }

  /** Update only if nobody changed it since `version`; false when the version is stale. */
  async update(tx: Tx, id: string, version: number, fields: RiskPointFields, now: Date): Promise<boolean> {
    const r = await db(tx)
      .updateTable('risk_points')
      .set({ ...toColumns(fields), updated_at: now, version: sql`version + 1` })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Next number of the tenant's series: FX-0001. */
  async nextCode(tx: Tx, tenantId: string): Promise<string> {
    const row = await tx
      .insertInto('counters')
      .values({ tenant_id: tenantId, name: 'risk-point', value: 1 })
      .onConflict((oc) => oc.columns(['tenant_id', 'name']).doUpdateSet({ value: sql`counters.value + 1` }))
      .returning('value')
      .executeTakeFirstOrThrow();
    return riskPointCode(Number(row.value));
  }

  async setCounter(tx: Tx, tenantId: string, value: number) {
    await tx
      .insertInto('counters')
      .values({ tenant_id: tenantId, name: 'risk-point', value })
      .onConflict((oc) => oc.columns(['tenant_id', 'name']).doUpdateSet({ value }))
      .execute();
  }

  /** Existence and consistency of references in one round trip; RLS keeps them inside the tenant. */
  async references(tx: Tx, r: { areaId: string | null; equipmentId: string | null; departmentId: string; userId: string | null }) {
    const row = await sql<{
      area: boolean | null;
      equipment: boolean | null;
      equipment_area: string | null;
      department: boolean | null;
      user_active: boolean | null;
    }>`
      SELECT
        (SELECT true FROM areas WHERE id = ${r.areaId}::uuid) AS area,
        (SELECT true FROM equipment WHERE id = ${r.equipmentId}::uuid) AS equipment,
        (SELECT area_id::text FROM equipment WHERE id = ${r.equipmentId}::uuid) AS equipment_area,
        (SELECT true FROM departments WHERE id = ${r.departmentId}::uuid) AS department,
        (SELECT active FROM users WHERE id = ${r.userId}::uuid) AS user_active`.execute(tx);
    return row.rows[0];
  }

  // ---- site plan and area outlines ----

  /** Whether this file is the tenant's site plan (which every user of the tenant sees on the risk map). */
  async isSitePlanFile(tx: Tx, fileId: string): Promise<boolean> {
    return !!(await db(tx).selectFrom('site_plans').select('tenant_id').where('file_id', '=', fileId).executeTakeFirst());
  }

  async sitePlan(tx: Tx) {
    return db(tx)
      .selectFrom('site_plans as s')
      .innerJoin('files as f', 'f.id', 's.file_id')
      .leftJoin('users as u', 'u.id', 's.updated_by')
      .select(['s.file_id', 's.width', 's.height', 's.updated_at', 's.updated_by', 'u.display_name as updated_by_name', 'f.original_name'])
      .executeTakeFirst();
  }

  async saveSitePlan(tx: Tx, p: { tenantId: string; fileId: string; width: number; height: number; updatedBy: string | null; now: Date }) {
    await db(tx)
      .insertInto('site_plans')
      .values({ tenant_id: p.tenantId, file_id: p.fileId, width: p.width, height: p.height, updated_by: p.updatedBy, updated_at: p.now })
      .onConflict((oc) =>
        oc.column('tenant_id').doUpdateSet({ file_id: p.fileId, width: p.width, height: p.height, updated_by: p.updatedBy, updated_at: p.now }),
      )
      .execute();
  }

  file(tx: Tx, id: string) {
    return tx.selectFrom('files').select(['id', 'mime', 'width', 'height', 'original_name']).where('id', '=', id).executeTakeFirst();
  }

  async insertFile(
    tx: Tx,
    f: { tenantId: string; sha256: string; mime: string; size: number; name: string; width: number | null; height: number | null; thumbSha256: string | null },
  ): Promise<string> {
    const row = await tx
      .insertInto('files')
      .values({
        tenant_id: f.tenantId,
        sha256: f.sha256,
        mime: f.mime,
        size: f.size,
        original_name: f.name,
        width: f.width,
        height: f.height,
        thumb_sha256: f.thumbSha256,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  area(tx: Tx, id: string) {
    return db(tx).selectFrom('areas').select(['id', 'code', 'name', 'polygon']).where('id', '=', id).executeTakeFirst();
  }

  async setPolygon(tx: Tx, id: string, polygon: Polygon | null) {
    await db(tx)
      .updateTable('areas')
      .set({ polygon: polygon === null ? null : JSON.stringify(polygon) })
      .where('id', '=', id)
      .execute();
  }

  /** Every area with its outline and the colours of its risk points, for the map. */
  async mapAreas(tx: Tx) {
    return db(tx)
      .selectFrom('areas as a')
      .leftJoin('risk_points as r', 'r.area_id', 'a.id')
      .select([
        'a.id',
        'a.code',
        'a.name',
        'a.kind',
        'a.polygon',
        sql<number>`count(r.id)::int`.as('risk_points'),
        sql<number>`count(r.id) FILTER (WHERE r.color = 'red')::int`.as('red'),
        sql<number>`count(r.id) FILTER (WHERE r.color = 'orange')::int`.as('orange'),
        sql<number>`count(r.id) FILTER (WHERE r.color = 'yellow')::int`.as('yellow'),
        sql<number>`count(r.id) FILTER (WHERE r.color = 'blue')::int`.as('blue'),
      ])
      .groupBy(['a.id', 'a.code', 'a.name', 'a.kind', 'a.polygon'])
      .orderBy('a.code')
      .execute();
  }

  /** Area polygons only (rescaling to a new plan). */
  polygons(tx: Tx) {
    return db(tx).selectFrom('areas').select(['id', 'polygon']).where('polygon', 'is not', null).execute();
  }

  history(tx: Tx, id: string) {
    return tx
      .selectFrom('audit_log')
      .select(['seq', 'at', 'actor_name', 'action', 'before', 'after', 'basis'])
      .where('entity_type', '=', 'risk_point')
      .where('entity_id', '=', id)
      .orderBy('seq')
      .execute();
  }
}

export function riskPointCode(n: number): string {
  return `FX-${String(n).padStart(4, '0')}`;
}

function toColumns(f: RiskPointFields) {
  return { ...f, input: JSON.stringify(f.input) };
}

import { sql } from 'kysely';
import type { Tx } from '../../platform/work.js';
import type { HazardScope } from '../hazards/policies.js';

export interface CertificateRow {
  id: string;
  user_id: string;
  cert_type: string;
  cert_no: string;
  issued_by: string;
  issued_on: string;
  expires_on: string;
}

export interface NewCheck {
  tenantId: string;
  hazardId: string;
  equipmentId: string;
  result: unknown;
  operatorCount: number;
  qualifiedCount: number;
}

/** Dates leave the database as text: a `date` has no time zone and must not become one. */
const dateText = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

function checks(tx: Tx) {
  return tx
    .selectFrom('qualification_checks as q')
    .innerJoin('hazards as h', 'h.id', 'q.hazard_id')
    .innerJoin('equipment as e', 'e.id', 'q.equipment_id')
    .leftJoin('areas as a', 'a.id', 'e.area_id')
    .leftJoin('users as cu', 'cu.id', 'q.confirmed_by')
    .select([
      'q.id',
      'q.hazard_id',
      'h.code as hazard_code',
      'h.title as hazard_title',
      'h.status as hazard_status',
      'q.equipment_id',
      'e.code as equipment_code',
      'e.name as equipment_name',
      'e.category as equipment_category',
      'a.name as area_name',
      'q.result',
      'q.operator_count',
      'q.qualified_count',
      'q.status',
      'q.note',
      'q.confirmed_by',
      'cu.display_name as confirmed_by_name',
      'q.confirmed_at',
      'q.created_at',
      'q.updated_at',
      'q.version',
    ]);
}

export type CheckRow = Awaited<ReturnType<ReturnType<typeof checks>['executeTakeFirstOrThrow']>>;

export class QualificationStore {
  /** The parts of a hazard this module needs (read-only; the hazards module owns the table). */
  hazard(tx: Tx, id: string) {
    return tx
      .selectFrom('hazards')
      .select([
        'id',
        'code',
        'title',
        'equipment_id',
        'status',
        'reporter_id',
        'department_id',
        'reporter_department_id',
        'responsible_department_id',
        'responsible_user_id',
        'supervisor_id',
        'grade',
      ])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  equipment(tx: Tx, id: string) {
    return tx
      .selectFrom('equipment as e')
      .leftJoin('areas as a', 'a.id', 'e.area_id')
      .select(['e.id', 'e.code', 'e.name', 'e.category', 'e.area_id', 'a.name as area_name'])
      .where('e.id', '=', id)
      .executeTakeFirst();
  }

  async requirements(tx: Tx, equipmentId: string): Promise<string[]> {
    const rows = await tx.selectFrom('equipment_cert_requirements').select('cert_type').where('equipment_id', '=', equipmentId).orderBy('cert_type').execute();
    return rows.map((r) => r.cert_type);
  }

  operators(tx: Tx, equipmentId: string) {
    return tx
      .selectFrom('equipment_operators as o')
      .innerJoin('users as u', 'u.id', 'o.user_id')
      .leftJoin('departments as d', 'd.id', 'u.department_id')
      .select(['u.id', 'u.display_name', 'u.position', 'u.employee_no', 'u.active', 'd.name as department_name'])
      .where('o.equipment_id', '=', equipmentId)
      .orderBy('u.employee_no')
      .orderBy('u.id')
      .execute();
  }

  async certificatesOf(tx: Tx, userIds: string[]): Promise<CertificateRow[]> {
    if (!userIds.length) return [];
    return tx
      .selectFrom('employee_certificates')
      .select(['id', 'user_id', 'cert_type', 'cert_no', 'issued_by', dateText('issued_on').as('issued_on'), dateText('expires_on').as('expires_on')])
      .where('user_id', 'in', userIds)
      .orderBy('cert_type')
      .orderBy('expires_on', 'desc')
      .execute();
  }

  user(tx: Tx, id: string) {
    return tx
      .selectFrom('users as u')
      .leftJoin('departments as d', 'd.id', 'u.department_id')
      .select(['u.id', 'u.display_name', 'u.position', 'u.employee_no', 'd.name as department_name'])
      .where('u.id', '=', id)
      .executeTakeFirst();
  }

  /** Equipment this person operates. */
  operatedBy(tx: Tx, userId: string) {
    return tx
      .selectFrom('equipment_operators as o')
      .innerJoin('equipment as e', 'e.id', 'o.equipment_id')
      .select(['e.id', 'e.code', 'e.name', 'e.category'])
      .where('o.user_id', '=', userId)
      .orderBy('e.code')
      .execute();
  }

  /** Insert unless the hazard already has its check (handlers may be retried); the new id or null. */
  async insertCheck(tx: Tx, c: NewCheck): Promise<string | null> {
    const row = await tx
      .insertInto('qualification_checks')
      .values({
        tenant_id: c.tenantId,
        hazard_id: c.hazardId,
        equipment_id: c.equipmentId,
        result: JSON.stringify(c.result),
        operator_count: c.operatorCount,
        qualified_count: c.qualifiedCount,
      })
      .onConflict((oc) => oc.column('hazard_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id ?? null;
  }

  get(tx: Tx, id: string): Promise<CheckRow | undefined> {
    return checks(tx).where('q.id', '=', id).executeTakeFirst();
  }

  byHazard(tx: Tx, hazardId: string): Promise<CheckRow | undefined> {
    return checks(tx).where('q.hazard_id', '=', hazardId).executeTakeFirst();
  }

  async list(tx: Tx, f: { status?: string; hazardId?: string }, limit: number, offset: number) {
    let q = checks(tx);
    let count = tx.selectFrom('qualification_checks as q').select(sql<string>`count(*)`.as('n'));
    if (f.status) {
      q = q.where('q.status', '=', f.status);
      count = count.where('q.status', '=', f.status);
    }
    if (f.hazardId) {
      q = q.where('q.hazard_id', '=', f.hazardId);
      count = count.where('q.hazard_id', '=', f.hazardId);
    }
    const rows = await q.orderBy('q.created_at', 'desc').orderBy('q.id', 'desc').limit(limit).offset(offset).execute();
    const total = await count.executeTakeFirstOrThrow();
    return { rows, total: Number(total.n) };
  }

  /** Confirm if nobody changed it since `version`; false when stale. */
  async confirm(tx: Tx, id: string, version: number, p: { note: string | null; by: string | null; at: Date }): Promise<boolean> {
    const r = await tx
      .updateTable('qualification_checks')
      .set({ status: 'confirmed', note: p.note, confirmed_by: p.by, confirmed_at: p.at, updated_at: p.at, version: sql`version + 1` })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** 人事部: its head and its members holding the hr or dept_head role (department code 'hr'). */
  async hrRecipients(tx: Tx): Promise<string[]> {
    const dept = await tx.selectFrom('departments').select(['id', 'head_user_id']).where('code', '=', 'hr').executeTakeFirst();
    if (!dept) return [];
    const rows = await tx
      .selectFrom('users')
      .select('id')
      .where('department_id', '=', dept.id)
      .where('active', '=', true)
      .where(sql<boolean>`roles && ARRAY['hr', 'dept_head']::text[]`)
      .execute();
    return [...new Set([...(dept.head_user_id ? [dept.head_user_id] : []), ...rows.map((r) => r.id)])];
  }
}

/** A hazard row of QualificationStore.hazard as the hazards module's scope (who may see it). */
export function hazardScope(h: {
  status: string;
  reporter_id: string | null;
  department_id: string;
  reporter_department_id: string | null;
  responsible_department_id: string | null;
  responsible_user_id: string | null;
  supervisor_id: string | null;
  grade: string | null;
}): HazardScope {
  return {
    status: h.status,
    reporterId: h.reporter_id,
    departmentId: h.department_id,
    reporterDepartmentId: h.reporter_department_id,
    responsibleDepartmentId: h.responsible_department_id,
    responsibleUserId: h.responsible_user_id,
    supervisorId: h.supervisor_id,
    grade: h.grade,
  };
}

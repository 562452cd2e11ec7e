import { sql } from 'kysely';
import { departmentForFunction } from '../../../core/org/functions.js';
import type { Tx } from '../../platform/work.js';
import type { HazardScope } from '../hazards/policies.js';

export interface NewRepairOrder {
  tenantId: string;
  code: string;
  hazardId: string;
  equipmentId: string;
  departmentId: string;
  createdAt: Date;
}

function joined(tx: Tx) {
  return tx
    .selectFrom('repair_orders as r')
    .innerJoin('hazards as h', 'h.id', 'r.hazard_id')
    .innerJoin('equipment as e', 'e.id', 'r.equipment_id')
    .leftJoin('areas as a', 'a.id', 'e.area_id')
    .innerJoin('departments as d', 'd.id', 'r.department_id')
    .leftJoin('users as au', 'au.id', 'r.assignee_id')
    .leftJoin('users as hu', 'hu.id', 'h.reporter_id')
    .select([
      'r.id',
      'r.code',
      'r.status',
      'r.hazard_id',
      'h.code as hazard_code',
      'h.title as hazard_title',
      'h.description as hazard_description',
      'h.status as hazard_status',
      'h.photos as hazard_photos',
      'h.reported_at as hazard_reported_at',
      'hu.display_name as hazard_reporter_name',
      // the hazard's scope, for the visibility rule
      'h.reporter_id as h_reporter_id',
      'h.department_id as h_department_id',
      'h.reporter_department_id as h_reporter_department_id',
      'h.responsible_department_id as h_responsible_department_id',
      'h.responsible_user_id as h_responsible_user_id',
      'h.supervisor_id as h_supervisor_id',
      'h.grade as h_grade',
      'r.equipment_id',
      'e.code as equipment_code',
      'e.name as equipment_name',
      'a.name as area_name',
      'r.department_id',
      'd.name as department_name',
      'r.assignee_id',
      'au.display_name as assignee_name',
      'r.plan',
      'r.plan_files',
      'r.diagnosis',
      'r.diagnosed_at',
      'r.result_note',
      'r.started_at',
      'r.done_at',
      'r.created_at',
      'r.updated_at',
      'r.version',
    ]);
}

export type RepairRow = Awaited<ReturnType<ReturnType<typeof joined>['executeTakeFirstOrThrow']>>;

export function hazardScopeOf(r: RepairRow): HazardScope {
  return {
    status: r.hazard_status,
    reporterId: r.h_reporter_id,
    departmentId: r.h_department_id,
    reporterDepartmentId: r.h_reporter_department_id,
    responsibleDepartmentId: r.h_responsible_department_id,
    responsibleUserId: r.h_responsible_user_id,
    supervisorId: r.h_supervisor_id,
    grade: r.h_grade,
  };
}

export class RepairStore {
  /** The parts of a hazard this module needs (read-only; the hazards module owns the table). */
  hazard(tx: Tx, id: string) {
    return tx
      .selectFrom('hazards as h')
      .leftJoin('equipment as e', 'e.id', 'h.equipment_id')
      .select(['h.id', 'h.code', 'h.title', 'h.status', 'h.equipment_id', 'e.code as equipment_code', 'e.name as equipment_name'])
      .where('h.id', '=', id)
      .executeTakeFirst();
  }

  /** The department that repairs equipment: by its function, whatever the organisation calls it. */
  async repairDepartment(tx: Tx) {
    const rows = await tx.selectFrom('departments').select(['id', 'name', 'head_user_id', 'functions', 'sort']).execute();
    return departmentForFunction(rows, 'equipment') ?? undefined;
  }

  /** Next number in a per-tenant, per-month series: WX-202611-0001. */
  async nextCode(tx: Tx, tenantId: string, at: Date): Promise<string> {
    const month = `${at.getFullYear()}${String(at.getMonth() + 1).padStart(2, '0')}`;
    const row = await tx
      .insertInto('counters')
      .values({ tenant_id: tenantId, name: `repair:${month}`, value: 1 })
      .onConflict((oc) => oc.columns(['tenant_id', 'name']).doUpdateSet({ value: sql`counters.value + 1` }))
      .returning('value')
      .executeTakeFirstOrThrow();
    return `WX-${month}-${String(row.value).padStart(4, '0')}`;
  }

  async insert(tx: Tx, o: NewRepairOrder): Promise<string | null> {
    const row = await tx
      .insertInto('repair_orders')
      .values({
        tenant_id: o.tenantId,
        code: o.code,
        hazard_id: o.hazardId,
        equipment_id: o.equipmentId,
        department_id: o.departmentId,
        created_at: o.createdAt,
        updated_at: o.createdAt,
      })
      .onConflict((oc) => oc.column('hazard_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id ?? null;
  }

  existsForHazard(tx: Tx, hazardId: string) {
    return tx.selectFrom('repair_orders').select('id').where('hazard_id', '=', hazardId).executeTakeFirst();
  }

  /** The repair orders carrying this file among their plan files. */
  holdingFile(tx: Tx, fileId: string): Promise<RepairRow[]> {
    return joined(tx).where(sql<boolean>`r.plan_files @> ARRAY[${fileId}]::uuid[]`).limit(20).execute() as Promise<RepairRow[]>;
  }

  get(tx: Tx, id: string): Promise<RepairRow | undefined> {
    return joined(tx).where('r.id', '=', id).executeTakeFirst();
  }

  byHazard(tx: Tx, hazardId: string): Promise<RepairRow | undefined> {
    return joined(tx).where('r.hazard_id', '=', hazardId).executeTakeFirst();
  }

  async list(tx: Tx, f: { status?: string[]; departmentId?: string; hazardId?: string }, limit: number, offset: number) {
    let q = joined(tx);
    let count = tx.selectFrom('repair_orders as r').select(sql<string>`count(*)`.as('n'));
    if (f.status?.length) {
      q = q.where('r.status', 'in', f.status);
      count = count.where('r.status', 'in', f.status);
    }
    if (f.departmentId) {
      q = q.where('r.department_id', '=', f.departmentId);
      count = count.where('r.department_id', '=', f.departmentId);
    }
    if (f.hazardId) {
      q = q.where('r.hazard_id', '=', f.hazardId);
      count = count.where('r.hazard_id', '=', f.hazardId);
    }
    const rows = await q
      // open work first, then newest
      .orderBy(sql`CASE r.status WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 ELSE 2 END`)
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    const total = await count.executeTakeFirstOrThrow();
    return { rows, total: Number(total.n) };
  }

  /** Apply a step if the version and state still match; false when someone acted first. */
  async update(tx: Tx, id: string, version: number, fromStatus: string, patch: Record<string, unknown>, now: Date): Promise<boolean> {
    const r = await tx
      .updateTable('repair_orders')
      .set({ ...(patch as object), updated_at: now, version: sql`version + 1` })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('status', '=', fromStatus)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async usersInfo(tx: Tx, ids: string[]) {
    if (!ids.length) return [];
    return tx.selectFrom('users').select(['id', 'department_id', 'active']).where('id', 'in', ids).execute();
  }

  async files(tx: Tx, ids: string[]) {
    if (!ids.length) return [];
    return tx.selectFrom('files').select(['id', 'mime', 'size', 'original_name', 'width', 'height', 'thumb_sha256']).where('id', 'in', ids).execute();
  }
}

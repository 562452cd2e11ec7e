import type { Tx } from '../../platform/work.js';
import { departmentForFunction, type DepartmentFunction } from '../../../core/org/functions.js';

export class OrgStore {
  async departments(tx: Tx) {
    const rows = await tx
      .selectFrom('departments')
      .select(['id', 'code', 'name', 'kind', 'functions', 'head_user_id'])
      .orderBy('sort')
      .orderBy('code')
      .execute();
    return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, functions: r.functions, headUserId: r.head_user_id }));
  }

  /** The department doing `fn`'s work in this organisation (core/org/functions.ts: fallbacks included). */
  async departmentForFunction(tx: Tx, fn: DepartmentFunction) {
    const rows = await tx.selectFrom('departments').select(['id', 'code', 'name', 'functions', 'sort', 'head_user_id']).execute();
    return departmentForFunction(rows, fn);
  }

  async areas(tx: Tx) {
    const rows = await tx.selectFrom('areas').select(['id', 'code', 'name', 'kind', 'department_id']).orderBy('code').execute();
    return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, departmentId: r.department_id }));
  }

  async equipment(tx: Tx, areaId?: string) {
    let q = tx.selectFrom('equipment').select(['id', 'code', 'name', 'category', 'area_id', 'department_id', 'special_type']);
    if (areaId) q = q.where('area_id', '=', areaId);
    const rows = await q.orderBy('code').execute();
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      category: r.category,
      areaId: r.area_id,
      departmentId: r.department_id,
      specialType: r.special_type,
    }));
  }

  /** The staff directory: names and positions only, no contact data (PIPL: minimum necessary). */
  async users(tx: Tx, departmentId?: string) {
    let q = tx.selectFrom('users').select(['id', 'display_name', 'department_id', 'position', 'roles']).where('active', '=', true);
    if (departmentId) q = q.where('department_id', '=', departmentId);
    const rows = await q.orderBy('display_name').limit(1000).execute();
    return rows.map((r) => ({ id: r.id, displayName: r.display_name, departmentId: r.department_id, position: r.position, roles: r.roles }));
  }
}

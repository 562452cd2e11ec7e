import type { Tx } from '../../platform/work.js';
import { departmentForFunction, type DepartmentFunction } from '../../../core/org/functions.js';

export class DepartmentsViewStore {
  /** The departments doing each function's work (安全 → 安全环保部, 人事 → 人事部 …), in one query. */
  async byFunctions(tx: Tx, functions: DepartmentFunction[]) {
    const rows = await tx.selectFrom('departments').select(['id', 'name', 'functions', 'sort']).execute();
    const found = new Map<DepartmentFunction, { id: string; name: string }>();
    for (const fn of functions) {
      const d = departmentForFunction(rows, fn);
      if (d) found.set(fn, { id: d.id, name: d.name });
    }
    return found;
  }
}

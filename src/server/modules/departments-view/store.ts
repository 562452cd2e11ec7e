import type { Tx } from '../../platform/work.js';

export class DepartmentsViewStore {
  /** Departments by code (安全环保部 'safety', 人事部 'hr' …) in one query. */
  async byCodes(tx: Tx, codes: string[]) {
    if (!codes.length) return new Map<string, { id: string; name: string }>();
    const rows = await tx.selectFrom('departments').select(['id', 'code', 'name']).where('code', 'in', codes).execute();
    return new Map(rows.map((r) => [r.code, { id: r.id, name: r.name }]));
  }
}

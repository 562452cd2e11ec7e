import type { Tx } from '../../platform/work.js';

/**
 * Bring the tenant's monthly rollups up to date: recompute the months listed in
 * analytics_changes. Returns how many (source, month) pairs were recomputed.
 * (Implementation: see the rollups work item.)
 */
export async function refreshIfChanged(_tx: Tx, _tenantId: string): Promise<number> {
  return 0;
}

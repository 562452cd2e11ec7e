import type { Tx } from '../../platform/work.js';
export async function seedComms(_tx: Tx, _tenantId: string, _now: Date): Promise<void> {}

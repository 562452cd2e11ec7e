import type { Tx } from '../../platform/work.js';
import type { Month, MonthRange } from '../../../core/analytics/index.js';

export interface SatisfactionTotals {
  /** Sum and count of every answer (1–5) of rounds closing in the range. */
  sum: number;
  count: number;
  /** The same per month of the round's closes_at (UTC+8). */
  byMonth: Record<Month, { sum: number; count: number }>;
}

/**
 * Satisfaction for the dashboard and reports: answers of survey rounds whose closes_at falls in the
 * range, optionally of one department's respondents. (Stub: the surveys work item builds it.)
 */
export async function satisfactionTotals(_tx: Tx, _tenantId: string, _range: MonthRange, _departmentId?: string | null): Promise<SatisfactionTotals> {
  return { sum: 0, count: 0, byMonth: {} };
}

import { sql } from 'kysely';
import type { Tx } from '../../platform/work.js';
import { monthEnd, monthStart, type Month, type MonthRange } from '../../../core/analytics/index.js';

export interface SatisfactionTotals {
  /** Sum and count of every answer (1–5) of rounds closing in the range. */
  sum: number;
  count: number;
  /** The same per month of the round's closes_at (UTC+8). */
  byMonth: Record<Month, { sum: number; count: number }>;
}

/**
 * Satisfaction for the dashboard and reports: answers of survey rounds whose closes_at falls in the
 * range, optionally of one department's respondents (their department when they answered). The
 * mean is sum ÷ count; a round still open counts with the answers it has so far.
 */
export async function satisfactionTotals(tx: Tx, tenantId: string, range: MonthRange, departmentId?: string | null): Promise<SatisfactionTotals> {
  const { rows } = await sql<{ month: string; sum: string; count: string }>`
    SELECT to_char(analytics_month(s.closes_at), 'YYYY-MM') AS month, sum(a.value::int)::text AS sum, count(*)::text AS count
      FROM survey_rounds s
      JOIN survey_responses r ON r.round_id = s.id AND r.tenant_id = s.tenant_id
      CROSS JOIN LATERAL jsonb_each_text(r.answers) AS a
     WHERE s.tenant_id = ${tenantId}
       AND s.closes_at >= ${monthStart(range.from)} AND s.closes_at < ${monthEnd(range.to)}
       ${departmentId ? sql`AND r.department_id = ${departmentId}` : sql``}
     GROUP BY 1`.execute(tx);
  const out: SatisfactionTotals = { sum: 0, count: 0, byMonth: {} };
  for (const r of rows) {
    const m = { sum: Number(r.sum), count: Number(r.count) };
    out.byMonth[r.month] = m;
    out.sum += m.sum;
    out.count += m.count;
  }
  return out;
}

import { sql } from 'kysely';
import type { Tx } from '../../platform/work.js';
import { ROLLUP_SOURCES, type RollupSource } from './rollup-sql.js';

/**
 * Bring the tenant's monthly rollups up to date: recompute the months listed in
 * analytics_changes. Returns how many (source, month) pairs were recomputed.
 *
 * Runs inside the caller's transaction. A per-tenant advisory lock lets one refresh run at a
 * time; a caller that does not get it returns at once (or, with `wait`, as the refresh job does,
 * waits for it: the marks written meanwhile are its to take). Writers never wait: the triggers only append to analytics_changes, and a
 * change committed after the marks were taken stays there for the next refresh.
 */
export async function refreshIfChanged(tx: Tx, tenantId: string, { wait = false } = {}): Promise<number> {
  if (wait) await sql`SELECT pg_advisory_xact_lock(hashtext(${'analytics:' + tenantId}))`.execute(tx);
  else {
    const lock = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(hashtext(${'analytics:' + tenantId})) AS ok`.execute(tx);
    if (!lock.rows[0]?.ok) return 0;
  }
  const marks = await sql<{ source: RollupSource; month: string }>`
    WITH taken AS (DELETE FROM analytics_changes WHERE tenant_id = ${tenantId} RETURNING source, month)
    SELECT DISTINCT source, to_char(month, 'YYYY-MM-DD') AS month FROM taken ORDER BY source, month`.execute(tx);
  const bySource = new Map<RollupSource, string[]>();
  for (const m of marks.rows) bySource.set(m.source, [...(bySource.get(m.source) ?? []), m.month]);
  if (!bySource.size) return 0;
  // Just-in-time compilation costs more than it saves on these short aggregations (this transaction only).
  await sql`SELECT set_config('jit', 'off', true)`.execute(tx);
  for (const [source, months] of bySource) await recompute(tx, tenantId, source, months);
  return marks.rows.length;
}

/**
 * Replace the rollup rows of those months that the source feeds with a fresh aggregation, in one
 * statement: the source rows are read once, each table's rows of those months are deleted and
 * its new ones inserted (the statement's parts share one snapshot, so the deletes never see the inserts).
 */
async function recompute(tx: Tx, tenantId: string, source: RollupSource, months: string[]): Promise<void> {
  const { rows, parts } = ROLLUP_SOURCES[source];
  const ctes = [sql`src AS ${parts.length > 1 ? sql`MATERIALIZED` : sql``} (${rows(tenantId, months)})`];
  parts.forEach((part, i) => {
    const owns = part.owns ? sql`AND ${part.owns}` : sql``;
    ctes.push(sql`${sql.raw(`gone_${i}`)} AS (DELETE FROM ${sql.table(part.table)} WHERE tenant_id = ${tenantId} AND month = ANY(${months}::date[]) ${owns})`);
  });
  const insert = (i: number) => {
    const part = parts[i];
    return sql`INSERT INTO ${sql.table(part.table)} (${sql.join(part.columns.map((c) => sql.ref(c)))}) ${part.aggregate}`;
  };
  parts.slice(0, -1).forEach((_, i) => ctes.push(sql`${sql.raw(`made_${i}`)} AS (${insert(i)})`));
  await sql`WITH ${sql.join(ctes)} ${insert(parts.length - 1)}`.execute(tx);
}

export const REFRESH_JOB = 'analytics.refresh';
/** Announced when a tenant's rollups have caught up with its writes: dashboards refetch. */
export const ANALYTICS_REFRESHED = 'analytics.refreshed';

import { sql, type RawBuilder } from 'kysely';

/**
 * The aggregations behind the monthly rollups, for a list of months ('YYYY-MM-DD', the month's
 * first day). Each source (hazards, tasks, cases, actions) has one query for its rows of those
 * months (`src`) and one aggregation of `src` per rollup table it feeds. The refresh reads the
 * source rows once and writes every table from them in one statement; the same aggregations run
 * "live" (`part.select`) show what the rollups must hold.
 *
 * Source rows are found by a range on their raw timestamp (month start ≤ t < next month start,
 * both in UTC+8), so the tenant/time indexes are used instead of evaluating analytics_month on
 * every row. Durations are minutes (double precision).
 *
 * Task counts other than `tasks` and `cancelled` leave cancelled tasks out: the dashboard's rates
 * divide by tasks − cancelled.
 */

export type RollupSource = 'hazards' | 'tasks' | 'cases' | 'actions';

export type RollupTable =
  | 'analytics_hazard_monthly'
  | 'analytics_task_monthly'
  | 'analytics_case_monthly'
  | 'analytics_action_monthly'
  | 'analytics_duration_monthly';

export interface RollupPart {
  table: RollupTable;
  columns: readonly string[];
  /** Which rows of the table this part owns, beyond tenant and month (duration rows are shared by sources). */
  owns: RawBuilder<unknown> | null;
  /** The aggregation over `src`, columns in the order of `columns`. */
  aggregate: RawBuilder<unknown>;
  /** The same aggregation as a complete query over the source tables (the live SQL). */
  select: (tenantId: string, months: string[]) => RawBuilder<unknown>;
}

export interface RollupSourceSql {
  /** The source rows of those months, with the month they belong to: the `src` of every part. */
  rows: (tenantId: string, months: string[]) => RawBuilder<unknown>;
  parts: RollupPart[];
}

export const HAZARD_COLUMNS = [
  'tenant_id', 'month', 'department_id', 'area_id', 'grade', 'reported', 'closed', 'closed_with_deadline',
  'closed_on_time', 'first_pass', 'open_major',
] as const;
export const TASK_COLUMNS = [
  'tenant_id', 'month', 'template_id', 'task_key', 'task_name', 'department_id', 'tasks', 'cancelled', 'responded',
  'response_minutes', 'done', 'done_minutes', 'first_pass', 'reworked', 'overdue', 'exceptions',
] as const;
export const CASE_COLUMNS = ['tenant_id', 'month', 'template_id', 'cases', 'completed', 'cancelled', 'cycle_minutes'] as const;
export const ACTION_COLUMNS = ['tenant_id', 'month', 'template_id', 'actions', 'automated'] as const;
export const DURATION_COLUMNS = ['tenant_id', 'month', 'template_id', 'step', 'bucket', 'n', 'minutes'] as const;

/**
 * The months with their instant range in UTC+8: m(month, lo, hi). The bounds are computed here, so
 * the planner sees plain timestamptz values it can look up in an index, row by row of m.
 */
function monthRanges(months: string[]): RawBuilder<unknown> {
  const at = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`)).toISOString();
  const next = (day: string) => {
    const [y, m] = day.split('-').map(Number);
    return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  };
  return sql`unnest(${months}::date[], ${months.map(at)}::timestamptz[], ${months.map((m) => at(next(m)))}::timestamptz[]) AS m(month, lo, hi)`;
}

/**
 * The case of each task or timeline row (alias i, for its template). For a month or two — the usual
 * refresh after a write — each case is looked up by its id (OFFSET 0 keeps the planner from turning
 * that into a scan of every case of the tenant for a hash join); for many months one hash join is cheaper.
 */
const caseOf = (months: string[], instanceId: string) =>
  months.length <= 2
    ? sql`CROSS JOIN LATERAL (SELECT x.template_id FROM flow_instances x WHERE x.id = ${sql.raw(instanceId)} OFFSET 0) i`
    : sql`JOIN flow_instances i ON i.id = ${sql.raw(instanceId)}`;

/** Minutes between two instants (null when either is). */
const minutes = (from: string, to: string) => sql`(date_part('epoch', ${sql.raw(to)} - ${sql.raw(from)}) / 60)`;

/** Duration rows: n and minutes per bucket of `src` rows with (step, mins) from `steps`. */
const durationAggregate = (templateId: RawBuilder<unknown>, steps: RawBuilder<unknown>, where: RawBuilder<unknown>, groupTemplate: boolean) =>
  sql`SELECT src.tenant_id, src.month, ${templateId} AS template_id, s.step, analytics_bucket(s.mins) AS bucket,
      count(*)::int AS n, sum(s.mins) AS minutes
    FROM src CROSS JOIN LATERAL ${steps} AS s(step, mins)
    WHERE ${where}
    GROUP BY src.tenant_id, src.month, ${groupTemplate ? sql`src.template_id, ` : sql``}s.step, analytics_bucket(s.mins)`;

function source(rows: RollupSourceSql['rows'], parts: Omit<RollupPart, 'select'>[]): RollupSourceSql {
  return {
    rows,
    parts: parts.map((p) => ({ ...p, select: (tenantId: string, months: string[]) => sql`WITH src AS (${rows(tenantId, months)}) ${p.aggregate}` })),
  };
}

// ——— hazards: the loop's counts by cohort month, and its steps (template_id null) ———

const hazards = source(
  (tenantId, months) => sql`SELECT h.tenant_id, m.month, h.department_id, h.area_id, h.grade, h.status, h.deadline, h.reject_count,
      h.rectified_at, h.closed_at,
      ${minutes('h.reported_at', 'h.assessed_at')} AS assess,
      ${minutes('h.assessed_at', 'h.dispatched_at')} AS dispatch,
      ${minutes('h.dispatched_at', 'h.rectified_at')} AS rectify,
      ${minutes('h.rectified_at', 'h.closed_at')} AS verify,
      ${minutes('h.reported_at', 'h.closed_at')} AS cycle
    FROM ${monthRanges(months)}
    JOIN hazards h ON h.tenant_id = ${tenantId} AND h.reported_at >= m.lo AND h.reported_at < m.hi`,
  [
    {
      table: 'analytics_hazard_monthly',
      columns: HAZARD_COLUMNS,
      owns: null,
      aggregate: sql`SELECT tenant_id, month, department_id, area_id, grade,
          count(*)::int AS reported,
          count(*) FILTER (WHERE status = 'closed')::int AS closed,
          count(*) FILTER (WHERE status = 'closed' AND deadline IS NOT NULL)::int AS closed_with_deadline,
          count(*) FILTER (WHERE status = 'closed' AND coalesce(rectified_at, closed_at) <= deadline)::int AS closed_on_time,
          count(*) FILTER (WHERE status = 'closed' AND reject_count = 0)::int AS first_pass,
          count(*) FILTER (WHERE grade = 'major' AND status <> 'closed')::int AS open_major
        FROM src GROUP BY tenant_id, month, department_id, area_id, grade`,
    },
    {
      table: 'analytics_duration_monthly',
      columns: DURATION_COLUMNS,
      owns: sql`template_id IS NULL`,
      // a step counts once both its ends are set and in order
      aggregate: durationAggregate(
        sql`NULL::uuid`,
        sql`(VALUES ('assess', src.assess), ('dispatch', src.dispatch), ('rectify', src.rectify), ('verify', src.verify), ('_cycle', src.cycle))`,
        sql`s.mins >= 0`,
        false,
      ),
    },
  ],
);

// ——— tasks: collaboration tasks by the month they were dispatched; a flow's steps are its task keys ———

const tasks = source(
  (tenantId, months) => sql`SELECT t.tenant_id, m.month, i.template_id, t.key, t.name, t.department_id, t.status, t.rejections,
      t.overdue_at, t.done_at,
      ${minutes('t.created_at', 'least(t.started_at, t.submitted_at)')} AS response,
      ${minutes('t.created_at', 't.done_at')} AS duration
    FROM ${monthRanges(months)}
    JOIN flow_tasks t ON t.tenant_id = ${tenantId} AND t.created_at >= m.lo AND t.created_at < m.hi
    ${caseOf(months, 't.instance_id')}`,
  [
    {
      table: 'analytics_task_monthly',
      columns: TASK_COLUMNS,
      owns: null,
      aggregate: sql`SELECT tenant_id, month, template_id, key AS task_key, min(name) AS task_name, department_id,
          count(*)::int AS tasks,
          count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
          count(*) FILTER (WHERE status <> 'cancelled' AND response IS NOT NULL)::int AS responded,
          coalesce(sum(response) FILTER (WHERE status <> 'cancelled'), 0) AS response_minutes,
          count(*) FILTER (WHERE status = 'done')::int AS done,
          coalesce(sum(duration) FILTER (WHERE status = 'done'), 0) AS done_minutes,
          count(*) FILTER (WHERE status = 'done' AND rejections = 0)::int AS first_pass,
          count(*) FILTER (WHERE status <> 'cancelled' AND rejections > 0)::int AS reworked,
          count(*) FILTER (WHERE status <> 'cancelled' AND overdue_at IS NOT NULL)::int AS overdue,
          count(*) FILTER (WHERE status <> 'cancelled' AND (overdue_at IS NOT NULL OR rejections > 0))::int AS exceptions
        FROM src GROUP BY tenant_id, month, template_id, key, department_id`,
    },
    {
      table: 'analytics_duration_monthly',
      columns: DURATION_COLUMNS,
      owns: sql`template_id IS NOT NULL AND step <> '_cycle'`,
      aggregate: durationAggregate(
        sql`src.template_id`,
        sql`(VALUES (src.key, src.duration))`,
        sql`src.status = 'done' AND s.mins >= 0 AND src.key <> '_cycle'`,
        true,
      ),
    },
  ],
);

// ——— cases: collaboration cases by the month they were launched, and their whole cycle ———

const cases = source(
  (tenantId, months) => sql`SELECT i.tenant_id, m.month, i.template_id, i.status,
      CASE WHEN i.status = 'completed' THEN ${minutes('i.started_at', 'i.completed_at')} END AS cycle
    FROM ${monthRanges(months)}
    JOIN flow_instances i ON i.tenant_id = ${tenantId} AND i.started_at >= m.lo AND i.started_at < m.hi`,
  [
    {
      table: 'analytics_case_monthly',
      columns: CASE_COLUMNS,
      owns: null,
      aggregate: sql`SELECT tenant_id, month, template_id,
          count(*)::int AS cases,
          count(*) FILTER (WHERE cycle IS NOT NULL)::int AS completed,
          count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
          coalesce(sum(cycle), 0) AS cycle_minutes
        FROM src GROUP BY tenant_id, month, template_id`,
    },
    {
      table: 'analytics_duration_monthly',
      columns: DURATION_COLUMNS,
      owns: sql`template_id IS NOT NULL AND step = '_cycle'`,
      aggregate: durationAggregate(sql`src.template_id`, sql`(VALUES ('_cycle', src.cycle))`, sql`s.mins >= 0`, true),
    },
  ],
);

// ——— actions: timeline entries other than comments; automated = no person acted ———

const actions = source(
  (tenantId, months) => sql`SELECT l.tenant_id, m.month, i.template_id, l.actor_id
    FROM ${monthRanges(months)}
    JOIN flow_timeline l ON l.tenant_id = ${tenantId} AND l.at >= m.lo AND l.at < m.hi
    ${caseOf(months, 'l.instance_id')}
    WHERE l.kind <> 'comment' AND l.kind NOT LIKE '%comment%'`,
  [
    {
      table: 'analytics_action_monthly',
      columns: ACTION_COLUMNS,
      owns: null,
      aggregate: sql`SELECT tenant_id, month, template_id, count(*)::int AS actions, count(*) FILTER (WHERE actor_id IS NULL)::int AS automated
        FROM src GROUP BY tenant_id, month, template_id`,
    },
  ],
);

/** Every source's rows and the rollup parts it feeds. */
export const ROLLUP_SOURCES: Record<RollupSource, RollupSourceSql> = { hazards, tasks, cases, actions };

/** Every rollup part, by source. */
export const ROLLUP_PARTS: Record<RollupSource, RollupPart[]> = {
  hazards: hazards.parts,
  tasks: tasks.parts,
  cases: cases.parts,
  actions: actions.parts,
};

// Fill an existing demo database with N generated hazards, fast, in SQL (INSERT … SELECT generate_series).
//
//   node --import tsx bench/generate-hazards.ts --count 1000000 [--tenant demo] [--keep-indexes]
//
// Uses DATABASE_URL (an owner / superuser URL) or else the embedded PGlite database in DATA_DIR
// (default ./data), like the server and `npm run zhian`. The server must have started once on it
// (migrations + demo company). With PGlite the server must NOT be running (one process per data dir).
//
// The rows look like a few years of real use: reported over the last 3 years (weekdays, working
// hours), each one walked through the closed loop (assess → dispatch → rectify → accept) with
// realistic step times, so its status is simply how far it got by now — mostly closed, a few
// stalled in rectification (overdue); ~4 % major; areas, departments, equipment, reporters and
// responsible heads taken from the tenant's own reference data; titles from the demo catalogue.
// Codes are `BH-YYYYMM-NNNNNN`, numbered per month in order of reporting, continuing any BH- codes
// already there (the demo's own YH- series and its counters are left alone).
//
// Speed (1,000,000 rows on PostgreSQL: ~30 s on 2 vCPUs; 100,000 on PGlite: ~7 s): one statement;
// rows numbered in reporting order so codes need no sort; JIT off; the per-row foreign-key
// triggers skipped (session_replication_role = replica: the references all come from the tenant's
// own rows); and for 20,000 rows or more the table's secondary indexes (not the primary key or the
// unique code constraint) dropped and rebuilt from their exact definitions in the same transaction,
// several times faster than maintaining them row by row (the trigram GIN ones above all). That
// transaction locks the hazards table, so run it with the server idle. Then VACUUM ANALYZE, as
// autovacuum would have done on a table this old.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { evaluate } from '../src/core/standards/evaluate.js';
import { DEFAULT_STANDARDS } from '../src/core/standards/defaults.js';
import { openDatabase, type Database } from '../src/server/platform/db/database.js';
import { loadConfig } from '../src/server/platform/config.js';
import { DEMO_TENANT, DESCRIPTION_HINTS, HAZARD_TITLES } from '../src/server/seed/demo-data.js';

export interface GenerateOptions {
  count: number;
  /** Tenant code (default: the demo company's). */
  tenant?: string;
  /** Maintain the indexes row by row instead of rebuilding them (slower for large counts). */
  keepIndexes?: boolean;
  /** Progress messages. */
  log?: (msg: string) => void;
  /** Print EXPLAIN ANALYZE of the insert and roll it back (to see where the time goes). */
  explain?: boolean;
}

export interface GenerateResult {
  inserted: number;
  total: number;
  ms: { insert: number; indexes: number; vacuum: number; total: number };
}

/** Owner access to one database: a dedicated pg client (so BEGIN … COMMIT spans calls) or PGlite. */
export interface OwnerConnection {
  kind: 'postgres' | 'pglite';
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

export async function connectOwner(target: { databaseUrl?: string; dataDir?: string }): Promise<OwnerConnection> {
  if (target.databaseUrl) {
    const client = new pg.Client({ connectionString: target.databaseUrl });
    await client.connect();
    return {
      kind: 'postgres',
      async query(text, params) {
        return (await client.query(text, params as unknown[])).rows;
      },
      close: () => client.end(),
    };
  }
  if (!target.dataDir) throw new Error('connectOwner: give a databaseUrl or a dataDir');
  const database: Database = await openDatabase({ pgliteDir: path.join(target.dataDir, 'pgdata') });
  return {
    kind: 'pglite',
    query: (text, params) => database.owner.query(text, params),
    close: () => database.close(),
  };
}

const LEC = { l: [10, 6, 3, 1, 0.5], e: [6, 3, 2, 1], c: [40, 15, 7, 3, 1] };

/** Every LEC combination a general / a major hazard may have had, evaluated with the default standard. */
function riskCombos() {
  const one = (l: number, e: number, c: number) => {
    const r = evaluate('lec', { l, e, c }, DEFAULT_STANDARDS);
    return { input: { l, e, c }, score: r.score!, label: r.label, color: r.color };
  };
  const general = LEC.l.flatMap((l) => LEC.e.flatMap((e) => [7, 3, 1, 15].map((c) => one(l, e, c))));
  const major = [6, 10].flatMap((l) => [3, 6].flatMap((e) => [15, 40].map((c) => one(l, e, c))));
  return { general, major };
}

async function referenceData(db: OwnerConnection, tenantCode: string) {
  const [tenant] = await db.query<{ id: string }>('SELECT id::text FROM tenants WHERE code = $1', [tenantCode]);
  if (!tenant) {
    const all = await db.query<{ code: string }>('SELECT code FROM tenants ORDER BY code');
    throw new Error(
      `no tenant "${tenantCode}" in this database (tenants: ${all.map((t) => t.code).join(', ') || 'none'}); ` +
        'start the server on it once first so it migrates and loads the demo company',
    );
  }
  const t = tenant.id;
  const departments = await db.query<{ id: string; code: string; head: string | null }>(
    'SELECT id::text, code, head_user_id::text AS head FROM departments WHERE tenant_id = $1 ORDER BY sort, code',
    [t],
  );
  const areas = await db.query<{ id: string; kind: string; dept: string | null }>(
    'SELECT id::text, kind, department_id::text AS dept FROM areas WHERE tenant_id = $1 ORDER BY code',
    [t],
  );
  const equipment = await db.query<{ id: string; area: string | null }>(
    'SELECT id::text, area_id::text AS area FROM equipment WHERE tenant_id = $1 ORDER BY code',
    [t],
  );
  const users = await db.query<{ id: string; dept: string | null; roles: string[] }>(
    'SELECT id::text, department_id::text AS dept, roles FROM users WHERE tenant_id = $1 AND active ORDER BY username',
    [t],
  );
  if (!areas.length || !departments.length || !users.length) {
    throw new Error(`tenant "${tenantCode}" has no areas, departments or users to hang hazards on`);
  }
  return { tenantId: t, departments, areas, equipment, users };
}

/** The INSERT … SELECT: $1 tenant id, $2 count, $3 a JSON document of the reference data. */
export const INSERT_SQL = `
WITH p AS (
  SELECT
    (SELECT array_agg((e->>'id')::uuid ORDER BY o) FROM jsonb_array_elements(j->'areas') WITH ORDINALITY t(e, o)) AS area_id,
    (SELECT array_agg((e->>'dept')::uuid ORDER BY o) FROM jsonb_array_elements(j->'areas') WITH ORDINALITY t(e, o)) AS area_dept,
    (SELECT array_agg((e->>'titleStart')::int ORDER BY o) FROM jsonb_array_elements(j->'areas') WITH ORDINALITY t(e, o)) AS area_title_start,
    (SELECT array_agg((e->>'titleCount')::int ORDER BY o) FROM jsonb_array_elements(j->'areas') WITH ORDINALITY t(e, o)) AS area_title_count,
    (SELECT array_agg((e->>'eqStart')::int ORDER BY o) FROM jsonb_array_elements(j->'areas') WITH ORDINALITY t(e, o)) AS area_eq_start,
    (SELECT array_agg((e->>'eqCount')::int ORDER BY o) FROM jsonb_array_elements(j->'areas') WITH ORDINALITY t(e, o)) AS area_eq_count,
    (SELECT array_agg((e->>'respHead')::uuid ORDER BY o) FROM jsonb_array_elements(j->'areas') WITH ORDINALITY t(e, o)) AS area_resp_head,
    jsonb_array_length(j->'areas') AS n_areas,
    array(SELECT e::uuid FROM jsonb_array_elements_text(j->'equipment') WITH ORDINALITY t(e, o) ORDER BY o) AS eq_id,
    (j->>'equipmentDept')::uuid AS eq_dept,
    (j->>'equipmentHead')::uuid AS eq_head,
    array(SELECT e FROM jsonb_array_elements_text(j->'titles') WITH ORDINALITY t(e, o) ORDER BY o) AS titles,
    array(SELECT e FROM jsonb_array_elements_text(j->'descriptions') WITH ORDINALITY t(e, o) ORDER BY o) AS descriptions,
    (SELECT array_agg((e->>'id')::uuid ORDER BY o) FROM jsonb_array_elements(j->'reporters') WITH ORDINALITY t(e, o)) AS rep_id,
    (SELECT array_agg((e->>'dept')::uuid ORDER BY o) FROM jsonb_array_elements(j->'reporters') WITH ORDINALITY t(e, o)) AS rep_dept,
    jsonb_array_length(j->'reporters') AS n_reporters,
    array(SELECT e::uuid FROM jsonb_array_elements_text(j->'assessors') WITH ORDINALITY t(e, o) ORDER BY o) AS assessors,
    (j->>'supervisor')::uuid AS supervisor,
    j->'general' AS risk_general, jsonb_array_length(j->'general') AS n_general,
    j->'major' AS risk_major, jsonb_array_length(j->'major') AS n_major,
    extract(epoch FROM now())::float8 AS now_e
  FROM (SELECT $3::jsonb AS j) s
),
-- Weekdays of the last 3 years, each with a weight: busier lately (the system caught on), and
-- some days busier than others. Each day gets a contiguous range [g_from, g_to] of row numbers in
-- proportion, so row numbers follow the order of reporting and codes need no sort of the rows.
days AS (
  SELECT k, day, sum(w) OVER (ORDER BY k) AS cum
  FROM (
    SELECT row_number() OVER (ORDER BY day) AS k, day,
      (0.5 + random()) * (0.6 + 0.8 * extract(epoch FROM day - (date_trunc('day', now()) - interval '1095 days')) / (1095 * 86400)) AS w
    FROM generate_series(date_trunc('day', now()) - interval '1095 days', date_trunc('day', now()) - interval '1 day', interval '1 day') day
    WHERE extract(isodow FROM day) < 6
  ) x
),
bounds AS (
  SELECT k, day, to_char(day, 'YYYYMM') AS month,
    floor(coalesce(lag(cum) OVER (ORDER BY k), 0) / t.total * $2::int)::int + 1 AS g_from,
    floor(cum / t.total * $2::int)::int AS g_to
  FROM days, (SELECT max(cum) AS total FROM days) t
),
-- codes continue after the BH- codes already there in that month (an index range per month)
months AS (
  SELECT b.month, min(b.g_from) AS g_first,
    coalesce((
      SELECT max(substr(h.code, 11)::int) FROM hazards h
      WHERE h.tenant_id = $1::uuid AND h.code >= 'BH-' || b.month || '-' AND h.code <= 'BH-' || b.month || '-999999'
        AND h.code ~ '^BH-[0-9]{6}-[0-9]{6}$'
    ), 0) AS last
  FROM bounds b GROUP BY b.month
),
-- the random draws of each row (a CTE with volatile functions is materialized: each draw is made once)
d AS (
  SELECT
    g, b.month, p.now_e,
    -- reported at 07:30–18:30 in order of g within the day, as seconds since the epoch
    extract(epoch FROM b.day)::float8 + 3600 * (7.5 + 11 * ((g - b.g_from) + 0.5) / (b.g_to - b.g_from + 1)) AS e0,
    1 + floor(random() * p.n_areas)::int AS ai,
    1 + floor(random() * p.n_reporters)::int AS ri,
    random() AS r_eq, random() AS r_eq_pick, random() AS r_title, random() AS r_desc,
    random() < 0.04 AS major, random() AS r_risk,
    random() < 0.015 AS stalled, random() < 0.12 AS late, random() < 0.08 AS rejected,
    random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6
  FROM bounds b, generate_series(b.g_from, b.g_to) g, p
  WHERE b.g_to >= b.g_from
),
-- The moments of the closed loop, in hours after the report (NULL: never happens). Plain float
-- arithmetic on purpose: these CTEs are inlined, so every reference repeats its expression.
t1 AS (
  SELECT d.*,
    2 + r1 * 28 AS h_assess,
    3 + r1 * 28 + r2 * 20 AS h_dispatch,
    3 + r1 * 28 + r2 * 20 + 24 * (CASE WHEN major THEN 15 + floor(r3 * 10) ELSE 3 + floor(r3 * 5) END) AS h_deadline,
    (now_e - e0) / 3600 AS h_now
  FROM d
),
t2 AS (
  SELECT t1.*,
    CASE
      WHEN stalled THEN NULL
      WHEN late THEN h_deadline + 24 * (0.5 + r4 * 4)
      ELSE h_dispatch + (h_deadline - h_dispatch) * r4 * 0.9
    END AS h_submit
  FROM t1
),
t3 AS (
  SELECT t2.*, CASE WHEN rejected THEN h_submit + 3 + r5 * 30 END AS h_reject FROM t2
),
t4 AS (
  SELECT t3.*, CASE WHEN rejected THEN h_reject + 24 * (1 + r5 * 3) ELSE h_submit END AS h_last_submit FROM t3
),
t5 AS (
  SELECT t4.*, h_last_submit + 2 + r6 * 46 AS h_pass FROM t4
),
-- the status is how far the hazard got by now (materialized: the status is referenced many times below)
s AS MATERIALIZED (
  SELECT t5.*,
    CASE
      WHEN h_pass < h_now THEN 'closed'
      WHEN h_last_submit < h_now THEN 'verifying'
      WHEN h_reject < h_now THEN 'rectifying'
      WHEN h_submit < h_now THEN 'verifying'
      WHEN h_dispatch < h_now THEN 'rectifying'
      WHEN h_assess < h_now THEN 'assessed'
      ELSE 'reported'
    END AS status,
    -- 1 + the steps taken: assess, dispatch, submit, [reject, submit again], pass
    1 + (h_assess < h_now)::int + (h_dispatch < h_now)::int + coalesce((h_submit < h_now)::int, 0)
      + coalesce((h_reject < h_now)::int, 0) + coalesce((rejected AND h_last_submit < h_now)::int, 0)
      + coalesce((h_pass < h_now)::int, 0) AS version,
    CASE WHEN p.area_eq_count[ai] > 0 AND r_eq < 0.5 THEN p.eq_id[p.area_eq_start[ai] + floor(r_eq_pick * p.area_eq_count[ai])::int] END AS equipment_id
  FROM t5, p
)
INSERT INTO hazards (
  tenant_id, code, title, description, area_id, equipment_id, department_id, reporter_id, reporter_department_id,
  source, status, grade, risk_method, risk_input, risk_score, risk_level, risk_color, standards_version, assessment_basis,
  responsible_department_id, responsible_user_id, supervisor_id, measures, deadline, dispatched_at,
  rectification_note, rectified_at, reject_count, reported_at, assessed_at, closed_at, created_at, updated_at, version
)
SELECT
  $1::uuid,
  'BH-' || n.month || '-' || lpad(n.seq::text, greatest(6, length(n.seq::text)), '0'),
  p.titles[p.area_title_start[ai] + floor(r_title * p.area_title_count[ai])::int],
  p.descriptions[1 + floor(r_desc * cardinality(p.descriptions))::int],
  p.area_id[ai],
  n.equipment_id,
  p.area_dept[ai],
  p.rep_id[ri],
  p.rep_dept[ri],
  CASE WHEN r_desc < 0.03 THEN 'api' ELSE 'report' END,
  n.status,
  CASE WHEN assessed THEN CASE WHEN major THEN 'major' ELSE 'general' END END,
  CASE WHEN assessed THEN 'lec' END,
  CASE WHEN assessed THEN rk.v->'input' END,
  CASE WHEN assessed THEN (rk.v->>'score')::numeric END,
  CASE WHEN assessed THEN rk.v->>'label' END,
  CASE WHEN assessed THEN rk.v->>'color' END,
  CASE WHEN assessed THEN 1 END,
  CASE WHEN assessed THEN CASE WHEN major THEN '可能导致人员死亡，按统一标准定为重大隐患' ELSE '按统一标准评估为一般隐患' END END,
  CASE WHEN dispatched THEN CASE WHEN n.equipment_id IS NOT NULL THEN p.eq_dept ELSE p.area_dept[ai] END END,
  CASE WHEN dispatched THEN CASE WHEN n.equipment_id IS NOT NULL THEN p.eq_head ELSE p.area_resp_head[ai] END END,
  CASE WHEN dispatched AND major THEN p.supervisor END,
  CASE WHEN dispatched THEN '落实整改措施，完成后拍照上传' END,
  CASE WHEN dispatched THEN to_timestamp(e0 + 3600 * h_deadline) END,
  CASE WHEN dispatched THEN to_timestamp(e0 + 3600 * h_dispatch) END,
  CASE WHEN submitted THEN '已完成整改' END,
  CASE WHEN submitted THEN to_timestamp(e0 + 3600 * least(h_last_submit, h_now)) END,
  CASE WHEN h_reject < h_now THEN 1 ELSE 0 END,
  to_timestamp(e0),
  CASE WHEN assessed THEN to_timestamp(e0 + 3600 * h_assess) END,
  CASE WHEN n.status = 'closed' THEN to_timestamp(e0 + 3600 * h_pass) END,
  to_timestamp(e0),
  to_timestamp(e0 + 3600 * CASE n.status
    WHEN 'closed' THEN h_pass
    WHEN 'verifying' THEN least(h_last_submit, h_now)
    WHEN 'rectifying' THEN coalesce(CASE WHEN h_reject < h_now THEN h_reject END, h_dispatch)
    WHEN 'assessed' THEN h_assess
    ELSE 0
  END),
  n.version
FROM (SELECT s.*, s.g - x.g_first + 1 + x.last AS seq FROM s JOIN months x ON x.month = s.month) n
CROSS JOIN p
CROSS JOIN LATERAL (
  SELECT n.status <> 'reported' AS assessed,
    n.status NOT IN ('reported', 'assessed') AS dispatched,
    n.status IN ('verifying', 'closed') AS submitted
) st
CROSS JOIN LATERAL (
  SELECT CASE WHEN major THEN p.risk_major->(floor(r_risk * p.n_major)::int) ELSE p.risk_general->(floor(r_risk * p.n_general)::int) END AS v
) rk
`;

/** Secondary indexes of hazards (not backing a constraint), with their exact definitions. */
async function secondaryIndexes(db: OwnerConnection) {
  return db.query<{ name: string; def: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def
     FROM pg_index x
     JOIN pg_class i ON i.oid = x.indexrelid
     WHERE x.indrelid = 'hazards'::regclass
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
     ORDER BY i.relname`,
  );
}

/** The tenant id and the JSON document of reference data the INSERT draws from ($1 and $3). */
export async function generationInput(db: OwnerConnection, tenantCode: string) {
  const ref = await referenceData(db, tenantCode);

  // titles by area kind, flattened; each area points at its kind's slice
  const kinds = Object.keys(HAZARD_TITLES);
  const titles: string[] = [];
  const titleSlice = new Map<string, [number, number]>();
  for (const k of kinds) {
    titleSlice.set(k, [titles.length + 1, HAZARD_TITLES[k].length]);
    titles.push(...HAZARD_TITLES[k]);
  }
  const fallbackSlice = titleSlice.get('workshop') ?? [1, titles.length];
  const deptByCode = new Map(ref.departments.map((d) => [d.code, d]));
  const headOf = new Map(ref.departments.map((d) => [d.id, d.head]));
  const anyDept = ref.departments.find((d) => d.code === 'production') ?? ref.departments[0];
  // equipment grouped by area (1-based slices of one array)
  const equipment: string[] = [];
  const eqSlice = new Map<string, [number, number]>();
  for (const a of ref.areas) {
    const inArea = ref.equipment.filter((e) => e.area === a.id).map((e) => e.id);
    eqSlice.set(a.id, [equipment.length + 1, inArea.length]);
    equipment.push(...inArea);
  }
  const equipmentDept = deptByCode.get('equipment') ?? anyDept;
  const reporters = ref.users.filter((u) => u.dept).map((u) => ({ id: u.id, dept: u.dept }));
  const assessors = ref.users.filter((u) => u.roles.includes('safety_officer')).map((u) => u.id);
  const supervisor = ref.users.find((u) => u.roles.includes('committee'))?.id ?? assessors[0] ?? ref.users[0].id;
  const risks = riskCombos();
  const doc = {
    areas: ref.areas.map((a) => {
      const dept = a.dept ?? anyDept.id;
      const [titleStart, titleCount] = titleSlice.get(a.kind) ?? fallbackSlice;
      const [eqStart, eqCount] = eqSlice.get(a.id)!;
      return { id: a.id, dept, titleStart, titleCount, eqStart, eqCount, respHead: headOf.get(dept) ?? null };
    }),
    equipment,
    equipmentDept: equipmentDept.id,
    equipmentHead: equipmentDept.head,
    titles,
    descriptions: [...DESCRIPTION_HINTS],
    reporters: reporters.length ? reporters : ref.users.map((u) => ({ id: u.id, dept: anyDept.id })),
    assessors,
    supervisor,
    general: risks.general,
    major: risks.major,
  };

  return { tenantId: ref.tenantId, doc };
}

export async function generateHazards(db: OwnerConnection, options: GenerateOptions): Promise<GenerateResult> {
  const log = options.log ?? (() => {});
  const count = Math.floor(options.count);
  if (!(count > 0)) throw new Error(`--count must be a positive integer, got ${options.count}`);
  const started = performance.now();
  const { tenantId, doc } = await generationInput(db, options.tenant ?? DEMO_TENANT.code);
  const rebuild = !options.keepIndexes && count >= 20_000;
  let insertMs = 0;
  let indexMs = 0;
  await db.query('BEGIN');
  try {
    // generous memory for the hash join and the index builds of this one transaction
    await db.query(`SET LOCAL work_mem = '${db.kind === 'pglite' ? '256MB' : '1GB'}'`);
    await db.query(`SET LOCAL maintenance_work_mem = '${db.kind === 'pglite' ? '256MB' : '1GB'}'`);
    // JIT compiling this one big statement costs seconds and saves nothing
    await db.query('SET LOCAL jit = off');
    // Skip the per-row foreign-key triggers (9 per row, ~40 % of the time): every reference is
    // taken from the tenant's own rows just above, in this transaction. Owner (superuser) only.
    await db.query('SET LOCAL session_replication_role = replica');
    if (db.kind === 'postgres') await db.query('SET LOCAL synchronous_commit = off');
    const indexes = rebuild ? await secondaryIndexes(db) : [];
    if (indexes.length) {
      log(`dropping ${indexes.length} secondary indexes of hazards for the bulk insert (rebuilt before commit)`);
      for (const ix of indexes) await db.query(`DROP INDEX ${pg.escapeIdentifier(ix.name)}`);
    }
    log(`inserting ${count.toLocaleString('en-US')} hazards …`);
    const t0 = performance.now();
    if (options.explain) {
      const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${INSERT_SQL}`, [tenantId, count, JSON.stringify(doc)]);
      console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
      throw new Error('--explain: rolled back');
    }
    await db.query(INSERT_SQL, [tenantId, count, JSON.stringify(doc)]);
    insertMs = performance.now() - t0;
    log(`inserted in ${(insertMs / 1000).toFixed(1)} s`);
    if (indexes.length) {
      const t1 = performance.now();
      for (const ix of indexes) await db.query(ix.def);
      indexMs = performance.now() - t1;
      log(`rebuilt ${indexes.length} indexes in ${(indexMs / 1000).toFixed(1)} s`);
    }
    await db.query('COMMIT');
  } catch (err) {
    await db.query('ROLLBACK').catch(() => {});
    throw err;
  }
  const t2 = performance.now();
  await db.query('VACUUM (ANALYZE) hazards');
  const vacuumMs = performance.now() - t2;
  log(`VACUUM ANALYZE in ${(vacuumMs / 1000).toFixed(1)} s`);
  const [{ n }] = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM hazards WHERE tenant_id = $1', [tenantId]);
  return {
    inserted: count,
    total: Number(n),
    ms: { insert: insertMs, indexes: indexMs, vacuum: vacuumMs, total: performance.now() - started },
  };
}

// ---------------------------------------------------------------------------
// Standalone use.

function parseArgs(argv: string[]): GenerateOptions {
  const opts: GenerateOptions = { count: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--count' || a === '-n') opts.count = Number(value().replace(/[_,]/g, ''));
    else if (a.startsWith('--count=')) opts.count = Number(a.slice(8).replace(/[_,]/g, ''));
    else if (a === '--tenant') opts.tenant = value();
    else if (a === '--keep-indexes') opts.keepIndexes = true;
    else if (a === '--explain') opts.explain = true;
    else if (a === '--help' || a === '-h') {
      console.log('usage: node --import tsx bench/generate-hazards.ts --count N [--tenant CODE] [--keep-indexes]\n' +
        '  target: DATABASE_URL (owner URL) or the PGlite database in DATA_DIR (default ./data; server stopped)');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!(opts.count > 0)) throw new Error('give --count N (a positive number)');
  return opts;
}

async function cli() {
  const opts = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const db = await connectOwner({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const where = db.kind === 'postgres' ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
  try {
    const r = await generateHazards(db, { ...opts, log: (m) => console.error(`  · ${m}`) });
    console.log(
      `generated ${r.inserted.toLocaleString('en-US')} hazards on ${where} in ${(r.ms.total / 1000).toFixed(1)} s ` +
        `(insert ${(r.ms.insert / 1000).toFixed(1)} s, indexes ${(r.ms.indexes / 1000).toFixed(1)} s, vacuum ${(r.ms.vacuum / 1000).toFixed(1)} s); ` +
        `the tenant now has ${r.total.toLocaleString('en-US')}`,
    );
  } finally {
    await db.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  cli().catch((err) => {
    console.error(`generate-hazards: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  });
}

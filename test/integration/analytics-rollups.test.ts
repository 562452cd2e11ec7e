import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, pngBytes, multipart, onPostgres, ORIGIN, type TestApp, type Client } from '../helpers/app.js';
import { seedDemo } from '../../src/server/seed/demo.js';
import { systemActor } from '../../src/server/platform/access.js';
import { enterTenant } from '../../src/server/platform/work.js';
import { refreshIfChanged } from '../../src/server/modules/analytics/rollup.js';
import { ROLLUP_PARTS, type RollupPart } from '../../src/server/modules/analytics/rollup-sql.js';

/**
 * The incremental rollups must always equal the same aggregation run live over the source rows:
 * after a run of random events through the API (and timestamps moved across months in SQL), one
 * refresh brings every rollup table to exactly what the live SQL says.
 */

let t: TestApp;
let otherTenant: string;
let ids: Awaited<ReturnType<TestApp['ids']>>;
let safety: Client, worker: Client, production: Client, equipment: Client;
let templateId: string;
const DAY = 86_400_000;
const SEED = Number(process.env.ROLLUP_SEED ?? 20261203);

const TABLES = ['analytics_hazard_monthly', 'analytics_task_monthly', 'analytics_case_monthly', 'analytics_action_monthly', 'analytics_duration_monthly'] as const;
type Table = (typeof TABLES)[number];
type Row = Record<string, unknown>;
/** Columns holding sums of minutes (compared within 1e-6); every other column must match exactly. */
const FLOAT_COLUMNS = new Set(['response_minutes', 'done_minutes', 'cycle_minutes', 'minutes']);

beforeAll(async () => {
  t = await startTestApp();
  otherTenant = await seedDemo(t.database.db, t.clock, { code: 'other', name: '另一家公司', months: 1 });
  ids = await t.ids();
  await loginAll();
  const definition = {
    nodes: [
      { id: 'start', type: 'start' },
      { id: 'inspect', type: 'task', name: '现场检查', assignee: { departmentCode: 'production' }, deadline: { hours: 8 }, review: true, form: { type: 'object', properties: {}, required: [] } },
      { id: 'fix', type: 'task', name: '设备修复', assignee: { departmentCode: 'equipment' }, deadline: { hours: 24 }, form: { type: 'object', properties: {}, required: [] } },
      { id: 'end', type: 'end' },
    ],
    edges: [
      { id: 'e1', from: 'start', to: 'inspect' },
      { id: 'e2', from: 'inspect', to: 'fix' },
      { id: 'e3', from: 'fix', to: 'end' },
    ],
  };
  const tpl = await safety.post('/api/v1/flows/templates', { key: 'rollup-check', name: '统计校验流程', category: 'collaboration', subjectTypes: ['none'], definition });
  expect(tpl.status, JSON.stringify(tpl.body)).toBe(201);
  templateId = tpl.body.id;
}, 120_000);
afterAll(() => t?.stop());

/** Sessions last 12 hours of the clock: log in again after moving it. */
async function loginAll() {
  [safety, worker, production, equipment] = await Promise.all(['safety', 'worker', 'production', 'equipment'].map((u) => t.login(u)));
}

const refresh = (tenantId: string) => t.platform.run(systemActor(tenantId), (w) => refreshIfChanged(w.tx, tenantId));

/** Run queries as the runtime role inside one tenant, like the app does. */
function inTenant<T>(tenantId: string, fn: (tx: Parameters<typeof enterTenant>[0]) => Promise<T>): Promise<T> {
  return t.database.db.transaction().execute(async (tx) => {
    await enterTenant(tx, tenantId, null);
    return fn(tx);
  });
}

const normal = (row: Row): Row =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString().slice(0, 10) : v === null ? null : typeof v === 'string' || typeof v === 'number' ? v : String(v)]));
const identity = (row: Row) => JSON.stringify(Object.entries(row).filter(([k]) => !FLOAT_COLUMNS.has(k)));
const sorted = (rows: Row[]) => rows.map(normal).sort((a, b) => identity(a).localeCompare(identity(b)));

/** Every rollup table's rows of the tenant, as stored. */
async function stored(tenantId: string): Promise<Record<Table, Row[]>> {
  return inTenant(tenantId, async (tx) => {
    const out = {} as Record<Table, Row[]>;
    for (const table of TABLES) {
      const columns = partsOf(table)[0].columns;
      const rows = await sql<Row>`SELECT ${sql.join(columns.map((c) => sql.ref(c)))} FROM ${sql.table(table)} WHERE tenant_id = ${tenantId}`.execute(tx);
      out[table] = sorted(rows.rows);
    }
    return out;
  });
}

const partsOf = (table: Table): RollupPart[] => Object.values(ROLLUP_PARTS).flat().filter((p) => p.table === table);

/** The same aggregations run live over the source rows, for every month that has data or rollup rows. */
async function live(tenantId: string): Promise<Record<Table, Row[]>> {
  return inTenant(tenantId, async (tx) => {
    const months = (
      await sql<{ m: string }>`SELECT DISTINCT to_char(m, 'YYYY-MM-DD') AS m FROM (
          SELECT analytics_month(reported_at) AS m FROM hazards
          UNION SELECT analytics_month(created_at) FROM flow_tasks
          UNION SELECT analytics_month(started_at) FROM flow_instances
          UNION SELECT analytics_month(at) FROM flow_timeline
          UNION SELECT month FROM analytics_hazard_monthly UNION SELECT month FROM analytics_task_monthly
          UNION SELECT month FROM analytics_case_monthly UNION SELECT month FROM analytics_action_monthly
          UNION SELECT month FROM analytics_duration_monthly) x`.execute(tx)
    ).rows.map((r) => r.m);
    const out = {} as Record<Table, Row[]>;
    for (const table of TABLES) {
      const rows: Row[] = [];
      for (const part of partsOf(table)) rows.push(...(await sql<Row>`${part.select(tenantId, months)}`.execute(tx)).rows);
      out[table] = sorted(rows);
    }
    return out;
  });
}

function expectSameRows(actual: Record<Table, Row[]>, expected: Record<Table, Row[]>) {
  for (const table of TABLES) {
    const a = actual[table];
    const e = expected[table];
    expect(a.map(identity), `${table}: rows and counts`).toEqual(e.map(identity));
    a.forEach((row, i) => {
      for (const k of Object.keys(row)) {
        if (FLOAT_COLUMNS.has(k)) expect(Math.abs(Number(row[k]) - Number(e[i][k])), `${table}.${k} of ${identity(row)}`).toBeLessThan(1e-6);
      }
    });
  }
}

const pendingChanges = async (tenantId: string) =>
  Number((await t.database.owner.query<{ n: string }>('SELECT count(*)::text AS n FROM analytics_changes WHERE tenant_id = $1', [tenantId]))[0].n);

/** A small deterministic random source (mulberry32), so a failing run can be replayed with ROLLUP_SEED. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: T[]) => xs[Math.floor(next() * xs.length)] };
}

async function photo(c: Client) {
  const { payload, headers } = multipart('after.png', await pngBytes());
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/files', payload, headers: { ...headers, cookie: c.cookie!, origin: ORIGIN, host: 'localhost:3000' } });
  return JSON.parse(res.body).id as string;
}

/** A run of random events on the demo tenant: the hazard loop, collaboration cases, and months moved in SQL. */
async function randomEvents(steps: number, seed: number) {
  const r = random(seed);
  const hazards: string[] = [];
  const cases: string[] = [];
  const afterPhoto = await photo(equipment);
  const inDays = (n: number) => new Date(t.clock.now().getTime() + n * DAY).toISOString();
  const departments = Object.values(ids.departments);
  const areas = Object.values(ids.areas);
  const clientOf = (departmentId: string) => (departmentId === ids.departments.production ? production : equipment);
  /** One of the hazards this run reported, in the given status (the demo's own may belong to other people). */
  const hazard = async (status: string, i: number) => {
    const [row] = await t.database.owner.query<{ id: string }>(
      'SELECT id FROM hazards WHERE id = ANY($1::uuid[]) AND status = $2 ORDER BY md5(id::text || $3) LIMIT 1',
      [hazards, status, String(i)],
    );
    return row ? (await safety.get(`/api/v1/hazards/${row.id}`)).body : null;
  };
  const ok = (res: { status: number; body: unknown }, what: string) => expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  const log: string[] = [];

  for (let i = 0; i < steps; i++) {
    const roll = r.next();
    if (roll < 0.14 || hazards.length < 3) {
      const res = await r.pick([worker, safety]).post('/api/v1/hazards', { title: `随机隐患 ${i}`, departmentId: r.pick(departments), areaId: r.next() < 0.85 ? r.pick(areas) : undefined });
      ok(res, 'report');
      hazards.push(res.body.id);
      log.push('report');
    } else if (roll < 0.22) {
      const h = await hazard('reported', i);
      if (!h) continue;
      ok(await safety.post(`/api/v1/hazards/${h.id}/assess`, { version: h.version, grade: r.next() < 0.3 ? 'major' : 'general', basis: '现场核实，按统一标准定级' }), 'assess');
      log.push('assess');
    } else if (roll < 0.3) {
      const h = await hazard('assessed', i);
      if (!h) continue;
      ok(
        await safety.post(`/api/v1/hazards/${h.id}/dispatch`, {
          version: h.version, responsibleDepartmentId: ids.departments.equipment, responsibleUserId: ids.users.equipment,
          deadline: inDays(r.int(1, 10)), measures: '按方案整改', ...(h.grade === 'major' ? { supervisorId: ids.users.committee } : {}),
        }),
        'dispatch',
      );
      log.push('dispatch');
    } else if (roll < 0.38) {
      const h = await hazard('rectifying', i);
      if (!h) continue;
      ok(await equipment.post(`/api/v1/hazards/${h.id}/submit`, { version: h.version, note: '已整改', afterPhotos: [afterPhoto] }), 'submit');
      log.push('submit');
    } else if (roll < 0.46) {
      const h = await hazard('verifying', i);
      if (!h) continue;
      const pass = r.next() < 0.65;
      ok(await safety.post(`/api/v1/hazards/${h.id}/verify`, { version: h.version, result: pass ? 'pass' : 'reject', ...(pass ? {} : { comment: '整改不到位' }) }), 'verify');
      log.push(pass ? 'pass' : 'reject');
    } else if (roll < 0.52) {
      // move a hazard (ours or the seed's) back across months, with its whole timeline
      const days = r.int(10, 80);
      await t.database.owner.query(
        `UPDATE hazards SET reported_at = reported_at - $2 * interval '1 day', assessed_at = assessed_at - $2 * interval '1 day',
           dispatched_at = dispatched_at - $2 * interval '1 day', rectified_at = rectified_at - $2 * interval '1 day',
           closed_at = closed_at - $2 * interval '1 day', deadline = deadline - $2 * interval '1 day' + $3 * interval '1 hour'
         WHERE id = (SELECT id FROM hazards WHERE tenant_id = $1 ORDER BY md5(id::text || $4) LIMIT 1)`,
        [t.tenantId, days, r.int(-48, 48), String(i)],
      );
      log.push('move hazard');
    } else if (roll < 0.62 || cases.length < 2) {
      const res = await safety.post('/api/v1/flows/instances', { templateId, title: `随机协同 ${i}`, subjectType: 'none' });
      ok(res, 'launch');
      cases.push(res.body.id);
      log.push('launch');
    } else if (roll < 0.84) {
      const board = (await safety.get(`/api/v1/flows/instances/${r.pick(cases)}`)).body;
      const task = r.pick(board.tasks.filter((x: { status: string }) => ['open', 'in_progress', 'submitted'].includes(x.status)) as any[]);
      if (!task) continue;
      const worker = clientOf(task.department.id);
      if (task.status === 'open' && r.next() < 0.5) {
        ok(await worker.post(`/api/v1/flows/tasks/${task.id}/start`, { version: task.version }), 'start');
        log.push('start');
      } else if (task.status === 'open' || task.status === 'in_progress') {
        ok(await worker.post(`/api/v1/flows/tasks/${task.id}/submit`, { version: task.version, outputs: {} }), 'task submit');
        log.push('task submit');
      } else if (r.next() < 0.7) {
        ok(await safety.post(`/api/v1/flows/tasks/${task.id}/approve`, { version: task.version }), 'approve');
        log.push('approve');
      } else {
        ok(await safety.post(`/api/v1/flows/tasks/${task.id}/reject`, { version: task.version, reason: '材料不全' }), 'task reject');
        log.push('task reject');
      }
    } else if (roll < 0.88) {
      const id = r.pick(cases);
      ok(await r.pick([safety, production]).post(`/api/v1/flows/instances/${id}/comments`, { body: '请尽快处理' }), 'comment');
      log.push('comment');
    } else if (roll < 0.91) {
      const board = (await safety.get(`/api/v1/flows/instances/${r.pick(cases)}`)).body;
      if (board.status !== 'running') continue;
      ok(await safety.post(`/api/v1/flows/instances/${board.id}/cancel`, { version: board.version, reason: '重复发起' }), 'cancel');
      log.push('cancel');
    } else if (roll < 0.96) {
      // move a case (ours or the seed's) and its tasks back across months
      const days = r.int(10, 60);
      const [c] = await t.database.owner.query<{ id: string }>(
        `SELECT id FROM flow_instances WHERE tenant_id = $1 ORDER BY md5(id::text || $2) LIMIT 1`,
        [t.tenantId, String(i)],
      );
      await t.database.owner.query(
        `UPDATE flow_instances SET started_at = started_at - $2 * interval '1 day', completed_at = completed_at - $2 * interval '1 day' WHERE id = $1`,
        [c.id, days],
      );
      await t.database.owner.query(
        `UPDATE flow_tasks SET created_at = created_at - $2 * interval '1 day', started_at = started_at - $2 * interval '1 day',
           submitted_at = submitted_at - $2 * interval '1 day', done_at = done_at - $2 * interval '1 day',
           overdue_at = CASE WHEN $3 THEN coalesce(overdue_at, created_at) ELSE overdue_at END
         WHERE instance_id = $1`,
        [c.id, days, r.next() < 0.3],
      );
      log.push('move case');
    } else {
      // time passes: reminders, overdue marks and escalations by the system (automated actions)
      t.clock.advance(r.int(2, 30) * 3_600_000);
      await t.drain();
      await t.drain();
      await loginAll();
      log.push('time passes');
    }
  }
  return log;
}

describe('incremental rollups', () => {
  it('build every month of the history from nothing, equal to the live SQL', async () => {
    // start from empty rollups with every month marked, as right after the migration
    for (const table of TABLES) await t.database.owner.query(`DELETE FROM ${table} WHERE tenant_id = $1`, [t.tenantId]);
    await t.database.owner.query(
      `INSERT INTO analytics_changes (tenant_id, source, month)
         SELECT DISTINCT tenant_id, 'hazards', analytics_month(reported_at) FROM hazards WHERE tenant_id = $1
         UNION SELECT DISTINCT tenant_id, 'tasks', analytics_month(created_at) FROM flow_tasks WHERE tenant_id = $1
         UNION SELECT DISTINCT tenant_id, 'cases', analytics_month(started_at) FROM flow_instances WHERE tenant_id = $1
         UNION SELECT DISTINCT tenant_id, 'actions', analytics_month(at) FROM flow_timeline WHERE tenant_id = $1`,
      [t.tenantId],
    );
    expect(await refresh(t.tenantId)).toBeGreaterThan(0);
    expect(await pendingChanges(t.tenantId)).toBe(0);
    const rows = await stored(t.tenantId);
    for (const table of TABLES) expect(rows[table].length, table).toBeGreaterThan(0);
    expectSameRows(rows, await live(t.tenantId));
    expect(await refresh(t.tenantId)).toBe(0); // nothing changed, nothing recomputed
  }, 60_000);

  it('equal the live SQL after a run of random events, and a second refresh recomputes nothing', async () => {
    await refresh(otherTenant);
    const otherBefore = await stored(otherTenant);
    const log = await randomEvents(120, SEED);
    // the run really exercised the loop and the flows
    for (const kind of ['report', 'assess', 'dispatch', 'launch', 'task submit', 'move hazard', 'move case']) expect(log, `seed ${SEED}`).toContain(kind);
    expect(await pendingChanges(t.tenantId)).toBeGreaterThan(0);
    const recomputed = await refresh(t.tenantId);
    expect(recomputed).toBeGreaterThan(0);
    expect(await pendingChanges(t.tenantId)).toBe(0);
    expectSameRows(await stored(t.tenantId), await live(t.tenantId));
    expect(await refresh(t.tenantId)).toBe(0);
    // the other tenant's timers fired too: its own refresh job keeps its rollups equal to its figures
    await t.drain();
    expect(await pendingChanges(otherTenant)).toBe(0);
    expect(await stored(otherTenant)).not.toEqual(otherBefore);
    expectSameRows(await stored(otherTenant), await live(otherTenant));
  }, 120_000);

  it('a change in one month recomputes only that month, and only for its source', async () => {
    await refresh(t.tenantId);
    const [a, b] = await t.database.owner.query<{ month: string }>(
      `SELECT DISTINCT to_char(month, 'YYYY-MM-DD') AS month FROM analytics_hazard_monthly WHERE tenant_id = $1 ORDER BY 1 LIMIT 2`,
      [t.tenantId],
    );
    // corrupt a rollup row of month B and of month A's flow rows: a refresh that recomputed them would repair them
    await t.database.owner.query(`UPDATE analytics_hazard_monthly SET reported = reported + 1000 WHERE tenant_id = $1 AND month = $2`, [t.tenantId, b.month]);
    await t.database.owner.query(`UPDATE analytics_case_monthly SET cases = cases + 1000 WHERE tenant_id = $1 AND month = $2`, [t.tenantId, a.month]);
    await t.database.owner.query(
      `UPDATE hazards SET title = title || '（复核）' WHERE id = (SELECT id FROM hazards WHERE tenant_id = $1 AND analytics_month(reported_at) = $2 LIMIT 1)`,
      [t.tenantId, a.month],
    );
    expect(await refresh(t.tenantId)).toBe(1);
    const rows = await stored(t.tenantId);
    const expected = await live(t.tenantId);
    const reported = (all: Record<Table, Row[]>, month: string) =>
      all.analytics_hazard_monthly.filter((x) => x.month === month).reduce((s, x) => s + Number(x.reported), 0);
    const cases = (all: Record<Table, Row[]>, month: string) =>
      all.analytics_case_monthly.filter((x) => x.month === month).reduce((s, x) => s + Number(x.cases), 0);
    expect(reported(rows, a.month)).toBe(reported(expected, a.month));
    expect(reported(rows, b.month)).toBe(reported(expected, b.month) + 1000 * rows.analytics_hazard_monthly.filter((x) => x.month === b.month).length);
    expect(cases(rows, a.month)).toBe(cases(expected, a.month) + 1000 * rows.analytics_case_monthly.filter((x) => x.month === a.month).length);
    // everything else (the flows' duration rows of month A included) is as the live SQL says
    expectSameRows({ ...rows, analytics_hazard_monthly: expected.analytics_hazard_monthly, analytics_case_monthly: expected.analytics_case_monthly }, expected);

    // repair by marking the months, as any write to them would
    await t.database.owner.query(
      `INSERT INTO analytics_changes (tenant_id, source, month) VALUES ($1, 'hazards', $2), ($1, 'cases', $3)`,
      [t.tenantId, b.month, a.month],
    );
    expect(await refresh(t.tenantId)).toBe(2);
    expectSameRows(await stored(t.tenantId), await live(t.tenantId));
  }, 60_000);

  it('a refresh of a single month of tasks and actions (cases looked up one by one) equals the live SQL', async () => {
    await refresh(t.tenantId);
    const [task] = await t.database.owner.query<{ id: string; instance_id: string }>(
      `SELECT id, instance_id FROM flow_tasks WHERE tenant_id = $1 AND status = 'done' ORDER BY created_at LIMIT 1`,
      [t.tenantId],
    );
    await t.database.owner.query(`UPDATE flow_tasks SET rejections = rejections + 1, done_at = done_at + interval '3 hours' WHERE id = $1`, [task.id]);
    await t.database.owner.query(
      `INSERT INTO flow_timeline (tenant_id, instance_id, kind, actor_id, at, text) VALUES ($1, $2, 'task.reminded', NULL, now(), '提醒')`,
      [t.tenantId, task.instance_id],
    );
    expect(await refresh(t.tenantId)).toBe(2);
    expectSameRows(await stored(t.tenantId), await live(t.tenantId));
  }, 60_000);

  it('a refresh of one tenant neither takes nor applies another tenant’s changes', async () => {
    await refresh(otherTenant);
    const before = await stored(otherTenant);
    await t.database.owner.query(
      `UPDATE hazards SET status = 'closed', closed_at = reported_at + interval '1 day' WHERE id = (SELECT id FROM hazards WHERE tenant_id = $1 AND status <> 'closed' LIMIT 1)`,
      [otherTenant],
    );
    await t.database.owner.query(`UPDATE hazards SET title = title WHERE id = (SELECT id FROM hazards WHERE tenant_id = $1 LIMIT 1)`, [t.tenantId]);
    const pending = await pendingChanges(otherTenant);
    expect(pending).toBeGreaterThan(0);
    expect(await refresh(t.tenantId)).toBe(1);
    expect(await pendingChanges(otherTenant)).toBe(pending);
    expect(await stored(otherTenant)).toEqual(before);
    expect(await refresh(otherTenant)).toBeGreaterThan(0);
    expectSameRows(await stored(otherTenant), await live(otherTenant));
    expectSameRows(await stored(t.tenantId), await live(t.tenantId));
  }, 60_000);

  it.runIf(onPostgres())('a refresh that finds another one running returns at once and leaves the changes for later', async () => {
    await t.database.owner.query(`UPDATE hazards SET title = title WHERE id = (SELECT id FROM hazards WHERE tenant_id = $1 LIMIT 1)`, [t.tenantId]);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = t.database.db.transaction().execute(async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext(${'analytics:' + t.tenantId}))`.execute(tx);
      locked();
      await held;
    });
    await isLocked;
    try {
      expect(await refresh(t.tenantId)).toBe(0);
      expect(await pendingChanges(t.tenantId)).toBeGreaterThan(0);
    } finally {
      release();
      await holder;
    }
    expect(await refresh(t.tenantId)).toBe(1);
  }, 30_000);
});

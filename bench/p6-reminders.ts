// P6 (QUALITY.md): 10,000 flow reminders due at once, worked off by two app instances on one
// PostgreSQL database. Figure: lateness (finished_at − run_at of each `flows.remind` job) p50/p99,
// and whether every reminder was sent exactly once (none doubled, none missing).
//
// Setup, all real:
// 1. a fresh database; app instance A (`src/server/main.ts`, workers on) migrates it and loads the
//    demo company;
// 2. through A's HTTP API: a template with 3 parallel department tasks (1-hour deadline, reminder
//    half an hour before it), and one case launched from it — so the service writes the case, its
//    tasks and their timer jobs;
// 3. that case is cloned in SQL (owner connection) until there are 10,000 reminders: the case row,
//    its task rows and its timer jobs copied as they are, with new ids, codes and singleton keys
//    (the handler finds real, consistent tasks; the reminders go to the members of each task's
//    department);
// 4. app instance B starts; once both answer, one UPDATE moves every reminder's run_at to now()
//    (as if the clock had reached it, or the servers had been down) and NOTIFY wakes the workers;
// 5. wait until none is pending, then read the jobs, notifications and timeline lines.
//
// Environment: BENCH_PG_URL (owner URL; default TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres),
// BENCH_P6_REMINDERS (default 10000), BENCH_P6_DEPARTMENTS (task departments by code, default equipment,safety,hr),
// BENCH_P6_TIMEOUT (seconds to wait for the run, default 600).
import pg from 'pg';
import {
  BenchError,
  apiCall as api,
  createScratchDatabase,
  envNumber,
  fmtInt,
  fmtSec,
  makeTempDir,
  percentile,
  pgAdminUrl,
  removeTempDir,
  sleep,
  startPgInstance,
  stopServer,
  type ChildServer,
  type ScratchDatabase,
} from './lib.js';

export interface P6Line {
  text: string;
  pass: boolean;
  details?: string;
}

const LATENESS_P99_TARGET_MS = 2000;

function template(departments: string[]) {
  const form = { type: 'object', properties: { note: { 'x-widget': 'textarea', type: 'string', title: '说明' } }, required: ['note'] };
  const tasks = departments.map((code, i) => ({ id: `t${i + 1}`, code }));
  return {
    key: 'p6-reminders',
    name: 'P6 并行提醒',
    category: 'collaboration',
    subjectTypes: ['none'],
    definition: {
      nodes: [
        { id: 'start', type: 'start' },
        { id: 'split', type: 'gateway', mode: 'parallel' },
        ...tasks.map((t) => ({ id: t.id, type: 'task', name: `P6 任务 ${t.code}`, assignee: { departmentCode: t.code }, deadline: { hours: 1 }, form })),
        { id: 'join', type: 'gateway', mode: 'parallel' },
        { id: 'end', type: 'end' },
      ],
      edges: [
        { id: 'e0', from: 'start', to: 'split' },
        ...tasks.flatMap((t) => [
          { id: `in-${t.id}`, from: 'split', to: t.id },
          { id: `out-${t.id}`, from: t.id, to: 'join' },
        ]),
        { id: 'e9', from: 'join', to: 'end' },
      ],
      escalation: { remindBeforeHours: 0.5, notifyHeadOnOverdue: true, committeeAfterHours: null },
    },
  };
}

export async function runP6(log: (msg: string) => void): Promise<P6Line[]> {
  const wanted = Math.round(envNumber('BENCH_P6_REMINDERS', 10_000));
  const departments = (process.env.BENCH_P6_DEPARTMENTS || 'equipment,safety,hr').split(',').map((s) => s.trim()).filter(Boolean);
  const timeoutMs = envNumber('BENCH_P6_TIMEOUT', 600) * 1000;
  const dirs = [makeTempDir('p6-a'), makeTempDir('p6-b')];
  const servers: ChildServer[] = [];
  let owner: pg.Client | undefined;
  let database: ScratchDatabase | undefined;
  const start = async (name: string, dataDir: string) => {
    const server = await startPgInstance(name, database!.url, dataDir);
    servers.push(server);
    return server;
  };

  try {
    database = await createScratchDatabase(pgAdminUrl());
    const dbUrl = database.url;
    const dbName = database.name;
    log(`P6: database ${dbName}; starting instance A (migrations + demo company)`);
    const a = await start('instance A', dirs[0]);
    owner = new pg.Client({ connectionString: dbUrl });
    await owner.connect();

    // ---- one real case through the API ------------------------------------------------------
    const login = await api(a, 'POST', '/api/v1/auth/login', null, { username: 'safety', password: 'zhian123' });
    if (login.status !== 200) throw new BenchError(`login failed: ${login.status} ${JSON.stringify(login.body)}`, a.output());
    const cookie = String([login.headers['set-cookie']].flat().find((c) => c?.startsWith('zhian_sid='))).split(';')[0];
    const tpl = await api(a, 'POST', '/api/v1/flows/templates', cookie, template(departments));
    if (tpl.status !== 201) throw new BenchError(`saving the template failed: ${tpl.status} ${JSON.stringify(tpl.body)}`, a.output());
    const first = await api(a, 'POST', '/api/v1/flows/instances', cookie, { templateId: tpl.body.id, title: 'P6 提醒 1', subjectType: 'none' });
    if (first.status !== 201) throw new BenchError(`launching a case failed: ${first.status} ${JSON.stringify(first.body)}`, a.output());
    const perCase = departments.length;
    const cases = Math.ceil(wanted / perCase);
    const seedId: string = first.body.id;
    const [{ n: seedTimers }] = (
      await owner.query<{ n: string }>(`SELECT count(*)::text AS n FROM jobs WHERE name = 'flows.remind' AND state = 'pending' AND payload->>'instanceId' = $1`, [seedId])
    ).rows;
    if (Number(seedTimers) !== perCase) throw new BenchError(`the launched case has ${seedTimers} pending reminders, expected ${perCase}`);

    // ---- clone it in SQL up to the wanted number of reminders ---------------------------------
    const t0 = performance.now();
    await owner.query('BEGIN');
    await owner.query(
      `WITH src AS (SELECT * FROM flow_instances WHERE id = $1),
       made AS (
         INSERT INTO flow_instances (tenant_id, code, template_id, title, subject_type, subject_id, initiator_id, initiator_department_id,
           status, data, edge_states, node_states, fired_rules, overrides, started_at, completed_at, cancelled_at, cancel_reason, version, updated_at)
         SELECT s.tenant_id, s.code || '-P' || lpad(g::text, 5, '0'), s.template_id, 'P6 提醒 ' || (g + 1), s.subject_type, s.subject_id, s.initiator_id,
           s.initiator_department_id, s.status, s.data, s.edge_states, s.node_states, s.fired_rules, s.overrides, s.started_at, s.completed_at,
           s.cancelled_at, s.cancel_reason, s.version, s.updated_at
         FROM src s, generate_series(1, $2::int) g
         RETURNING id, tenant_id
       ),
       tasks AS (
         INSERT INTO flow_tasks (tenant_id, instance_id, key, rule_id, name, department_id, role, status, due_at, outputs, rejections, last_rejection,
           extension, submitted_by, created_at, opened_at, started_at, submitted_at, approved_at, rejected_at, overdue_at, done_at, cancelled_at,
           automated, version, updated_at)
         SELECT m.tenant_id, m.id, t.key, t.rule_id, t.name, t.department_id, t.role, t.status, t.due_at, t.outputs, t.rejections, t.last_rejection,
           t.extension, t.submitted_by, t.created_at, t.opened_at, t.started_at, t.submitted_at, t.approved_at, t.rejected_at, t.overdue_at, t.done_at,
           t.cancelled_at, t.automated, t.version, t.updated_at
         FROM made m CROSS JOIN (SELECT * FROM flow_tasks WHERE instance_id = $1) t
         RETURNING 1
       )
       INSERT INTO jobs (tenant_id, name, payload, run_at, state, max_attempts, singleton_key, created_at)
       SELECT j.tenant_id, j.name, j.payload || jsonb_build_object('instanceId', m.id::text), j.run_at, j.state, j.max_attempts,
         replace(j.singleton_key, $1::text, m.id::text), j.created_at
       FROM made m CROSS JOIN (SELECT * FROM jobs WHERE payload->>'instanceId' = $1::text AND name LIKE 'flows.%' AND state = 'pending') j
       WHERE (SELECT count(*) FROM tasks) > 0`,
      [seedId, cases - 1],
    );
    await owner.query('COMMIT');
    await owner.query('ANALYZE');
    const mine = `payload->>'instanceId' IN (SELECT id::text FROM flow_instances WHERE template_id = '${tpl.body.id}')`;
    const [{ n: made }] = (await owner.query<{ n: string }>(`SELECT count(*)::text AS n FROM jobs WHERE name = 'flows.remind' AND state = 'pending' AND ${mine}`)).rows;
    const total = Number(made);
    if (total !== cases * perCase) throw new BenchError(`expected ${cases * perCase} pending reminders after cloning, found ${total}`);
    log(`P6: ${fmtInt(cases)} cases × ${perCase} tasks (${departments.join(', ')}) = ${fmtInt(total)} reminders, cloned in ${fmtSec(performance.now() - t0)}`);

    // ---- second instance, then all due at once --------------------------------------------------
    log('P6: starting instance B');
    await start('instance B', dirs[1]);
    await sleep(1000); // both workers past their first idle poll
    const [{ at }] = (
      await owner.query<{ at: Date }>(`UPDATE jobs SET run_at = now() WHERE name = 'flows.remind' AND state = 'pending' AND ${mine} RETURNING run_at AS at`)
    ).rows;
    await owner.query(`SELECT pg_notify('zhian_jobs', '')`);
    const due = performance.now();
    log(`P6: ${fmtInt(total)} reminders due at ${at.toISOString()}`);
    let last = -1;
    for (;;) {
      const [{ pending, failed }] = (
        await owner.query<{ pending: string; failed: string }>(
          `SELECT count(*) FILTER (WHERE state = 'pending')::text AS pending, count(*) FILTER (WHERE state = 'failed')::text AS failed
           FROM jobs WHERE name = 'flows.remind' AND ${mine}`,
        )
      ).rows;
      if (Number(pending) !== last) {
        last = Number(pending);
        log(`P6: +${fmtSec(performance.now() - due)} ${fmtInt(total - last)} of ${fmtInt(total)} reminders finished${Number(failed) ? `, ${failed} failed` : ''}`);
      }
      if (last === 0) break;
      for (const s of servers) if (s.hasExited()) throw new BenchError(`${s.name} died during the run`, s.output());
      if (performance.now() - due > timeoutMs) throw new BenchError(`${fmtInt(last)} reminders still pending after ${fmtSec(timeoutMs)}`, servers.map((s) => s.output()).join('\n'));
      await sleep(250);
    }
    const wallMs = performance.now() - due;

    // ---- the figure ----------------------------------------------------------------------------
    const jobs = (
      await owner.query<{ state: string; attempts: number; ms: number }>(
        `SELECT state, attempts, extract(epoch FROM finished_at - run_at) * 1000 AS ms FROM jobs WHERE name = 'flows.remind' AND ${mine}`,
      )
    ).rows;
    const notDone = jobs.filter((j) => j.state !== 'done').length;
    const retried = jobs.filter((j) => j.attempts !== 1).length;
    const lateness = jobs.filter((j) => j.state === 'done').map((j) => Number(j.ms)).sort((x, y) => x - y);
    const p50 = percentile(lateness, 50);
    const p99 = percentile(lateness, 99);
    const instances = `(SELECT id FROM flow_instances WHERE template_id = '${tpl.body.id}')`;
    const [counts] = (
      await owner.query<{ notes: string; dupNotes: string; missing: string; dupLines: string; noLine: string; recipients: string }>(
        `SELECT
           (SELECT count(*) FROM notifications n JOIN flow_tasks t ON t.id = n.subject_id WHERE n.kind = 'flow.remind' AND t.instance_id IN ${instances})::text AS notes,
           (SELECT count(*) FROM (SELECT 1 FROM notifications n JOIN flow_tasks t ON t.id = n.subject_id
              WHERE n.kind = 'flow.remind' AND t.instance_id IN ${instances} GROUP BY n.subject_id, n.user_id, n.kind HAVING count(*) > 1) d)::text AS "dupNotes",
           (SELECT count(*) FROM flow_tasks t JOIN users u ON u.department_id = t.department_id AND u.active
              WHERE t.instance_id IN ${instances}
                AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.subject_id = t.id AND n.user_id = u.id AND n.kind = 'flow.remind'))::text AS missing,
           (SELECT count(*) FROM (SELECT 1 FROM flow_timeline l WHERE l.kind = 'task.reminded' AND l.instance_id IN ${instances}
              GROUP BY l.instance_id, l.task_key HAVING count(*) > 1) d)::text AS "dupLines",
           (SELECT count(*) FROM flow_tasks t WHERE t.instance_id IN ${instances}
              AND NOT EXISTS (SELECT 1 FROM flow_timeline l WHERE l.instance_id = t.instance_id AND l.task_key = t.key AND l.kind = 'task.reminded'))::text AS "noLine",
           (SELECT count(DISTINCT n.user_id) FROM notifications n JOIN flow_tasks t ON t.id = n.subject_id WHERE n.kind = 'flow.remind' AND t.instance_id IN ${instances})::text AS recipients`,
      )
    ).rows;
    const duplicates = Number(counts.dupNotes) + Number(counts.dupLines);
    const missing = Number(counts.missing) + Number(counts.noLine) + notDone;
    log(
      `P6: all finished ${fmtSec(wallMs)} after they fell due = ${fmtInt(total / (wallMs / 1000))} reminders/s over 2 instances; ` +
        `lateness min ${fmtSec(lateness[0])}, p50 ${fmtSec(p50)}, p90 ${fmtSec(percentile(lateness, 90))}, p99 ${fmtSec(p99)}, max ${fmtSec(lateness[lateness.length - 1])}`,
    );
    log(
      `P6: ${fmtInt(Number(counts.notes))} notifications to ${counts.recipients} people; duplicate notifications ${counts.dupNotes}, duplicate timeline lines ${counts.dupLines}; ` +
        `missing notifications ${counts.missing}, tasks without a reminder line ${counts.noLine}; jobs not done ${notDone}, retried ${retried}`,
    );
    if (retried) {
      const errors = await owner.query<{ last_error: string; n: string }>(
        `SELECT last_error, count(*)::text AS n FROM jobs WHERE name = 'flows.remind' AND ${mine} AND last_error IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 5`,
      );
      for (const e of errors.rows) log(`P6: ${e.n} × retried after: ${e.last_error}`);
    }
    const output = servers.map((s) => `--- ${s.name}\n${s.output()}`).join('\n');
    return [
      {
        text:
          `P6 ${fmtInt(total)} reminders due at once (2 instances): lateness p50 ${fmtSec(p50)}, p99 ${fmtSec(p99)}; ` +
          `${duplicates} duplicated, ${missing} missing  (target lateness p99 ≤ 2 s; each sent exactly once)`,
        pass: p99 <= LATENESS_P99_TARGET_MS && duplicates === 0 && missing === 0,
        details: output,
      },
    ];
  } finally {
    await owner?.end().catch(() => {});
    for (const s of servers) {
      const { code, killed } = await stopServer(s);
      if (killed) log(`P6: warning: ${s.name} ignored SIGTERM for 15 s and was killed`);
      else if (code !== 0) log(`P6: warning: ${s.name} exited with ${code} after SIGTERM`);
    }
    await database?.drop().catch((err) => log(`P6: warning: could not drop ${database!.name}: ${(err as Error).message}`));
    for (const d of dirs) removeTempDir(d);
  }
}

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../helpers/app.js';

// R3 (QUALITY.md): two server processes work one PostgreSQL job queue; one is killed with SIGKILL
// at a random moment while 1,000 due flow timers are being processed. Afterwards every timer job
// is done exactly once, and every reminder / overdue notice exists exactly once per task and
// recipient: none lost, none doubled.
//
// How the timers come to be due: 167 real cases (a template of 3 parallel department tasks, each
// due in 1 hour with a reminder half an hour before) are launched through the HTTP API, in this
// process with its workers off and its clock set 2 hours back. So the cases, tasks, deadlines and
// timer jobs are exactly what the service writes, and every reminder and deadline is already in
// the past: 3 reminders + 3 overdue notices per case, 1,002 timers. While they are launched the two
// server processes boot; a trigger on `jobs` parks the new timers (run_at + 100 years) meanwhile,
// and once both servers answer, one UPDATE takes the 100 years off again, so both workers meet
// all 1,002 due timers at the same instant.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HOUR = 3_600_000;
/** One task per department; small departments (2–4 people) keep the run short. */
const TASKS = ['hr', 'clinic', 'logistics'];
const CASES = 167; // × 3 tasks × (remind + overdue) = 1,002 timers
const TIMER_NAMES = ['flows.remind', 'flows.overdue'];

let t: TestApp;
let safety: Client;
const servers: Server[] = [];
// should the test process go away without afterAll, take the servers with it
process.once('exit', () => servers.forEach((s) => s.kill('SIGKILL')));

beforeAll(async () => {
  t = await startTestApp();
}, 60_000);

afterAll(async () => {
  for (const s of servers) s.kill('SIGKILL');
  await Promise.all(servers.map((s) => s.exited));
  for (const s of servers) rmSync(s.dataDir, { recursive: true, force: true });
  await t?.stop();
});

interface Server {
  name: string;
  child: ChildProcess;
  port: number;
  dataDir: string;
  exited: Promise<number | string>;
  output(): string;
  kill(signal: NodeJS.Signals): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** The real server entry in its own process, on the test database, job workers on. */
async function spawnServer(name: string, databaseUrl: string): Promise<Server> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `zhian-r3-${name}-`));
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k === 'NODE_OPTIONS' || k.startsWith('VITEST')) delete env[k];
  Object.assign(env, {
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    ZHIAN_WORKERS: '1',
    ZHIAN_POLL_MS: '200',
    ZHIAN_DEMO: '1',
    LOG_LEVEL: 'warn',
    PGAPPNAME: `zhian-r3-${name}`, // to tell its connections apart in pg_stat_activity
  });
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('src', 'server', 'main.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const append = (b: Buffer) => {
    out = (out + b.toString('utf8')).slice(-20_000);
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const server: Server = {
    name,
    child,
    port,
    dataDir,
    exited,
    output: () => out,
    kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal); // by this child's PID only
    },
  };
  servers.push(server);
  return server;
}

async function waitHealthy(s: Server, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void s.exited.then(() => (exited = true));
  for (;;) {
    if (exited) throw new Error(`${s.name} exited before it answered:\n${s.output()}`);
    const ok = await fetch(`http://127.0.0.1:${s.port}/api/v1/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${s.name} did not answer /api/v1/health within ${timeoutMs} ms:\n${s.output()}`);
    await sleep(100);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The timer jobs of this test's cases (the demo company may have running cases of its own). */
async function timerStates(caseIds: string[]) {
  const rows = await t.database.owner.query<{ state: string; n: string }>(
    `SELECT state, count(*)::text AS n FROM jobs WHERE name = ANY($1) AND payload->>'instanceId' = ANY($2) GROUP BY state`,
    [TIMER_NAMES, caseIds],
  );
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)])) as Record<string, number>;
}

/** Run `fn` over `items`, `limit` at a time. */
async function pool<T>(items: T[], limit: number, fn: (item: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}

function threeParallelTasks() {
  const form = { type: 'object', properties: { note: { 'x-widget': 'textarea', type: 'string', title: '说明' } }, required: ['note'] };
  return {
    nodes: [
      { id: 'start', type: 'start' },
      { id: 'split', type: 'gateway', mode: 'parallel' },
      ...TASKS.map((id) => ({ id, type: 'task', name: `R3 任务 ${id}`, assignee: { departmentCode: id }, deadline: { hours: 1 }, form })),
      { id: 'join', type: 'gateway', mode: 'parallel' },
      { id: 'end', type: 'end' },
    ],
    edges: [
      { id: 'e0', from: 'start', to: 'split' },
      ...TASKS.flatMap((id) => [
        { id: `in-${id}`, from: 'split', to: id },
        { id: `out-${id}`, from: id, to: 'join' },
      ]),
      { id: 'e9', from: 'join', to: 'end' },
    ],
    // a reminder half an hour before the 1-hour deadline, the overdue notice at it; no committee step
    escalation: { remindBeforeHours: 0.5, notifyHeadOnOverdue: false, committeeAfterHours: null },
  };
}

describe('R3: flow timers with two server processes, one killed at random', () => {
  it('processes every due timer exactly once: no job lost, no side effect doubled', async () => {
    const startedAt = Date.now();
    const step = (msg: string) => process.env.R3_TRACE && console.error(`R3 +${Date.now() - startedAt} ms: ${msg}`);
    safety = await t.login('safety');
    const tpl = await safety.post('/api/v1/flows/templates', {
      key: 'r3-three-parallel', name: 'R3 三部门并行', category: 'collaboration', subjectTypes: ['none'], definition: threeParallelTasks(),
    });
    expect(tpl.status, JSON.stringify(tpl.body)).toBe(201);

    // ---- two server processes boot while the cases are launched; their timers are parked ---
    const owner = t.database.owner;
    await owner.exec(`
      CREATE FUNCTION r3_park() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN NEW.run_at := NEW.run_at + interval '100 years'; RETURN NEW; END $$;
      CREATE TRIGGER r3_park BEFORE INSERT ON jobs FOR EACH ROW WHEN (NEW.name LIKE 'flows.%') EXECUTE FUNCTION r3_park();`);
    const a = await spawnServer('A', t.url!);
    const b = await spawnServer('B', t.url!);
    const booted = Promise.all([waitHealthy(a, 60_000), waitHealthy(b, 60_000)]);
    booted.catch(() => {}); // awaited below

    // ---- 167 real cases launched 2 hours ago: 1,002 timers, all due ------------------------
    t.clock.advance(-2 * HOUR);
    safety = await t.login('safety');
    const caseIds: string[] = [];
    await pool([...Array(CASES).keys()], 4, async (i) => {
      const res = await safety.post('/api/v1/flows/instances', { templateId: tpl.body.id, title: `R3 计时器 ${i + 1}`, subjectType: 'none' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.tasks).toHaveLength(3);
      caseIds.push(res.body.id);
    });
    t.clock.advance(2 * HOUR);
    await owner.exec('DROP TRIGGER r3_park ON jobs; DROP FUNCTION r3_park();');
    const launchedMs = Date.now() - startedAt;
    step('launched');
    const total = CASES * TASKS.length * 2;
    const [{ due }] = await owner.query<{ due: string }>(
      `SELECT count(*)::text AS due FROM jobs WHERE name = ANY($1) AND payload->>'instanceId' = ANY($2)
       AND state = 'pending' AND run_at - interval '100 years' <= now()`,
      [TIMER_NAMES, caseIds],
    );
    expect(Number(due)).toBe(total);

    // ---- once both servers are up, all 1,002 timers become due in one statement ------------
    await booted;
    const bootedMs = Date.now() - startedAt;
    step('servers up');
    await owner.query(`UPDATE jobs SET run_at = run_at - interval '100 years' WHERE state = 'pending' AND payload->>'instanceId' = ANY($1)`, [caseIds]);
    await owner.query(`SELECT pg_notify('zhian_jobs', '')`);

    // ---- SIGKILL one of them at a random point of the run, in the middle of a batch ----------
    // (a batch transaction holds a RowShareLock on jobs from its SELECT … FOR UPDATE to its commit)
    const batchesOpen = async () =>
      (
        await owner.query<{ app: string }>(
          `SELECT DISTINCT a.application_name AS app FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
           WHERE l.relation = 'jobs'::regclass AND l.mode = 'RowShareLock' AND a.application_name LIKE 'zhian-r3-%'`,
        )
      ).map((r) => r.app.slice('zhian-r3-'.length));
    const victim = Math.random() < 0.5 ? a : b;
    const survivor = victim === a ? b : a;
    const killAt = Math.floor(total * (0.05 + Math.random() * 0.6));
    let doneAtKill = -1;
    let busyAtKill: string[] = [];
    const killDeadline = Date.now() + 60_000;
    while (doneAtKill < 0 && Date.now() < killDeadline) {
      const done = (await timerStates(caseIds)).done ?? 0;
      busyAtKill = done >= killAt ? await batchesOpen() : [];
      if (busyAtKill.includes(victim.name)) {
        victim.kill('SIGKILL');
        doneAtKill = done;
      } else await sleep(5);
    }
    expect(doneAtKill, `no kill: timers done ${JSON.stringify(await timerStates(caseIds))}\n${a.output()}\n${b.output()}`).toBeGreaterThanOrEqual(0);
    expect(doneAtKill, 'killed before the run was over').toBeLessThan(total);
    expect(await victim.exited).toBe('SIGKILL');
    step(`killed ${victim.name} at ${doneAtKill}; batches open then: ${busyAtKill.join(', ')}`);

    // ---- the survivor finishes the run (the killed batch is rolled back and taken over) -----
    const waitDeadline = Date.now() + 90_000;
    let states = await timerStates(caseIds);
    while ((states.pending ?? 0) > 0 && Date.now() < waitDeadline) {
      await sleep(100);
      const before = JSON.stringify(states);
      states = await timerStates(caseIds);
      if (JSON.stringify(states) !== before) step(JSON.stringify(states));
    }
    const finishedMs = Date.now() - startedAt;
    survivor.kill('SIGTERM');
    expect(await survivor.exited, survivor.output()).toBe(0);
    console.log(
      `R3: ${total} timers; launched in ${launchedMs} ms, servers up at ${bootedMs} ms; ` +
        `killed ${victim.name} (pid ${victim.child.pid}) in the middle of a batch at ${doneAtKill} done (batches open: ${busyAtKill.join(', ')}); ` +
        `all done at ${finishedMs} ms`,
    );

    // ---- every timer job done exactly once ---------------------------------------------------
    expect(states).toEqual({ done: total });
    // a killed batch leaves no trace (its attempts roll back too); a handler error would count one
    const attempts = await owner.query<{ attempts: number; last_error: string | null; n: string }>(
      `SELECT attempts, last_error, count(*)::text AS n FROM jobs WHERE name = ANY($1) AND payload->>'instanceId' = ANY($2) GROUP BY 1, 2`,
      [TIMER_NAMES, caseIds],
    );
    expect(attempts).toEqual([{ attempts: 1, last_error: null, n: String(total) }]);

    // ---- the tasks and who should hear of them ----------------------------------------------
    const tasks = await owner.query<{ id: string; instance_id: string; key: string; department_id: string; overdue_at: Date | null; initiator_id: string }>(
      `SELECT t.id, t.instance_id, t.key, t.department_id, t.overdue_at, i.initiator_id
       FROM flow_tasks t JOIN flow_instances i ON i.id = t.instance_id WHERE i.id = ANY($1::uuid[])`,
      [caseIds],
    );
    expect(tasks).toHaveLength(CASES * TASKS.length);
    expect(tasks.filter((x) => !x.overdue_at)).toEqual([]);
    const members = new Map<string, string[]>();
    for (const r of await owner.query<{ department_id: string; id: string }>(
      `SELECT department_id, id FROM users WHERE tenant_id = $1 AND active AND department_id IS NOT NULL`,
      [t.tenantId],
    )) {
      members.set(r.department_id, [...(members.get(r.department_id) ?? []), r.id]);
    }

    // each notification exactly once per (task, recipient, kind): none lost, none doubled
    const notes = await owner.query<{ kind: string; subject_id: string; user_id: string; n: string }>(
      `SELECT kind, subject_id::text, user_id::text, count(*)::text AS n FROM notifications
       WHERE kind IN ('flow.remind', 'flow.overdue') AND subject_id = ANY($1::uuid[]) GROUP BY kind, subject_id, user_id`,
      [tasks.map((x) => x.id)],
    );
    expect(notes.filter((r) => r.n !== '1')).toEqual([]);
    const heard = new Map<string, string[]>();
    for (const r of notes) heard.set(`${r.kind}:${r.subject_id}`, [...(heard.get(`${r.kind}:${r.subject_id}`) ?? []), r.user_id]);
    const wrong: string[] = [];
    for (const task of tasks) {
      const workers = members.get(task.department_id) ?? [];
      expect(workers.length).toBeGreaterThan(0);
      const expected = {
        'flow.remind': [...workers].sort(),
        'flow.overdue': [...new Set([...workers, task.initiator_id])].sort(),
      };
      for (const [kind, users] of Object.entries(expected)) {
        const got = [...(heard.get(`${kind}:${task.id}`) ?? [])].sort();
        if (JSON.stringify(got) !== JSON.stringify(users)) wrong.push(`${kind} ${task.id}: expected ${users.length} recipients, got ${got.length}`);
      }
    }
    expect(wrong).toEqual([]);
    const [{ n: noteTotal }] = await owner.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM notifications WHERE kind IN ('flow.remind', 'flow.overdue') AND subject_id = ANY($1::uuid[])`,
      [tasks.map((x) => x.id)],
    );
    expect(Number(noteTotal)).toBe(notes.length);

    // the side effects without a dedupe key: one timeline line per task and timer
    const lines = await owner.query<{ instance_id: string; task_key: string; kind: string; n: string }>(
      `SELECT instance_id::text, task_key, kind, count(*)::text AS n FROM flow_timeline
       WHERE kind IN ('task.reminded', 'task.overdue') AND instance_id = ANY($1::uuid[]) GROUP BY instance_id, task_key, kind`,
      [caseIds],
    );
    expect(lines).toHaveLength(CASES * TASKS.length * 2);
    expect(lines.filter((l) => l.n !== '1')).toEqual([]);
    // one flow.updated event per overdue timer; reminders handled together announce each case once per batch
    const events = await owner.query<{ change: string; n: string }>(
      `SELECT payload->>'change' AS change, count(*)::text AS n FROM events WHERE type = 'flow.updated' AND payload->>'change' IN ('reminded', 'overdue') AND subject_id::text = ANY($1) GROUP BY 1`,
      [caseIds],
    );
    const count = (change: string) => Number(events.find((e) => e.change === change)?.n ?? 0);
    expect(count('overdue')).toBe(CASES * TASKS.length);
    expect(count('reminded')).toBeGreaterThanOrEqual(CASES);
    expect(count('reminded')).toBeLessThanOrEqual(CASES * TASKS.length);
    const versions = await owner.query<{ version: number; n: string }>(
      `SELECT version, count(*)::text AS n FROM flow_instances WHERE id = ANY($1::uuid[]) GROUP BY version`,
      [caseIds],
    );
    expect(versions).toEqual([{ version: 2 + TASKS.length, n: String(CASES) }]);
  }, 240_000);
});

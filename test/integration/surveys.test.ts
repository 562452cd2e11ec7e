import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../helpers/app.js';
import { enterTenant } from '../../src/server/platform/work.js';
import { satisfactionTotals } from '../../src/server/modules/surveys/index.js';
import { quarterAt, roundWindow, nextQuarter } from '../../src/server/modules/surveys/questions.js';
import { monthOf, quarterRange } from '../../src/core/analytics/index.js';

let t: TestApp;
let ids: Awaited<ReturnType<TestApp['ids']>>;
let admin: Client, safety: Client, production: Client, worker: Client, committee: Client;

const ALL_FIVE = { q1: 4, q2: 5, q3: 3, q4: 4, q5: 4 };
const setClock = (at: number) => t.clock.advance(at - t.clock.now().getTime());

async function loginAll() {
  [admin, safety, production, worker, committee] = await Promise.all(['admin', 'safety', 'production', 'worker', 'committee'].map((u) => t.login(u)));
}

async function sql<R = any>(text: string, params: unknown[] = []) {
  return t.database.owner.query<R>(text, params);
}

beforeAll(async () => {
  t = await startTestApp();
  ids = await t.ids();
  await loginAll();
});
afterAll(() => t?.stop());

describe('answering the open round', () => {
  it('shows the open round with five 1–5 questions and no answer yet', async () => {
    const r = await worker.get('/api/v1/surveys/current');
    expect(r.status).toBe(200);
    expect(r.body.round.state).toBe('open');
    expect(r.body.round.quarter).toBe(quarterAt(t.clock.now()));
    expect(r.body.round.questions.map((q: any) => q.zh)).toEqual(['跨部门协同顺畅度', '隐患整改响应及时性', '预警与通知的有效性', '系统易用性', '安全管理整体满意度']);
    expect(r.body.answer).toBeNull();
  });

  it('refuses incomplete or out-of-range answers with the question paths', async () => {
    const { body } = await worker.get('/api/v1/surveys/current');
    const id = body.round.id;
    const bad = await worker.post(`/api/v1/surveys/${id}/responses`, { answers: { q1: 4, q2: 0, q3: 6, q4: 3.5, q6: 2 } });
    expect(bad.status).toBe(422);
    const paths = bad.body.error.details.map((d: any) => d.path).sort();
    expect(paths).toEqual(['body.answers.q2', 'body.answers.q3', 'body.answers.q4', 'body.answers.q5', 'body.answers.q6']);
    const text = await worker.post(`/api/v1/surveys/${id}/responses`, { answers: { ...ALL_FIVE, q1: '5' } });
    expect(text.status).toBe(422);
    expect(text.body.error.details.map((d: any) => d.path)).toEqual(['body.answers.q1']);
    const long = await worker.post(`/api/v1/surveys/${id}/responses`, { answers: ALL_FIVE, comment: '长'.repeat(501) });
    expect(long.status).toBe(422);
    expect(long.body.error.details[0].path).toBe('body.comment');
  });

  it('takes one answer per user: 201, then 409', async () => {
    const { body } = await worker.get('/api/v1/surveys/current');
    const id = body.round.id;
    const first = await worker.post(`/api/v1/surveys/${id}/responses`, { answers: ALL_FIVE, comment: '  拍照上报很方便  ' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ answers: ALL_FIVE, comment: '拍照上报很方便' });
    const again = await worker.post(`/api/v1/surveys/${id}/responses`, { answers: ALL_FIVE });
    expect(again.status).toBe(409);
    const after = await worker.get('/api/v1/surveys/current');
    expect(after.body.answer.answers).toEqual(ALL_FIVE);
    const [row] = await sql('SELECT department_id FROM survey_responses WHERE round_id = $1 AND user_id = $2', [id, ids.users.worker]);
    expect(row.department_id).toBe(ids.departments.production);
    const audit = await sql('SELECT after FROM audit_log WHERE action = $1 AND entity_id = $2', ['survey.respond', id]);
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit[0].after)).not.toContain('q1'); // answers stay out of the audit trail
  });

  it('refuses answers to a closed round', async () => {
    const { body } = await admin.get('/api/v1/surveys');
    const closed = body.items.find((r: any) => r.state === 'closed');
    expect(closed).toBeTruthy();
    const r = await production.post(`/api/v1/surveys/${closed.id}/responses`, { answers: ALL_FIVE });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('INVALID_STATE');
  });
});

describe('rounds and results', () => {
  it('lists rounds with response counts for managers and analysts only', async () => {
    const list = await committee.get('/api/v1/surveys');
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThanOrEqual(3);
    expect(list.body.items[0].responses).toBeGreaterThan(0);
    expect((await worker.get('/api/v1/surveys')).status).toBe(403);
    expect((await production.get(`/api/v1/surveys/${list.body.items[0].id}/results`)).status).toBe(403);
    expect((await worker.post('/api/v1/surveys')).status).toBe(403);
  });

  it('gives means per question and department, hiding departments below three responses', async () => {
    const { body } = await safety.get('/api/v1/surveys');
    const round = body.items.find((r: any) => r.state === 'closed');
    const r = await safety.get(`/api/v1/surveys/${round.id}/results`);
    expect(r.status).toBe(200);
    const rows = await sql<{ department_id: string | null; answers: Record<string, number>; comment: string }>(
      'SELECT department_id, answers, comment FROM survey_responses WHERE round_id = $1',
      [round.id],
    );
    expect(r.body.round.responses).toBe(rows.length);
    // by hand
    const q3 = rows.map((x) => x.answers.q3);
    expect(r.body.questions.find((q: any) => q.key === 'q3').mean).toBeCloseTo(q3.reduce((a, b) => a + b, 0) / q3.length, 2);
    const [{ n: logins }] = await sql<{ n: string }>('SELECT count(*)::text AS n FROM users WHERE tenant_id = $1 AND active AND password_hash IS NOT NULL', [t.tenantId]);
    expect(r.body.eligible).toBeGreaterThanOrEqual(Number(logins));
    expect(r.body.responseRate).toBeCloseTo(rows.length / r.body.eligible, 5);
    for (const d of r.body.departments) {
      const own = rows.filter((x) => x.department_id === d.departmentId);
      expect(d.responses).toBe(own.length);
      expect(d.hidden).toBe(own.length < 3);
      if (d.hidden) expect(d.means).toBeNull();
      else expect(d.means.q1).toBeCloseTo(own.reduce((a, x) => a + x.answers.q1, 0) / own.length, 2);
    }
    expect(r.body.comments.length).toBe(rows.filter((x) => x.comment).length);
    // an analyst without surveys.manage sees no comments
    expect((await committee.get(`/api/v1/surveys/${round.id}/results`)).body.comments).toBeNull();
  });

  it('hides a department with two responses and shows it from the third', async () => {
    const open = (await admin.get('/api/v1/surveys/current')).body.round;
    const dept = ids.departments.logistics;
    // start the department from nothing in this round: two of its staff answer, then its head
    await sql('DELETE FROM survey_responses WHERE round_id = $1 AND department_id = $2', [open.id, dept]);
    const staff = await sql<{ id: string }>('SELECT id FROM users WHERE tenant_id = $1 AND department_id = $2 AND password_hash IS NULL ORDER BY username LIMIT 2', [t.tenantId, dept]);
    expect(staff.length).toBe(2);
    for (const u of staff) {
      await sql('INSERT INTO survey_responses (tenant_id, round_id, user_id, department_id, answers, submitted_at) VALUES ($1, $2, $3, $4, $5, now())', [
        t.tenantId, open.id, u.id, dept, JSON.stringify({ q1: 2, q2: 2, q3: 2, q4: 2, q5: 2 }),
      ]);
    }
    const two = (await admin.get(`/api/v1/surveys/${open.id}/results`)).body.departments.find((d: any) => d.departmentId === dept);
    expect(two).toMatchObject({ responses: 2, hidden: true, mean: null, means: null });
    const head = await t.login('logistics');
    expect((await head.post(`/api/v1/surveys/${open.id}/responses`, { answers: { q1: 5, q2: 5, q3: 5, q4: 5, q5: 5 } })).status).toBe(201);
    const three = (await admin.get(`/api/v1/surveys/${open.id}/results`)).body.departments.find((d: any) => d.departmentId === dept);
    expect(three).toMatchObject({ responses: 3, hidden: false, mean: 3, means: { q1: 3, q5: 3 } });
  });

  it('refuses a second round in the same quarter', async () => {
    const r = await admin.post('/api/v1/surveys');
    expect(r.status).toBe(409);
  });
});

describe('satisfactionTotals', () => {
  it('equals a hand computation per month and per department', async () => {
    const now = t.clock.now();
    const q = quarterAt(now);
    const range = { from: quarterRange(q).from, to: quarterRange(q).to };
    range.from = monthOf(new Date(roundWindow(q).opensAt.getTime() - 200 * 86400_000)); // the two previous rounds as well
    const rows = await sql<{ closes_at: Date; department_id: string | null; answers: Record<string, number> }>(
      'SELECT s.closes_at, r.department_id, r.answers FROM survey_responses r JOIN survey_rounds s ON s.id = r.round_id WHERE r.tenant_id = $1',
      [t.tenantId],
    );
    const hand = (dept?: string) => {
      const out: Record<string, { sum: number; count: number }> = {};
      let sum = 0;
      let count = 0;
      for (const r of rows) {
        const m = monthOf(new Date(r.closes_at));
        if (m < range.from || m > range.to || (dept && r.department_id !== dept)) continue;
        for (const v of Object.values(r.answers)) {
          out[m] ??= { sum: 0, count: 0 };
          out[m].sum += v;
          out[m].count++;
          sum += v;
          count++;
        }
      }
      return { sum, count, byMonth: out };
    };
    const run = (dept?: string) =>
      t.database.db.transaction().execute(async (tx) => {
        await enterTenant(tx, t.tenantId, null);
        return satisfactionTotals(tx, t.tenantId, range, dept);
      });
    const all = await run();
    expect(all).toEqual(hand());
    expect(Object.keys(all.byMonth).length).toBe(3); // one closing month per quarter
    expect(all.count).toBeGreaterThan(100);
    expect(await run(ids.departments.production)).toEqual(hand(ids.departments.production));
    // the demo's means rise from round to round
    const means = Object.keys(all.byMonth).sort().map((m) => all.byMonth[m].sum / all.byMonth[m].count);
    expect(means[1]).toBeGreaterThan(means[0]);
    // an empty period
    const empty = await t.database.db.transaction().execute(async (tx) => {
      await enterTenant(tx, t.tenantId, null);
      return satisfactionTotals(tx, t.tenantId, { from: '2001-01', to: '2001-12' });
    });
    expect(empty).toEqual({ sum: 0, count: 0, byMonth: {} });
  });
});

describe('the quarterly job', () => {
  it('opens the next quarter on the 1st of its third month at 09:00 UTC+8 and invites everyone with a login', async () => {
    const next = nextQuarter(quarterAt(t.clock.now()));
    const pending = await sql('SELECT run_at FROM jobs WHERE tenant_id = $1 AND singleton_key = $2 AND state = $3', [t.tenantId, `surveys:open:${t.tenantId}:${next}`, 'pending']);
    expect(pending.length).toBe(1);
    const opensAt = roundWindow(next).opensAt;
    expect(new Date(pending[0].run_at).toISOString()).toBe(opensAt.toISOString());
    expect(new Date(opensAt.getTime() + 8 * 3600_000).toISOString().slice(8, 13)).toBe('01T09');

    setClock(opensAt.getTime() - 60_000);
    await t.drain();
    expect(await sql('SELECT id FROM survey_rounds WHERE tenant_id = $1 AND quarter = $2', [t.tenantId, next])).toEqual([]);

    setClock(opensAt.getTime() + 1000);
    await t.drain();
    const [round] = await sql('SELECT id, closes_at FROM survey_rounds WHERE tenant_id = $1 AND quarter = $2', [t.tenantId, next]);
    expect(round).toBeTruthy();
    expect(monthOf(new Date(round.closes_at))).toBe(quarterRange(next).to);
    const invited = await sql<{ user_id: string; link: string }>('SELECT user_id, link FROM notifications WHERE kind = $1 AND subject_id = $2', ['survey.opened', round.id]);
    const logins = await sql<{ id: string }>('SELECT id FROM users WHERE tenant_id = $1 AND active AND password_hash IS NOT NULL', [t.tenantId]);
    expect(invited.map((n) => n.user_id).sort()).toEqual(logins.map((u) => u.id).sort());
    expect(invited[0].link).toBe('/surveys');
    // the chain goes on: the quarter after is scheduled
    const after = nextQuarter(next);
    const chained = await sql('SELECT run_at FROM jobs WHERE tenant_id = $1 AND singleton_key = $2 AND state = $3', [t.tenantId, `surveys:open:${t.tenantId}:${after}`, 'pending']);
    expect(new Date(chained[0].run_at).toISOString()).toBe(roundWindow(after).opensAt.toISOString());

    // the new round is the current one, and the worker sees their invitation
    await loginAll();
    const cur = await worker.get('/api/v1/surveys/current');
    expect(cur.body.round.quarter).toBe(next);
    expect(cur.body.answer).toBeNull();
    const inbox = await worker.get('/api/v1/notifications');
    expect(inbox.body.items.some((n: any) => n.kind === 'survey.opened' && n.link === '/surveys')).toBe(true);
    // the previous round is closed now
    const list = await admin.get('/api/v1/surveys');
    expect(list.body.items.filter((r: any) => r.state === 'open').map((r: any) => r.quarter)).toEqual([next]);
  });

  it('does not open a quarter twice when the round was opened by hand', async () => {
    const after = nextQuarter(nextQuarter(quarterAt(t.clock.now())));
    const mid = quarterRange(after).from;
    const [y, m] = mid.split('-').map(Number);
    setClock(Date.UTC(y, m - 1, 10, 2)); // the 10th of the quarter's first month
    await loginAll();
    const opened = await safety.post('/api/v1/surveys');
    expect(opened.status).toBe(201);
    expect(opened.body.quarter).toBe(quarterAt(t.clock.now()));
    const q = opened.body.quarter;
    setClock(roundWindow(q).opensAt.getTime() + 1000);
    await t.drain();
    const rounds = await sql('SELECT id FROM survey_rounds WHERE tenant_id = $1 AND quarter = $2', [t.tenantId, q]);
    expect(rounds.length).toBe(1);
    const notes = await sql('SELECT count(*)::int AS n FROM notifications WHERE kind = $1 AND subject_id = $2', ['survey.opened', rounds[0].id]);
    expect(Number(notes[0].n)).toBeGreaterThan(0);
    const chained = await sql('SELECT 1 FROM jobs WHERE tenant_id = $1 AND singleton_key = $2 AND state = $3', [t.tenantId, `surveys:open:${t.tenantId}:${nextQuarter(q)}`, 'pending']);
    expect(chained.length).toBe(1);
  });
});

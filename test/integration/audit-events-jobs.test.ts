import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestApp, type TestApp, type Client } from '../helpers/app.js';
import { verifyAudit } from '../../src/server/platform/audit/verify.js';
import { backup, restore } from '../../src/server/platform/db/backup.js';
import { systemActor } from '../../src/server/platform/access.js';

let t: TestApp;
let ids: Awaited<ReturnType<TestApp['ids']>>;
let worker: Client;
let safety: Client;
beforeAll(async () => {
  t = await startTestApp();
  ids = await t.ids();
  worker = await t.login('worker');
  safety = await t.login('safety');
  for (let i = 0; i < 5; i++) await worker.post('/api/v1/hazards', { title: `审计测试 ${i}`, departmentId: ids.departments.production });
});
afterAll(() => t?.stop());

const report = (title: string) => worker.post('/api/v1/hazards', { title, departmentId: ids.departments.production });

describe('audit chain', () => {
  it('every write appends an entry with who, what and before/after, and the chain verifies', async () => {
    const h = await report('审计');
    await safety.patch(`/api/v1/hazards/${h.body.id}`, { version: 1, title: '审计（改）' });
    const rows = await t.database.owner.query<any>("SELECT * FROM audit_log WHERE entity_id = $1 ORDER BY seq", [h.body.id]);
    expect(rows.map((r) => [r.action, r.actor_name])).toEqual([['hazard.report', 'worker'], ['hazard.edit', 'safety']]);
    expect(rows[1].before.title).toBe('审计');
    expect(rows[1].after.title).toBe('审计（改）');
    const result = await verifyAudit(t.database.owner);
    expect(result.problems).toEqual([]);
    expect(result.entries).toBeGreaterThanOrEqual(10);
  });

  // Each tampering is done as the database owner (the app role cannot), then undone.
  const tamper = async (change: string, undo: string) => {
    await t.database.owner.exec(change);
    try {
      return (await verifyAudit(t.database.owner)).problems;
    } finally {
      await t.database.owner.exec(undo);
    }
  };

  it('detects a changed row', async () => {
    const [row] = await t.database.owner.query<{ actor_name: string }>(`SELECT actor_name FROM audit_log WHERE tenant_id = $1 AND seq = 3`, [t.tenantId]);
    const problems = await tamper(
      `UPDATE audit_log SET actor_name = 'someone' WHERE tenant_id = '${t.tenantId}' AND seq = 3`,
      `UPDATE audit_log SET actor_name = '${row.actor_name}' WHERE tenant_id = '${t.tenantId}' AND seq = 3`,
    );
    expect(problems.some((p) => p.seq === 3 && /changed/.test(p.problem))).toBe(true);
  });

  it('detects a changed before/after value', async () => {
    const [row] = await t.database.owner.query<{ seq: string; after: unknown }>(
      `SELECT seq::text, after FROM audit_log WHERE tenant_id = $1 AND action = 'hazard.report' ORDER BY seq DESC LIMIT 1`,
      [t.tenantId],
    );
    await t.database.owner.query(`UPDATE audit_log SET after = jsonb_set(after, '{title}', '"伪造"') WHERE tenant_id = $1 AND seq = $2`, [t.tenantId, row.seq]);
    const problems = (await verifyAudit(t.database.owner)).problems;
    await t.database.owner.query(`UPDATE audit_log SET after = $3::jsonb WHERE tenant_id = $1 AND seq = $2`, [t.tenantId, row.seq, JSON.stringify(row.after)]);
    expect(problems.some((p) => String(p.seq) === row.seq)).toBe(true);
    expect((await verifyAudit(t.database.owner)).problems).toEqual([]);
  });

  it('detects a deleted row, a reordering and a removed tail', async () => {
    const snapshot = await t.database.owner.query<any>(`SELECT * FROM audit_log WHERE tenant_id = $1 ORDER BY seq`, [t.tenantId]);
    const restoreAll = async () => {
      await t.database.owner.query(`DELETE FROM audit_log WHERE tenant_id = $1`, [t.tenantId]);
      await t.database.owner.query(
        `INSERT INTO audit_log SELECT * FROM json_populate_recordset(null::audit_log, $1::json)`,
        [JSON.stringify(snapshot)],
      );
    };
    // deleted in the middle
    await t.database.owner.query(`DELETE FROM audit_log WHERE tenant_id = $1 AND seq = 4`, [t.tenantId]);
    expect((await verifyAudit(t.database.owner)).problems.some((p) => /missing/.test(p.problem))).toBe(true);
    await restoreAll();
    // two rows swapped (contents exchanged between positions 5 and 6)
    await t.database.owner.query(`UPDATE audit_log SET seq = -5 WHERE tenant_id = $1 AND seq = 5`, [t.tenantId]);
    await t.database.owner.query(`UPDATE audit_log SET seq = 5 WHERE tenant_id = $1 AND seq = 6`, [t.tenantId]);
    await t.database.owner.query(`UPDATE audit_log SET seq = 6 WHERE tenant_id = $1 AND seq = -5`, [t.tenantId]);
    expect((await verifyAudit(t.database.owner)).problems.length).toBeGreaterThan(0);
    await restoreAll();
    // the newest entry removed
    await t.database.owner.query(`DELETE FROM audit_log WHERE tenant_id = $1 AND seq = (SELECT max(seq) FROM audit_log WHERE tenant_id = $1)`, [t.tenantId]);
    expect((await verifyAudit(t.database.owner)).problems.some((p) => /head/.test(p.problem))).toBe(true);
    await restoreAll();
    expect((await verifyAudit(t.database.owner)).problems).toEqual([]);
  });
});

describe('outbox and handlers', () => {
  it('a new hazard notifies the safety department and the department head once', async () => {
    const h = await report('出口被堵');
    await t.drain();
    await t.drain(); // a second run finds nothing more to do
    const rows = await t.database.owner.query<{ user_id: string; kind: string }>(
      `SELECT user_id, kind FROM notifications WHERE subject_id = $1`,
      [h.body.id],
    );
    const recipients = rows.map((r) => r.user_id);
    expect(recipients).toContain(ids.users.safety);
    expect(recipients).toContain(ids.users.production); // head of 生产部
    expect(new Set(recipients).size).toBe(recipients.length);
    const inbox = await safety.get('/api/v1/notifications?limit=100');
    const mine = inbox.body.items.find((n: { link: string }) => n.link === `/hazards/${h.body.id}`);
    expect(mine).toMatchObject({ kind: 'hazard.reported', title: '新隐患上报：出口被堵', readAt: null });
    expect(inbox.body.unread).toBeGreaterThan(0);
    const read = await safety.post(`/api/v1/notifications/${mine.id}/read`);
    expect(read.body.updated).toBe(1);
    await safety.post('/api/v1/notifications/read-all');
    expect((await safety.get('/api/v1/notifications')).body.unread).toBe(0);
  });

  it('writes nothing to the outbox for a rolled-back change', async () => {
    const before = await t.database.owner.query<{ n: string }>('SELECT count(*)::text AS n FROM events');
    const attempt = t.platform.run(systemActor(t.tenantId), async (w) => {
      w.emit({ type: 'hazard.created', subjectId: '00000000-0000-0000-0000-000000000000' });
      w.audit({ action: 'x', entityType: 'x' });
      await w.flush();
      throw new Error('boom');
    });
    await expect(attempt).rejects.toThrow('boom');
    const after = await t.database.owner.query<{ n: string }>('SELECT count(*)::text AS n FROM events');
    expect(after[0].n).toBe(before[0].n);
  });

  it('retries a failing handler with backoff and gives up after its attempts', async () => {
    let calls = 0;
    t.platform.jobs.register('test.flaky', async () => {
      calls++;
      if (calls < 3) throw new Error('temporary');
    });
    await t.platform.run(systemActor(t.tenantId), (w) => w.schedule({ name: 'test.flaky', maxAttempts: 5 }));
    await t.drain();
    expect(calls).toBe(1);
    for (let i = 0; i < 3; i++) {
      t.clock.advance(3_600_000);
      await t.drain();
    }
    expect(calls).toBe(3);
    const [job] = await t.database.owner.query<{ state: string; attempts: number }>("SELECT state, attempts FROM jobs WHERE name = 'test.flaky'");
    expect(job).toEqual({ state: 'done', attempts: 3 });
  });
});

describe('timers', () => {
  it('a hazard still unassessed after 24 h reminds the safety department exactly once', async () => {
    const h = await report('24小时提醒');
    await t.drain();
    const count = async () =>
      (await t.database.owner.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM notifications WHERE subject_id = $1 AND kind = 'hazard.assessment_overdue'`,
        [h.body.id],
      ))[0].n;
    t.clock.advance(23 * 3_600_000);
    await t.drain();
    expect(await count()).toBe('0');
    t.clock.advance(2 * 3_600_000);
    await Promise.all([t.drain(), t.drain()]);
    await t.drain();
    const safetyCount = (await t.database.owner.query<{ n: string }>('SELECT count(*)::text AS n FROM users WHERE $1 = ANY(roles) AND tenant_id = $2', ['safety_officer', t.tenantId]))[0].n;
    expect(await count()).toBe(safetyCount);
  });
});

describe('backup and restore', () => {
  it('round-trips every row and the audit chain still verifies', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'zhian-backup-'));
    const file = path.join(dir, 'b.jsonl.gz');
    const counts = await backup(t.database.owner, file);
    expect(counts.hazards).toBeGreaterThan(100);
    safety = await t.login('safety');
    worker = await t.login('worker');
    const h = await report('备份之后新增');
    expect(h.status).toBe(201);
    const restored = await restore(t.database.owner, file);
    expect(restored.hazards).toBe(counts.hazards);
    safety = await t.login('safety'); // sessions are data too: the restore replaced them
    worker = await t.login('worker');
    expect((await safety.get(`/api/v1/hazards/${h.body.id}`)).status).toBe(404);
    expect((await verifyAudit(t.database.owner)).problems).toEqual([]);
    // ids keep counting after the restored ones
    expect((await report('恢复之后')).status).toBe(201);
  });
});

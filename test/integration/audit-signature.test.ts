import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type Client, type TestApp } from '../helpers/app.js';
import { verifyAudit } from '../../src/server/platform/audit/verify.js';
import { auditHash } from '../../src/server/platform/audit/chain.js';
import { enterTenant } from '../../src/server/platform/work.js';

// The runtime database role can compute the chain's public hash rule and append a chain-valid
// entry; it cannot compute the signature made with the installation's key (outside the
// database), so `audit verify` finds the forged entry.
let t: TestApp;
let worker: Client;
beforeAll(async () => {
  t = await startTestApp();
  worker = await t.login('worker');
});
afterAll(() => t?.stop());

describe('signed audit entries', () => {
  it('the key is generated outside the database with owner-only permissions, and real entries verify', async () => {
    const ids = await t.ids();
    expect((await worker.post('/api/v1/hazards', { title: '签名审计', departmentId: ids.departments.production })).status).toBe(201);
    expect(statSync(t.platform.config.secretKeyFile).mode & 0o077).toBe(0);
    const [last] = await t.database.owner.query<{ sig: string | null }>('SELECT sig FROM audit_log WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1', [t.tenantId]);
    expect(last.sig).toMatch(/^[0-9a-f]{8}:[0-9a-f]{64}$/);
    expect((await verifyAudit(t.database.owner, { signer: t.platform.auditSigner })).problems).toEqual([]);
  });

  it('an entry appended by the database role alone, chain-valid by the public rule, is detected', async () => {
    await t.database.db.transaction().execute(async (tx) => {
      await enterTenant(tx, t.tenantId, null);
      const head = (await sql<{ seq: string; hash: string }>`SELECT seq::text, hash FROM audit_heads WHERE tenant_id = ${t.tenantId}`.execute(tx)).rows[0];
      const fields = {
        tenantId: t.tenantId, seq: Number(head.seq) + 1, at: new Date().toISOString(), actorId: null, actorName: 'safety',
        action: 'hazard.close', entityType: 'hazard', entityId: 'forged', before: null, after: null, basis: '伪造的销号', ip: null, prevHash: head.hash,
      };
      const hash = auditHash(fields);
      await sql`INSERT INTO audit_log (tenant_id, seq, at, actor_id, actor_name, action, entity_type, entity_id, basis, prev_hash, hash)
        VALUES (${t.tenantId}, ${fields.seq}, ${fields.at}, NULL, 'safety', 'hazard.close', 'hazard', 'forged', ${fields.basis}, ${head.hash}, ${hash})`.execute(tx);
      await sql`UPDATE audit_heads SET seq = ${fields.seq}, hash = ${hash} WHERE tenant_id = ${t.tenantId}`.execute(tx);
    });
    const report = await verifyAudit(t.database.owner, { signer: t.platform.auditSigner });
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0].problem).toMatch(/forged/);
  });
});

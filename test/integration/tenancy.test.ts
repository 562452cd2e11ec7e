import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, freshDatabase, type TestApp } from '../helpers/app.js';
import { seedDemo } from '../../src/server/seed/demo.js';
import { enterTenant } from '../../src/server/platform/work.js';
import { assertRuntimeRoleIsUnprivileged, APP_ROLE } from '../../src/server/platform/db/database.js';
import { buildApp } from '../../src/server/app.js';

let t: TestApp;
let otherTenant: string;
beforeAll(async () => {
  t = await startTestApp();
  otherTenant = await seedDemo(t.database.db, t.clock, { code: 'other', name: '另一家公司', months: 1 });
});
afterAll(() => t?.stop());

describe('tenant isolation by row-level security', () => {
  it('a query with no tenant filter at all still sees only its own tenant', async () => {
    const counts = await t.database.db.transaction().execute(async (tx) => {
      await enterTenant(tx, t.tenantId, null);
      // deliberately no WHERE tenant_id = …: the application's filter is "switched off"
      const hazards = await sql<{ tenant_id: string }>`SELECT DISTINCT tenant_id FROM hazards`.execute(tx);
      const users = await sql<{ tenant_id: string }>`SELECT DISTINCT tenant_id FROM users`.execute(tx);
      const tenants = await sql<{ id: string }>`SELECT id FROM tenants`.execute(tx);
      return { hazards: hazards.rows, users: users.rows, tenants: tenants.rows };
    });
    expect(counts.hazards).toEqual([{ tenant_id: t.tenantId }]);
    expect(counts.users).toEqual([{ tenant_id: t.tenantId }]);
    expect(counts.tenants).toEqual([{ id: t.tenantId }]);
    // both tenants really have rows
    const all = await t.database.owner.query<{ n: string }>('SELECT count(DISTINCT tenant_id)::text AS n FROM hazards');
    expect(all[0].n).toBe('2');
  });

  it('without a tenant set, the runtime role sees no business rows', async () => {
    const n = await t.database.db.transaction().execute(async (tx) => {
      await sql`SELECT set_config('role', ${APP_ROLE}, true)`.execute(tx);
      return (await sql<{ n: string }>`SELECT count(*)::text AS n FROM hazards`.execute(tx)).rows[0].n;
    });
    expect(n).toBe('0');
  });

  it('cannot write a row into another tenant', async () => {
    const attempt = t.database.db.transaction().execute(async (tx) => {
      await enterTenant(tx, t.tenantId, null);
      await sql`INSERT INTO counters (tenant_id, name, value) VALUES (${otherTenant}, 'x', 1)`.execute(tx);
    });
    await expect(attempt).rejects.toThrow(/row-level security/);
  });

  it('the runtime role may not rewrite the audit log', async () => {
    const attempt = t.database.db.transaction().execute(async (tx) => {
      await enterTenant(tx, t.tenantId, null);
      await sql`UPDATE audit_log SET action = 'x'`.execute(tx);
    });
    await expect(attempt).rejects.toThrow(/permission denied/);
  });

  it('API: another tenant’s user cannot list or open our hazards', async () => {
    const ours = await t.login('safety');
    const theirs = await t.login('safety', 'zhian123', 'other');
    const mine = await ours.get('/api/v1/hazards?pageSize=1');
    const id = mine.body.items[0].id;
    expect((await theirs.get(`/api/v1/hazards/${id}`)).status).toBe(404);
    const list = await theirs.get('/api/v1/hazards?pageSize=200');
    expect(list.body.items.some((h: { id: string }) => h.id === id)).toBe(false);
    expect((await theirs.get('/api/v1/me')).body.tenant.code).toBe('other');
  });

  it('the runtime role is neither superuser nor BYPASSRLS', async () => {
    await expect(assertRuntimeRoleIsUnprivileged(t.database)).resolves.toBeUndefined();
  });
});

describe('start-up refuses a role that could bypass RLS', () => {
  it('fails to start when the runtime role has BYPASSRLS', async () => {
    if (t.database.kind === 'postgres') {
      // Roles belong to the whole cluster, so leave zhian_app alone and log in as a new role
      // that has BYPASSRLS: the server must refuse it as its runtime login.
      const role = `zhian_bypass_${Date.now()}`;
      await t.database.owner.exec(`CREATE ROLE ${role} LOGIN BYPASSRLS IN ROLE ${APP_ROLE}`);
      const url = new URL(t.url!);
      url.username = role;
      const { openDatabase } = await import('../../src/server/platform/db/database.js');
      const db = await openDatabase({ databaseUrl: url.toString() });
      try {
        await expect(buildApp({ database: db, logger: false })).rejects.toThrow(/refusing to start/);
      } finally {
        await db.close();
        await t.database.owner.exec(`DROP ROLE ${role}`);
      }
      return;
    }
    const fresh = await freshDatabase();
    await fresh.database.owner.exec(`CREATE ROLE ${APP_ROLE} NOLOGIN BYPASSRLS`);
    await expect(buildApp({ database: fresh.database, logger: false })).rejects.toThrow(/refusing to start/);
    await fresh.database.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { seedDemo } from '../../src/server/seed/demo.js';
import { enterTenant } from '../../src/server/platform/work.js';
import { systemActor } from '../../src/server/platform/access.js';

// The platform tables (sessions, events, jobs, auth_throttle) under row-level security: in one
// tenant's transaction the runtime role sees none of another tenant's rows, and the platform
// context (job worker, login) still works across tenants.
let t: TestApp;
let other: string;
beforeAll(async () => {
  t = await startTestApp();
  other = await seedDemo(t.database.db, t.clock, { code: 'rls-other', name: '另一家公司', months: 1 });
  // the other company is in use: someone logged in, a login was throttled, events and jobs exist
  await t.login('safety', undefined, 'rls-other');
  await t.anonymous().post('/api/v1/auth/login', { username: 'safety', password: 'wrong-password', tenant: 'rls-other' });
});
afterAll(() => t?.stop());

describe('platform tables under row-level security', () => {
  it("a tenant's transaction sees none of another tenant's sessions, events and jobs, and no throttle rows", async () => {
    const owner = async (q: string) => Number((await t.database.owner.query<{ n: string }>(q, [other]))[0].n);
    expect(await owner('SELECT count(*)::text AS n FROM sessions WHERE tenant_id = $1')).toBeGreaterThan(0);
    expect(await owner('SELECT count(*)::text AS n FROM events WHERE tenant_id = $1')).toBeGreaterThan(0);
    expect(await owner("SELECT count(*)::text AS n FROM jobs WHERE tenant_id = $1 OR $1 IS NULL")).toBeGreaterThan(0);
    expect(Number((await t.database.owner.query<{ n: string }>('SELECT count(*)::text AS n FROM auth_throttle'))[0].n)).toBeGreaterThan(0);

    const seen = await t.database.db.transaction().execute(async (tx) => {
      await enterTenant(tx, t.tenantId, null);
      const n = async (q: string) => Number((await sql<{ n: string }>`${sql.raw(q)}`.execute(tx)).rows[0].n);
      return {
        sessions: await n(`SELECT count(*)::text AS n FROM sessions WHERE tenant_id <> '${t.tenantId}'`),
        events: await n(`SELECT count(*)::text AS n FROM events WHERE tenant_id <> '${t.tenantId}'`),
        jobs: await n(`SELECT count(*)::text AS n FROM jobs WHERE tenant_id IS DISTINCT FROM '${t.tenantId}'`),
        throttle: await n('SELECT count(*)::text AS n FROM auth_throttle'),
      };
    });
    expect(seen).toEqual({ sessions: 0, events: 0, jobs: 0, throttle: 0 });
  });

  it("a tenant's transaction cannot write another tenant's jobs or events", async () => {
    const attempt = t.database.db.transaction().execute(async (tx) => {
      await enterTenant(tx, t.tenantId, null);
      await sql`INSERT INTO events (tenant_id, type) VALUES (${other}, 'forged')`.execute(tx);
    });
    await expect(attempt).rejects.toThrow(/row-level security/);
  });

  it('the job worker still runs and completes due jobs of several tenants in one batch', async () => {
    const ran: string[] = [];
    t.platform.jobs.register('test:platform-rls', async (w) => {
      ran.push(w.tenantId);
    });
    for (const tenant of [t.tenantId, other]) {
      await t.platform.run(systemActor(tenant), async (w) => w.schedule({ name: 'test:platform-rls', payload: {}, runAt: t.clock.now() }));
    }
    await t.drain();
    expect(ran.sort()).toEqual([t.tenantId, other].sort());
    const pending = await t.database.owner.query<{ n: string }>("SELECT count(*)::text AS n FROM jobs WHERE name = 'test:platform-rls' AND state <> 'done'");
    expect(pending[0].n).toBe('0');
  });
});

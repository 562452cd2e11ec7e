import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import { enterTenant, tenantRunner } from '../platform/work.js';
import { systemActor } from '../platform/access.js';
import { hashPassword } from '../platform/auth/passwords.js';
import type { Clock } from '../platform/clock.js';
import {
  AREAS, DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TENANT, DEPARTMENTS, EQUIPMENT, GIVEN, STAFF, SURNAMES,
} from './demo-data.js';
import { demoHazardHistory } from './demo-hazards.js';
import { seedStandards } from '../modules/standards/index.js';
import { seedQualifications } from '../modules/qualifications/index.js';
import { seedRepairs } from '../modules/repairs/index.js';
import { seedRisks } from '../modules/risks/index.js';
import { seedFlows } from '../modules/flows/index.js';
import { seedWarnings } from '../modules/warnings/index.js';
import { seedSensors } from '../modules/sensors/index.js';
import { seedNotificationChannels } from '../modules/notifications/index.js';
import { seedAnalytics } from '../modules/analytics/demo.js';
import { seedComms } from '../modules/comms/index.js';
import type { FileStore } from '../platform/files/store.js';

/** Deterministic pseudo-random numbers, so every demo install looks the same. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface SeedOptions {
  code?: string;
  name?: string;
  /** Months of hazard history (default 6). */
  months?: number;
  /** Where the demo site plan image is stored (the platform's FileStore); without it the risk map has no plan. */
  files?: FileStore | null;
}

/**
 * Load the demo company into a new tenant: departments, ~60 employees, 15 areas, 40 pieces of
 * equipment and months of hazard history. Returns the tenant id. Refuses if the code exists.
 */
export async function seedDemo(db: Kysely<DB>, clock: Clock, options: SeedOptions = {}): Promise<string> {
  const tenantId = randomUUID();
  const code = options.code ?? DEMO_TENANT.code;
  const name = options.name ?? DEMO_TENANT.name;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const rand = rng(20261128);
  const now = clock.now();

  await db.transaction().execute(async (tx) => {
    await enterTenant(tx, tenantId, null);
    await tx.insertInto('tenants').values({ id: tenantId, code, name, demo: true, setup_completed_at: now }).execute();

    const deptIds: Record<string, string> = {};
    for (const [i, d] of DEPARTMENTS.entries()) {
      const row = await tx
        .insertInto('departments')
        .values({ tenant_id: tenantId, code: d.code, name: d.name, kind: d.kind, functions: [...d.functions], head_user_id: null, sort: i })
        .returning('id')
        .executeTakeFirstOrThrow();
      deptIds[d.code] = row.id;
    }

    const users: { id: string; dept: string }[] = [];
    for (const a of DEMO_ACCOUNTS) {
      const row = await tx
        .insertInto('users')
        .values({
          tenant_id: tenantId,
          username: a.username,
          display_name: a.name,
          password_hash: passwordHash,
          department_id: deptIds[a.dept],
          roles: [...a.roles],
          position: a.position,
          employee_no: `E${String(users.length + 1).padStart(4, '0')}`,
          phone: `138${String(10000000 + users.length * 7919).slice(0, 8)}`,
          email: `${a.username}@demo.zhian.local`,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      users.push({ id: row.id, dept: a.dept });
      if ('head' in a && a.head) await tx.updateTable('departments').set({ head_user_id: row.id }).where('id', '=', deptIds[a.dept]).execute();
    }
    const staffRows = [];
    let n = 0;
    for (const [dept, position, count] of STAFF) {
      for (let i = 0; i < count; i++, n++) {
        staffRows.push({
          tenant_id: tenantId,
          username: `emp${String(n + 1).padStart(3, '0')}`,
          display_name: SURNAMES[(n * 7) % SURNAMES.length] + GIVEN[(n * 11) % GIVEN.length],
          password_hash: null, // an employee record without a login
          department_id: deptIds[dept],
          roles: [dept === 'safety' ? 'safety_officer' : position === '班组长' ? 'staff' : 'worker'],
          position,
          employee_no: `E${String(users.length + staffRows.length + 1).padStart(4, '0')}`,
          phone: `139${String(20000000 + n * 104729).slice(0, 8)}`,
          email: null,
        });
      }
    }
    const staff = await tx.insertInto('users').values(staffRows).returning(['id', 'department_id']).execute();
    const allUsers = [...users.map((u) => ({ id: u.id, deptId: deptIds[u.dept] })), ...staff.map((s) => ({ id: s.id, deptId: s.department_id! }))];

    const areas = await tx
      .insertInto('areas')
      .values(AREAS.map((a) => ({ tenant_id: tenantId, code: a.code, name: a.name, kind: a.kind, department_id: deptIds[a.dept] })))
      .returning(['id', 'code', 'kind', 'department_id'])
      .execute();
    const areaByCode = new Map(areas.map((a) => [a.code, a]));

    const equipmentRows = [];
    const counters = new Map<string, number>();
    for (const [prefix, eqName, category, area, special, count] of EQUIPMENT) {
      for (let i = 0; i < count; i++) {
        const k = (counters.get(prefix) ?? 0) + 1;
        counters.set(prefix, k);
        equipmentRows.push({
          tenant_id: tenantId,
          code: `${prefix}-${String(k).padStart(3, '0')}`,
          name: count > 1 ? `${eqName} #${i + 1}` : eqName,
          category,
          model: eqName.split(' ')[1] ?? null,
          area_id: areaByCode.get(area)!.id,
          department_id: deptIds.equipment,
          special_type: special,
          commissioned_on: `${2015 + (k % 9)}-0${1 + (k % 9)}-15`,
        });
      }
    }
    const equipment = await tx.insertInto('equipment').values(equipmentRows).returning(['id', 'area_id']).execute();

    const heads = Object.fromEntries(
      (await tx.selectFrom('departments').select(['id', 'head_user_id']).execute()).map((d) => [d.id, d.head_user_id ?? users[0].id]),
    );
    const people = await tx.selectFrom('users').select(['id', 'display_name', 'roles']).execute();
    const history = demoHazardHistory({
      tenantId,
      now,
      months: options.months ?? 6,
      rand,
      areas,
      equipment,
      reporters: allUsers,
      deptIds,
      heads,
      assessors: people.filter((u) => u.roles.includes('safety_officer')).map((u) => ({ id: u.id, name: u.display_name })),
      committeeUserId: heads[deptIds.committee],
      names: Object.fromEntries(people.map((u) => [u.id, u.display_name])),
    });
    for (let i = 0; i < history.hazards.length; i += 200) await tx.insertInto('hazards').values(history.hazards.slice(i, i + 200) as never).execute();
    for (let i = 0; i < history.transitions.length; i += 500) {
      await tx.insertInto('hazard_transitions').values(history.transitions.slice(i, i + 500) as never).execute();
    }
    if (history.counters.size) {
      await tx
        .insertInto('counters')
        .values([...history.counters].map(([month, value]) => ({ tenant_id: tenantId, name: `hazard:${month}`, value })))
        .execute();
    }
    // Unified standards: version 1 (national defaults) and the demo department mappings.
    await seedStandards(tx, tenantId, deptIds);
    // Cross-department work (C1): operators, certificates, requirements; HR and repair roles.
    await seedQualifications(tx, tenantId, now);
    await seedRepairs(tx, tenantId);
    // Risk points, site plan and area outlines of the four-colour risk map (C3).
    await seedRisks(tx, tenantId, options.files ?? null, { now, company: name });
    // Built-in process templates and months of collaboration cases run through the flow engine (C4, C5).
    await seedFlows(tx, tenantId, now, options.months ?? 6);
    // Warning source (市气象台), linkage rules and three months of warnings and answers (C7).
    await seedWarnings(tx, tenantId, now);
    // Equipment sensors with thresholds and a week of readings (C7).
    await seedSensors(tx, tenantId, now);
    // Notification channels (C8): a DingTalk robot and an SMTP server, both disabled.
    await seedNotificationChannels(tx, tenantId);
    // Fire equipment, KPI targets and reference values, survey rounds; then the first rollup refresh (C14).
    await seedAnalytics(tx, tenantId, now);
    // Chat (C6): department channels, a case room, a hazard room, a one-to-one chat, past meetings.
    await seedComms(tx, tenantId, now);
  });

  // One audit entry records the load itself.
  await tenantRunner(db, () => [], clock)(systemActor(tenantId, 'seed-demo'), async (w) => {
    w.audit({ action: 'demo.seed', entityType: 'tenant', entityId: tenantId, after: { code, name }, basis: 'demo data loaded at first start' });
  });
  return tenantId;
}

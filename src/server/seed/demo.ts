import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import { enterTenant, tenantRunner } from '../platform/work.js';
import { systemActor } from '../platform/access.js';
import { hashPassword } from '../platform/auth/passwords.js';
import type { Clock } from '../platform/clock.js';
import {
  AREAS, DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TENANT, DEPARTMENTS, DESCRIPTION_HINTS, EQUIPMENT, GIVEN, HAZARD_TITLES, STAFF, SURNAMES,
} from './demo-data.js';

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
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const now = clock.now();

  await db.transaction().execute(async (tx) => {
    await enterTenant(tx, tenantId, null);
    await tx.insertInto('tenants').values({ id: tenantId, code, name }).execute();

    const deptIds: Record<string, string> = {};
    for (const [i, d] of DEPARTMENTS.entries()) {
      const row = await tx
        .insertInto('departments')
        .values({ tenant_id: tenantId, code: d.code, name: d.name, kind: d.kind, head_user_id: null, sort: i })
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

    // Hazard history: about 50 a month; older ones closed, recent ones still moving.
    const months = options.months ?? 6;
    const hazards = [];
    const perMonth = new Map<string, number>();
    const days = months * 30;
    for (let d = days; d >= 0; d--) {
      const count = Math.floor(rand() * 3.4);
      for (let j = 0; j < count; j++) {
        const reportedAt = new Date(now.getTime() - d * 86_400_000 - Math.floor(rand() * 9 * 3_600_000) - 3_600_000);
        const area = pick(areas);
        const title = pick(HAZARD_TITLES[area.kind] ?? HAZARD_TITLES.workshop);
        const eqInArea = equipment.filter((e) => e.area_id === area.id);
        const eq = eqInArea.length && rand() < 0.5 ? pick(eqInArea) : null;
        const reporter = pick(allUsers);
        const age = d;
        const major = rand() < 0.04;
        const status =
          age > 30 ? (rand() < 0.96 ? 'closed' : 'rectifying')
          : age > 10 ? pick(['closed', 'closed', 'closed', 'verifying', 'rectifying'])
          : age > 2 ? pick(['closed', 'rectifying', 'rectifying', 'assessed', 'verifying'])
          : pick(['reported', 'reported', 'assessed', 'rectifying']);
        const assessed = status !== 'reported';
        const assessedAt = assessed ? new Date(reportedAt.getTime() + (2 + rand() * 30) * 3_600_000) : null;
        const deadline = assessed ? new Date(reportedAt.getTime() + (major ? 15 : 3 + Math.floor(rand() * 5)) * 86_400_000) : null;
        const closedAt =
          status === 'closed' ? new Date(Math.min(now.getTime() - 3_600_000, reportedAt.getTime() + (1 + rand() * (major ? 20 : 8)) * 86_400_000)) : null;
        const month = `${reportedAt.getFullYear()}${String(reportedAt.getMonth() + 1).padStart(2, '0')}`;
        const seq = (perMonth.get(month) ?? 0) + 1;
        perMonth.set(month, seq);
        hazards.push({
          tenant_id: tenantId,
          code: `YH-${month}-${String(seq).padStart(4, '0')}`,
          title,
          description: pick(DESCRIPTION_HINTS),
          area_id: area.id,
          equipment_id: eq?.id ?? null,
          department_id: area.department_id!,
          reporter_id: reporter.id,
          reporter_department_id: reporter.deptId,
          source: 'report',
          status,
          grade: assessed ? (major ? 'major' : 'general') : null,
          responsible_department_id: assessed ? (eq ? deptIds.equipment : area.department_id) : null,
          deadline,
          reported_at: reportedAt,
          assessed_at: assessedAt,
          closed_at: closedAt,
          created_at: reportedAt,
          updated_at: closedAt ?? assessedAt ?? reportedAt,
        });
      }
    }
    // Hazard numbers are assigned in report order within each month.
    hazards.sort((a, b) => a.reported_at.getTime() - b.reported_at.getTime());
    const seqs = new Map<string, number>();
    for (const h of hazards) {
      const month = h.code.slice(3, 9);
      const s = (seqs.get(month) ?? 0) + 1;
      seqs.set(month, s);
      h.code = `YH-${month}-${String(s).padStart(4, '0')}`;
    }
    for (let i = 0; i < hazards.length; i += 200) await tx.insertInto('hazards').values(hazards.slice(i, i + 200)).execute();
    if (seqs.size) {
      await tx
        .insertInto('counters')
        .values([...seqs].map(([month, value]) => ({ tenant_id: tenantId, name: `hazard:${month}`, value })))
        .execute();
    }
  });

  // One audit entry records the load itself.
  await tenantRunner(db, () => [], clock)(systemActor(tenantId, 'seed-demo'), async (w) => {
    w.audit({ action: 'demo.seed', entityType: 'tenant', entityId: tenantId, after: { code, name }, basis: 'demo data loaded at first start' });
  });
  return tenantId;
}

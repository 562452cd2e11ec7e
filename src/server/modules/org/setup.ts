import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../platform/db/schema.js';
import type { Clock } from '../../platform/clock.js';
import { enterPlatform, enterTenant, tenantRunner } from '../../platform/work.js';
import { systemActor } from '../../platform/access.js';
import { AppError, ValidationError, type ErrorDetail } from '../../platform/errors.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import { passwordProblems } from '../../platform/auth/password-policy.js';
import { activationPath, issueActivationLink } from '../../platform/auth/links.js';
import { secretHash } from '../../platform/auth/store.js';
import { DEPARTMENT_FUNCTIONS } from '../../../core/org/functions.js';
import { HIGH_RISK_SECTORS, SECTORS, SUGGESTED_DEPARTMENTS } from '../../../core/org/sectors.js';

export const NewTenantSchema = z.strictObject({
  organisation: z.strictObject({
    name: z.string().trim().min(2).max(100),
    code: z.string().trim().toLowerCase().regex(/^[a-z][a-z0-9-]{1,29}$/, 'lower-case letters, digits and -, starting with a letter (2 to 30)'),
    sector: z.enum(SECTORS),
    address: z.string().trim().max(200).default(''),
    highRiskSectors: z.array(z.enum(HIGH_RISK_SECTORS)).max(4).default([]),
  }),
  admin: z.strictObject({
    displayName: z.string().trim().min(1).max(50),
    username: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$/, 'letters, digits, . _ - (2 to 40)'),
    password: z.string().max(200).optional().describe('absent: the administrator gets an activation link instead'),
    email: z.email().max(120).optional(),
  }),
  departments: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1).max(50),
        kind: z.enum(['department', 'committee']).default('department'),
        functions: z.array(z.enum(DEPARTMENT_FUNCTIONS)).min(1).max(6),
      }),
    )
    .min(1)
    .max(60)
    .optional()
    .describe("absent: the sector's suggested list"),
});
export type NewTenant = z.input<typeof NewTenantSchema>;

/**
 * A new organisation: its profile, departments with their functions, and the first administrator,
 * who holds both 系统管理员 and 安全管理员 until others are named (等保 separation). Used by the setup
 * wizard and by `npm run zhian -- create-tenant`. Nothing of the demo is needed or made.
 */
export async function createTenant(db: Kysely<DB>, clock: Clock, raw: NewTenant) {
  const input = NewTenantSchema.parse(raw);
  const { organisation: org, admin } = input;
  const departments = input.departments ?? SUGGESTED_DEPARTMENTS[org.sector];
  const details: ErrorDetail[] = [];
  if (admin.password !== undefined) {
    details.push(...passwordProblems(admin.password, { username: admin.username, displayName: admin.displayName, tenantCode: org.code }, 'body.admin.password'));
  }
  const names = new Set<string>();
  departments.forEach((d, i) => {
    if (names.has(d.name)) details.push({ path: `body.departments.${i}.name`, message: `${d.name} is listed twice` });
    names.add(d.name);
  });
  if (!departments.some((d) => d.functions.includes('safety'))) {
    details.push({ path: 'body.departments', message: 'one department must do the safety work (function safety)' });
  }
  const taken = await db.transaction().execute(async (tx) => {
    await enterPlatform(tx);
    return (await sql<{ id: string | null }>`SELECT auth_tenant_id(${org.code}) AS id`.execute(tx)).rows[0]?.id;
  });
  if (taken) details.push({ path: 'body.organisation.code', message: `the code ${org.code} is taken on this installation` });
  if (details.length) throw new ValidationError('the organisation cannot be created', details);

  const tenantId = randomUUID();
  const now = clock.now();
  const passwordHash = admin.password ? await hashPassword(admin.password) : null;
  const result = await db.transaction().execute(async (tx) => {
    await enterTenant(tx, tenantId, null);
    await tx
      .insertInto('tenants')
      .values({ id: tenantId, code: org.code, name: org.name, sector: org.sector, address: org.address, high_risk_sectors: org.highRiskSectors, setup_completed_at: now })
      .execute();
    const deptIds: string[] = [];
    for (const [i, d] of departments.entries()) {
      const row = await tx
        .insertInto('departments')
        .values({ tenant_id: tenantId, code: `d${String(i + 1).padStart(2, '0')}`, name: d.name, kind: d.kind ?? 'department', functions: d.functions, head_user_id: null, sort: i })
        .returning('id')
        .executeTakeFirstOrThrow();
      deptIds.push(row.id);
    }
    // the administrator sits in the department doing "other"/office work, else none
    const office = departments.findIndex((d) => d.functions.includes('other'));
    const user = await tx
      .insertInto('users')
      .values({
        tenant_id: tenantId,
        username: admin.username,
        display_name: admin.displayName,
        password_hash: passwordHash,
        department_id: office >= 0 ? deptIds[office] : null,
        roles: ['admin', 'security_admin'],
        position: '系统管理员',
        email: admin.email ?? null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const link = passwordHash ? null : await issueActivationLink(tx, tenantId, user.id, now);
    return { adminId: user.id, activation: link ? activationPath(org.code, link) : null };
  });
  await tenantRunner(db, () => [], clock)(systemActor(tenantId, 'setup'), async (w) => {
    w.audit({
      action: 'tenant.create',
      entityType: 'tenant',
      entityId: tenantId,
      after: { code: org.code, name: org.name, sector: org.sector, highRiskSectors: org.highRiskSectors, departments: departments.map((d) => d.name), admin: admin.username },
      basis: 'organisation set up',
    });
  });
  return { tenantId, code: org.code, adminId: result.adminId, adminUsername: admin.username, activationPath: result.activation };
}

/** A setup link that is unused and in time, or 410 (checked again when the organisation is made). */
export async function checkSetupLink(db: Kysely<DB>, clock: Clock, token: string): Promise<void> {
  const row = await db.transaction().execute(async (tx) => {
    await enterPlatform(tx);
    return tx.selectFrom('auth_links').select(['expires_at', 'used_at']).where('token_hash', '=', secretHash(token)).where('purpose', '=', 'setup').executeTakeFirst();
  });
  if (!row || row.used_at || new Date(row.expires_at) <= clock.now()) {
    throw new AppError('LINK_INVALID', 'this setup link is unknown, used or older than 24 hours; make a new one with `npm run zhian -- setup-link`');
  }
}

/** Use up a setup link: exactly one organisation per link, even when two submit at once. */
export async function useSetupLink(db: Kysely<DB>, clock: Clock, token: string): Promise<void> {
  const used = await db.transaction().execute(async (tx) => {
    await enterPlatform(tx);
    return tx
      .updateTable('auth_links')
      .set({ used_at: clock.now() })
      .where('token_hash', '=', secretHash(token))
      .where('purpose', '=', 'setup')
      .where('used_at', 'is', null)
      .where('expires_at', '>', clock.now())
      .returning('token_hash')
      .execute();
  });
  if (!used.length) throw new AppError('LINK_INVALID', 'this setup link is unknown, used or older than 24 hours');
}

/** Give a setup link back after a refused form. */
export async function releaseSetupLink(db: Kysely<DB>, token: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await enterPlatform(tx);
    await tx.updateTable('auth_links').set({ used_at: null }).where('token_hash', '=', secretHash(token)).where('purpose', '=', 'setup').execute();
  });
}

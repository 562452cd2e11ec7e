import { z } from 'zod';
import { sql } from 'kysely';
import type { Api } from '../../platform/module.js';
import type { Platform } from '../../platform/platform.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { builtinGrants, isPermission, PERMISSIONS, requirePermission, ROLES, TOKEN_ONLY_PERMISSIONS } from '../../platform/access.js';
import { ConflictError, NotFoundError, ValidationError, type ErrorDetail } from '../../platform/errors.js';
import { PERMISSION_LABELS, ROLE_LABELS } from '../../../core/org/permissions.js';

const RoleBody = {
  name: z.string().trim().min(1).max(40),
  description: z.string().trim().max(200).optional(),
  permissions: z.array(z.string()).max(PERMISSIONS.length),
};

/**
 * The role catalogue (what each role may do, in plain Chinese) and the role editor: the security
 * administrator (roles.manage) makes tenant-specific roles from the permission list. A change
 * reaches every server by NOTIFY (migration 0005), so holders get it at their next request.
 */
export function roleRoutes(api: Api, p: Platform): void {
  api.get('/roles', { schema: { tags: ['org'], summary: 'Built-in and custom roles with what they grant, and the permission list' } }, async (request) => {
    const actor = actorOf(request);
    const custom = await p.read(actor, (w) => w.tx.selectFrom('tenant_roles').selectAll().orderBy('created_at').execute());
    const holders = await p.read(actor, (w) =>
      w.tx.selectFrom('users').select(sql<string>`unnest(roles)`.as('role')).where('active', '=', true).execute(),
    );
    const count = new Map<string, number>();
    for (const h of holders as { role: string }[]) count.set(h.role, (count.get(h.role) ?? 0) + 1);
    return {
      permissions: PERMISSIONS.map((key) => ({ key, label: PERMISSION_LABELS[key] ?? { zh: key, en: key }, tokenOnly: TOKEN_ONLY_PERMISSIONS.includes(key) })),
      roles: [
        ...ROLES.map((key) => ({ key, name: ROLE_LABELS[key]?.zh ?? key, nameEn: ROLE_LABELS[key]?.en ?? key, description: '', builtin: true, permissions: [...builtinGrants(key)], holders: count.get(key) ?? 0, retired: false, version: 0 })),
        ...custom.map((r) => ({ key: r.key, name: r.name, nameEn: r.name, description: r.description, builtin: false, permissions: r.permissions, holders: count.get(r.key) ?? 0, retired: !!r.retired_at, version: r.version })),
      ],
    };
  });

  api.post(
    '/roles',
    { schema: { tags: ['org'], summary: 'Create a custom role from the permission list (roles.manage)', body: z.strictObject(RoleBody) } },
    async (request, reply) => {
      const actor = actorOf(request);
      requirePermission(actor, 'roles.manage');
      checkPermissions(request.body.permissions);
      const row = await p.run(actor, async (w) => {
        const n = await w.tx.selectFrom('tenant_roles').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
        const key = `custom_${Number(n.n) + 1}_${Date.now().toString(36)}`;
        const created = await w.tx
          .insertInto('tenant_roles')
          .values({ tenant_id: w.tenantId, key, name: request.body.name, description: request.body.description ?? '', permissions: [...new Set(request.body.permissions)], created_at: w.clock.now(), updated_at: w.clock.now() })
          .returning(['key', 'name', 'permissions', 'version'])
          .executeTakeFirstOrThrow();
        w.audit({ action: 'role.create', entityType: 'role', entityId: key, after: created });
        return created;
      });
      return reply.status(201).send(row);
    },
  );

  api.patch(
    '/roles/:key',
    {
      schema: {
        tags: ['org'],
        summary: "Change a custom role's name or permissions, or retire it (roles.manage; version check); holders get it at their next request",
        params: z.object({ key: z.string().max(60) }),
        body: z.strictObject({ version: z.number().int().min(1), name: RoleBody.name.optional(), description: RoleBody.description, permissions: RoleBody.permissions.optional(), retired: z.boolean().optional() }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requirePermission(actor, 'roles.manage');
      const b = request.body;
      if (b.permissions) checkPermissions(b.permissions);
      return p.run(actor, async (w) => {
        const before = await w.tx.selectFrom('tenant_roles').selectAll().where('key', '=', request.params.key).executeTakeFirst();
        if (!before) throw new NotFoundError('role', request.params.key);
        if (before.version !== b.version) throw new ConflictError('the role was changed by someone else; reload', 'VERSION_CONFLICT');
        const after = await w.tx
          .updateTable('tenant_roles')
          .set({
            ...(b.name ? { name: b.name } : {}),
            ...(b.description !== undefined ? { description: b.description } : {}),
            ...(b.permissions ? { permissions: [...new Set(b.permissions)] } : {}),
            ...(b.retired !== undefined ? { retired_at: b.retired ? w.clock.now() : null } : {}),
            updated_at: w.clock.now(),
            version: before.version + 1,
          })
          .where('key', '=', request.params.key)
          .returning(['key', 'name', 'permissions', 'version', 'retired_at'])
          .executeTakeFirstOrThrow();
        w.audit({ action: 'role.update', entityType: 'role', entityId: before.key, before: { name: before.name, permissions: before.permissions }, after });
        return { ...after, retired: !!after.retired_at };
      });
    },
  );
}

function checkPermissions(perms: string[]): void {
  const details: ErrorDetail[] = [];
  perms.forEach((perm, i) => {
    if (!isPermission(perm)) details.push({ path: `body.permissions.${i}`, message: `unknown permission ${perm}` });
    else if (TOKEN_ONLY_PERMISSIONS.includes(perm)) details.push({ path: `body.permissions.${i}`, message: `${perm} is held only by API tokens` });
  });
  if (details.length) throw new ValidationError('permissions not allowed in a role', details);
}

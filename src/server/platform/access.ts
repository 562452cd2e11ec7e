import { ForbiddenError } from './errors.js';

/**
 * Roles and what they grant. Permissions are coarse capabilities; record-level rules (whose
 * hazard, which department) live in each module's policies.ts.
 */
export const ROLES = ['admin', 'safety_officer', 'dept_head', 'staff', 'worker', 'committee'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'hazard.report',
  'hazard.view_all', // every department's hazards
  'hazard.view_department', // hazards of one's own department
  'hazard.edit_any', // correct any open hazard's details
  'hazard.assess', // receives assessment work and reminders (安全环保部)
  'audit.view',
  'users.manage',
  'api_tokens.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, Permission[]> = {
  admin: ['hazard.report', 'hazard.view_all', 'hazard.edit_any', 'audit.view', 'users.manage', 'api_tokens.manage'],
  safety_officer: ['hazard.report', 'hazard.view_all', 'hazard.edit_any', 'hazard.assess', 'audit.view'],
  committee: ['hazard.report', 'hazard.view_all', 'audit.view'],
  dept_head: ['hazard.report', 'hazard.view_department'],
  staff: ['hazard.report', 'hazard.view_department'],
  worker: ['hazard.report'],
};

export function permissionsOf(roles: readonly string[]): Set<Permission> {
  const set = new Set<Permission>();
  for (const r of roles) for (const p of GRANTS[r as Role] ?? []) set.add(p);
  return set;
}

/** Who is acting: a logged-in user, an API token acting as its user, or the system (jobs, handlers). */
export interface Actor {
  kind: 'user' | 'api' | 'system';
  tenantId: string;
  userId: string | null;
  username: string;
  displayName: string;
  departmentId: string | null;
  roles: string[];
  locale: string;
  permissions: Set<Permission>;
  ip?: string;
}

export function userActor(u: {
  tenantId: string;
  userId: string;
  username: string;
  displayName: string;
  departmentId: string | null;
  roles: string[];
  locale: string;
  kind?: 'user' | 'api';
  ip?: string;
}): Actor {
  return { kind: u.kind ?? 'user', ...u, permissions: permissionsOf(u.roles) };
}

export function systemActor(tenantId: string, name = 'system'): Actor {
  return {
    kind: 'system',
    tenantId,
    userId: null,
    username: name,
    displayName: '系统',
    departmentId: null,
    roles: [],
    locale: 'zh-CN',
    permissions: new Set(PERMISSIONS),
  };
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new ForbiddenError(`missing permission ${permission}`);
}

import { ForbiddenError } from './errors.js';

/**
 * Roles and what they grant. Permissions are coarse capabilities; record-level rules (whose
 * hazard, which department) live in each module's policies.ts.
 */
/** `hr` (人事) and `maintenance` (设备维修) are functional roles held alongside a position role such as dept_head. */
/**
 * 等保 level 3 separates three administrators: `admin` (系统管理员: accounts, organisation, settings),
 * `security_admin` (安全管理员: roles and permissions) and `audit_admin` (审计管理员: reads and verifies the
 * audit). The first administrator of a new organisation holds the first two until others are named.
 */
export const ROLES = ['admin', 'security_admin', 'audit_admin', 'safety_officer', 'dept_head', 'staff', 'worker', 'committee', 'hr', 'maintenance'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'hazard.report',
  'hazard.view_all', // every department's hazards
  'hazard.view_department', // hazards of one's own department
  'hazard.edit_any', // correct any open hazard's details
  'hazard.assess', // receives assessment work and reminders (安全环保部)
  'audit.view',
  'audit.verify', // recompute the audit hash chain (审计管理员)
  'users.manage', // add, disable, reset and move people; activation links (系统管理员)
  'roles.manage', // give people roles, edit the tenant's own roles (安全管理员)
  'org.manage', // departments, areas, positions, the organisation's profile (系统管理员)
  'api_tokens.manage', // issue and revoke API tokens for integrations
  'sensors.ingest', // post sensor readings: held only by API tokens (gateways), never by a role
  'standards.manage', // edit the unified standards and department mappings (C2)
  'qualifications.view', // operator qualification checks, certificates (C1: 人事部's lens)
  'qualifications.manage', // confirm qualification checks (人事部)
  'repairs.view_all', // every department's repair orders
  'repairs.work', // take and finish the repair orders of one's own department (设备部)
  'qrcodes.print', // print the QR codes of areas and equipment (C20)
  'risks.manage', // risk points, site plan and area outlines of the risk map (C3, 风险分级管控)
  'flows.design', // process templates and the working calendar (C5)
  'flows.launch', // launch a cross-department collaboration case (C4)
  'flows.view_all', // every collaboration case, not only those one takes part in
  'warnings.raise', // raise a warning by hand, or record one received from a neighbouring company (C7)
  'warnings.view_all', // every warning and every department's response, including tests and exercises
  'warnings.manage', // warning sources (API keys, allowlists, feeds), linkage rules, quarantine (C7)
  'sensors.manage', // equipment sensors and their thresholds (C7)
  'notifications.manage', // notification channels (SMTP, group robots) and delivery failures (C8)
  'analytics.view_all', // company-wide dashboards, department ranking, bottlenecks, reports of any department (C14)
  'analytics.view_department', // the dashboard and reports of one's own department (C14)
  'analytics.manage', // KPI targets and industry reference values (C14)
  'surveys.manage', // open a satisfaction survey round and see its comments (C14)
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, Permission[]> = {
  admin: ['hazard.report', 'hazard.view_all', 'hazard.edit_any', 'audit.view', 'users.manage', 'org.manage', 'api_tokens.manage', 'standards.manage',
    'qualifications.view', 'qualifications.manage', 'repairs.view_all', 'qrcodes.print', 'risks.manage',
    'flows.design', 'flows.launch', 'flows.view_all', 'warnings.raise', 'warnings.view_all', 'warnings.manage', 'sensors.manage',
    'notifications.manage', 'analytics.view_all', 'analytics.manage', 'surveys.manage'],
  security_admin: ['hazard.report', 'roles.manage', 'audit.view'],
  audit_admin: ['hazard.report', 'audit.view', 'audit.verify'],
  safety_officer: ['hazard.report', 'hazard.view_all', 'hazard.edit_any', 'hazard.assess', 'audit.view', 'standards.manage',
    'qualifications.view', 'repairs.view_all', 'qrcodes.print', 'risks.manage', 'flows.design', 'flows.launch', 'flows.view_all',
    'warnings.raise', 'warnings.view_all', 'warnings.manage', 'sensors.manage', 'analytics.view_all', 'surveys.manage'],
  committee: ['hazard.report', 'hazard.view_all', 'audit.view', 'flows.launch', 'flows.view_all', 'warnings.raise', 'warnings.view_all',
    'analytics.view_all'],
  dept_head: ['hazard.report', 'hazard.view_department', 'flows.launch', 'warnings.raise', 'analytics.view_department'],
  staff: ['hazard.report', 'hazard.view_department', 'warnings.raise', 'analytics.view_department'],
  worker: ['hazard.report', 'warnings.raise'],
  hr: ['hazard.report', 'hazard.view_department', 'qualifications.view', 'qualifications.manage'],
  maintenance: ['hazard.report', 'hazard.view_department', 'repairs.work', 'sensors.manage'],
};

/** Permissions only an API token may hold (a gateway posting readings is not a person). */
export const TOKEN_ONLY_PERMISSIONS: readonly Permission[] = ['sensors.ingest'];

export function isPermission(v: string): v is Permission {
  return (PERMISSIONS as readonly string[]).includes(v);
}

export function isBuiltinRole(v: string): v is Role {
  return (ROLES as readonly string[]).includes(v);
}

/** What the built-in roles grant (the role catalogue shows it). */
export function builtinGrants(role: Role): readonly Permission[] {
  return GRANTS[role];
}

/**
 * What a creator may put into a token: their own permissions, and `sensors.ingest` when they
 * manage sensors (a gateway's token is how sensors are fed).
 */
export function grantableToToken(creator: ReadonlySet<Permission>): Set<Permission> {
  const out = new Set(creator);
  for (const p of TOKEN_ONLY_PERMISSIONS) out.delete(p);
  if (creator.has('sensors.manage')) out.add('sensors.ingest');
  return out;
}

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
  /** The API token an `api` actor acts through (its audit entries name the token). */
  tokenId?: string;
  /** The session (SHA-256 of its cookie) a `user` actor came with: its sockets close with it. */
  sessionHash?: string;
  /** An administrator reset the password: until the user sets a new one, only that is allowed. */
  mustChangePassword?: boolean;
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

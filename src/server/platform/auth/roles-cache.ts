import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { isPermission, type Permission } from '../access.js';

export const ROLES_CHANNEL = 'zhian_roles';
/** A safety net only: changes arrive by NOTIFY at once (migration 0005's triggers). */
const MAX_AGE_MS = 10 * 60_000;

/**
 * Each tenant's own roles (the role editor's), held in memory per server and dropped on every
 * server when a role changes. Users holding only built-in roles never cause a lookup, so the hot
 * paths (P1, P2) do not slow down; a changed role takes effect at its holders' next request.
 */
export class TenantRolesCache {
  private readonly tenants = new Map<string, { roles: Map<string, Permission[]>; until: number } | Promise<Map<string, Permission[]>>>();
  constructor(private readonly database: Database) {}

  listen(): Promise<() => Promise<void>> {
    return this.database.listen(ROLES_CHANNEL, (tenantId) => this.tenants.delete(tenantId));
  }

  forget(tenantId: string): void {
    this.tenants.delete(tenantId);
  }

  /** Permissions granted by the tenant's own roles among `roles` (built-in ones are not looked up). */
  async permissions(tenantId: string, roles: readonly string[]): Promise<Permission[]> {
    if (!roles.some((r) => r.startsWith('custom_'))) return [];
    const byKey = await this.load(tenantId);
    return roles.flatMap((r) => byKey.get(r) ?? []);
  }

  private load(tenantId: string): Promise<Map<string, Permission[]>> {
    const hit = this.tenants.get(tenantId);
    if (hit instanceof Promise) return hit;
    if (hit && hit.until > Date.now()) return Promise.resolve(hit.roles);
    const lookup = sql<{ key: string; permissions: string[] }>`SELECT * FROM auth_tenant_roles(${tenantId})`
      .execute(this.database.db)
      .then(
        (r) => {
          const roles = new Map(r.rows.map((row) => [row.key, row.permissions.filter(isPermission)]));
          if (this.tenants.get(tenantId) === lookup) this.tenants.set(tenantId, { roles, until: Date.now() + MAX_AGE_MS });
          return roles;
        },
        (err) => {
          this.tenants.delete(tenantId);
          throw err;
        },
      );
    this.tenants.set(tenantId, lookup);
    return lookup;
  }
}

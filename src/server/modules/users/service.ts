import { randomInt } from 'node:crypto';
import type { Platform } from '../../platform/platform.js';
import { isBuiltinRole, requirePermission, type Actor } from '../../platform/access.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type ErrorDetail } from '../../platform/errors.js';
import type { Tx, Work } from '../../platform/work.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import { activationPath, issueActivationLink } from '../../platform/auth/links.js';
import { UserStore, type UserListFilter } from './store.js';

export interface NewUser {
  displayName: string;
  username?: string;
  employeeNo?: string | null;
  departmentId?: string | null;
  positionId?: string | null;
  position?: string | null;
  roles?: string[];
  phone?: string | null;
  email?: string | null;
  /** Give the person a login: an activation link is made (shown once). */
  login?: boolean;
}

export interface UserChange {
  version: number;
  displayName?: string;
  employeeNo?: string | null;
  departmentId?: string | null;
  positionId?: string | null;
  phone?: string | null;
  email?: string | null;
}

/** Who may be given roles without the security administrator: the plain staff roles. */
const DEFAULT_ROLES = ['worker'];

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

type Row = NonNullable<Awaited<ReturnType<UserStore['one']>>>;
export function presentUser(r: Row) {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    employeeNo: r.employee_no,
    department: r.department_id ? { id: r.department_id, name: r.department_name ?? '' } : null,
    positionId: r.position_id,
    position: r.position,
    roles: r.roles,
    phone: r.phone,
    email: r.email,
    /** active: can log in; pending: has no password yet (activation link); disabled. */
    status: !r.active ? ('disabled' as const) : r.has_password ? ('active' as const) : ('pending' as const),
    mustChangePassword: r.must_change_password,
    lastLoginAt: iso(r.last_login_at),
    disabledAt: iso(r.disabled_at),
    createdAt: iso(r.created_at)!,
    version: r.version,
  };
}

/**
 * People of the organisation, administered (系统管理员: users.manage; roles need the security
 * administrator's roles.manage). The user is the one person record the staff directory, training
 * and qualifications refer to.
 */
export class UserService {
  readonly store = new UserStore();
  constructor(private readonly p: Platform) {}

  async list(actor: Actor, f: UserListFilter) {
    requirePermission(actor, 'users.manage');
    const { rows, total } = await this.p.read(actor, (w) => this.store.list(w.tx, f));
    return { items: rows.map(presentUser), total, page: f.page, pageSize: f.pageSize };
  }

  async get(actor: Actor, id: string) {
    requirePermission(actor, 'users.manage');
    return this.p.read(actor, async (w) => presentUser(await this.load(w.tx, id)));
  }

  async create(actor: Actor, input: NewUser) {
    requirePermission(actor, 'users.manage');
    const roles = input.roles?.length ? input.roles : DEFAULT_ROLES;
    if (!sameRoles(roles, DEFAULT_ROLES)) requirePermission(actor, 'roles.manage');
    return this.p.run(actor, async (w) => {
      const created = await this.insert(w, input, roles);
      return { user: presentUser(await this.load(w.tx, created.id)), ...created.link };
    });
  }

  /** Insert one person (the import calls this for each row inside its one transaction). */
  async insert(w: Work, input: NewUser, roles: string[], path = 'body'): Promise<{ id: string; link: { activationPath?: string } }> {
    const details = await this.check(w.tx, { ...input, roles }, undefined, path);
    if (details.length) throw new ValidationError('the person cannot be added', details);
    const username = input.username?.trim() || (await this.freeUsername(w.tx, input.employeeNo ?? null));
    const now = w.clock.now();
    const row = await w.tx
      .insertInto('users')
      .values({
        tenant_id: w.tenantId,
        username,
        display_name: input.displayName.trim(),
        password_hash: null,
        department_id: input.departmentId ?? null,
        position_id: input.positionId ?? null,
        position: input.positionId ? null : input.position?.trim() || null,
        roles,
        employee_no: input.employeeNo?.trim() || null,
        phone: input.phone?.trim() || null,
        email: input.email?.trim() || null,
        created_at: now,
        updated_at: now,
      })
      .returning(['id', 'username'])
      .executeTakeFirstOrThrow();
    w.audit({ action: 'user.create', entityType: 'user', entityId: row.id, after: { username, displayName: input.displayName, departmentId: input.departmentId ?? null, roles, login: !!input.login } });
    if (!input.login) return { id: row.id, link: {} };
    const secret = await issueActivationLink(w.tx, w.tenantId, row.id, now);
    const tenant = await w.tx.selectFrom('tenants').select('code').executeTakeFirstOrThrow();
    return { id: row.id, link: { activationPath: activationPath(tenant.code, secret) } };
  }

  async update(actor: Actor, id: string, change: UserChange) {
    requirePermission(actor, 'users.manage');
    return this.p.run(actor, async (w) => {
      const before = await this.load(w.tx, id);
      if (before.version !== change.version) throw new ConflictError('the person was changed by someone else; reload', 'VERSION_CONFLICT');
      const details = await this.check(w.tx, change, id);
      if (details.length) throw new ValidationError('the change cannot be saved', details);
      const set: Record<string, unknown> = {};
      if (change.displayName !== undefined) set.display_name = change.displayName.trim();
      if (change.employeeNo !== undefined) set.employee_no = change.employeeNo?.trim() || null;
      if (change.departmentId !== undefined) set.department_id = change.departmentId;
      if (change.positionId !== undefined) {
        set.position_id = change.positionId;
        if (!change.positionId) set.position = null;
      }
      if (change.phone !== undefined) set.phone = change.phone?.trim() || null;
      if (change.email !== undefined) set.email = change.email?.trim() || null;
      await w.tx.updateTable('users').set({ ...set, updated_at: w.clock.now(), version: before.version + 1 }).where('id', '=', id).execute();
      const after = await this.load(w.tx, id);
      w.audit({ action: 'user.update', entityType: 'user', entityId: id, before: presentUser(before), after: presentUser(after) });
      return presentUser(after);
    });
  }

  /** Roles are the security administrator's (等保: 安全管理员); they apply from the next request. */
  async setRoles(actor: Actor, id: string, version: number, roles: string[]) {
    requirePermission(actor, 'roles.manage');
    return this.p.run(actor, async (w) => {
      const before = await this.load(w.tx, id);
      if (before.version !== version) throw new ConflictError('the person was changed by someone else; reload', 'VERSION_CONFLICT');
      const details = await this.check(w.tx, { roles }, id);
      if (details.length) throw new ValidationError('unknown roles', details);
      if (id === actor.userId && before.roles.includes('security_admin') && !roles.includes('security_admin')) {
        throw new ForbiddenError('you cannot take the security administrator role from yourself; another security administrator can');
      }
      await w.tx.updateTable('users').set({ roles: [...new Set(roles)], updated_at: w.clock.now(), version: before.version + 1 }).where('id', '=', id).execute();
      w.audit({ action: 'user.roles', entityType: 'user', entityId: id, before: { roles: before.roles }, after: { roles } });
      return presentUser(await this.load(w.tx, id));
    });
  }

  /** Disabled: every session and token of the person ends at once (the trigger tells every server). */
  async setEnabled(actor: Actor, id: string, enabled: boolean) {
    requirePermission(actor, 'users.manage');
    if (!enabled && id === actor.userId) throw new ForbiddenError('you cannot disable your own account');
    return this.p.run(actor, async (w) => {
      const before = await this.load(w.tx, id);
      const now = w.clock.now();
      await w.tx
        .updateTable('users')
        .set({ active: enabled, disabled_at: enabled ? null : now, updated_at: now, version: before.version + 1 })
        .where('id', '=', id)
        .execute();
      if (!enabled) {
        await this.store.endSessions(w.tx, id);
        await w.tx.updateTable('api_tokens').set({ revoked_at: now }).where('created_by', '=', id).where('revoked_at', 'is', null).execute();
      }
      w.audit({ action: enabled ? 'user.enable' : 'user.disable', entityType: 'user', entityId: id, before: { active: before.active }, after: { active: enabled } });
      return presentUser(await this.load(w.tx, id));
    });
  }

  /**
   * Reset a password: a one-time password shown once to the administrator; the person must set a
   * new one at the next login, and their sessions end now.
   */
  async resetPassword(actor: Actor, id: string) {
    requirePermission(actor, 'users.manage');
    const temporary = temporaryPassword();
    const hash = await hashPassword(temporary);
    return this.p.run(actor, async (w) => {
      const before = await this.load(w.tx, id);
      if (!before.active) throw new ConflictError('the account is disabled; enable it first', 'INVALID_STATE');
      await w.tx
        .updateTable('users')
        .set({ password_hash: hash, must_change_password: true, updated_at: w.clock.now(), version: before.version + 1 })
        .where('id', '=', id)
        .execute();
      await this.store.endSessions(w.tx, id);
      w.audit({ action: 'user.password_reset', entityType: 'user', entityId: id, basis: 'reset by an administrator; must change at next login' });
      return { temporaryPassword: temporary, user: presentUser(await this.load(w.tx, id)) };
    });
  }

  /** A new activation link (the person has not set a password yet, or lost the first link). */
  async activationLink(actor: Actor, id: string) {
    requirePermission(actor, 'users.manage');
    return this.p.run(actor, async (w) => {
      const user = await this.load(w.tx, id);
      if (!user.active) throw new ConflictError('the account is disabled; enable it first', 'INVALID_STATE');
      const secret = await issueActivationLink(w.tx, w.tenantId, id, w.clock.now());
      const tenant = await w.tx.selectFrom('tenants').select('code').executeTakeFirstOrThrow();
      w.audit({ action: 'user.activation_link', entityType: 'user', entityId: id });
      return { activationPath: activationPath(tenant.code, secret) };
    });
  }

  private async load(tx: Tx, id: string) {
    const row = await this.store.one(tx, id);
    if (!row) throw new NotFoundError('user', id);
    return row;
  }

  /** Field problems with their paths: unknown department/position/roles, taken username or number. */
  async check(tx: Tx, u: Partial<NewUser>, exceptId?: string, path = 'body'): Promise<ErrorDetail[]> {
    const details: ErrorDetail[] = [];
    if (u.username !== undefined && u.username.trim()) {
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$/.test(u.username.trim())) details.push({ path: `${path}.username`, message: 'letters, digits, . _ - (2 to 40)' });
      else if (await this.store.usernameTaken(tx, u.username.trim(), exceptId)) details.push({ path: `${path}.username`, message: `the login name ${u.username} is taken in this organisation` });
    }
    if (u.employeeNo && (await this.store.employeeNoTaken(tx, u.employeeNo.trim(), exceptId))) {
      details.push({ path: `${path}.employeeNo`, message: `employee number ${u.employeeNo} belongs to someone else` });
    }
    if (u.departmentId && !(await this.store.departmentExists(tx, u.departmentId))) details.push({ path: `${path}.departmentId`, message: 'no such department' });
    if (u.positionId) {
      const pos = await this.store.position(tx, u.positionId);
      if (!pos || pos.retired_at) details.push({ path: `${path}.positionId`, message: 'no such position' });
    }
    if (u.roles) {
      const custom = new Set((await tx.selectFrom('tenant_roles').select('key').where('retired_at', 'is', null).execute()).map((r) => r.key));
      u.roles.forEach((r, i) => {
        if (!isBuiltinRole(r) && !custom.has(r)) details.push({ path: `${path}.roles.${i}`, message: `no role ${r}` });
      });
    }
    return details;
  }

  /** A login name from the employee number, else u0001, u0002 … */
  private async freeUsername(tx: Tx, employeeNo: string | null): Promise<string> {
    const base = employeeNo && /^[A-Za-z0-9._-]{2,40}$/.test(employeeNo.trim()) ? employeeNo.trim().toLowerCase() : null;
    if (base && !(await this.store.usernameTaken(tx, base))) return base;
    for (;;) {
      const candidate = `u${randomInt(100000, 999999)}`;
      if (!(await this.store.usernameTaken(tx, candidate))) return candidate;
    }
  }
}

function sameRoles(a: string[], b: string[]) {
  return a.length === b.length && a.every((r) => b.includes(r));
}

/** Four groups of four letters and digits without look-alikes (0/O, 1/l): easy to read out. */
export function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join('')).join('-');
}

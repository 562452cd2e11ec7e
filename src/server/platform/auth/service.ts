import { AuthStore, newSecret, secretHash, type SessionRow } from './store.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import { userActor, type Actor } from '../access.js';
import { AppError, RateLimitedError, UnauthenticatedError } from '../errors.js';
import { DEMO_PASSWORD } from '../../seed/demo-data.js';
import { grantableToToken, isPermission, type Permission } from '../access.js';
import type { Platform } from '../platform.js';
import type { Work } from '../work.js';
import { sql } from 'kysely';

/**
 * Login throttling (ASVS V6.3) by progressive delay, never a lock anyone could set off against
 * someone else: an account tried from one source gets `perAccountAndSource` attempts, then waits
 * `baseDelayMs`, doubling after each further failure up to `maxDelayMs`; the same account from
 * anywhere (a distributed guess) gets a larger allowance; a source trying many accounts too. The
 * administrator is told when an account starts to be slowed down.
 */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  baseDelayMs: 60_000,
  maxDelayMs: 15 * 60_000,
  perAccountAndSource: 5,
  perAccount: 50,
  perIp: 30,
};

export interface LoginInput {
  username: string;
  password: string;
  tenant?: string;
  ip: string;
  userAgent?: string;
}

/** How long a server answers a session cookie from memory (changes are announced at once: SESSIONS_CHANNEL). */
const SESSION_CACHE_MS = 5_000;
const SESSION_CACHE_MAX = 10_000;
export const SESSIONS_CHANNEL = 'zhian_sessions';

export class AuthService {
  readonly store: AuthStore;
  /**
   * Session rows by cookie hash, for a few seconds: most requests need no lookup of their own.
   * A logout or a change to the user (migration 0933's triggers) removes them on every server.
   */
  private readonly sessions = new Map<string, { row: SessionRow; until: number }>();
  constructor(private readonly p: Platform) {
    this.store = new AuthStore(p.database.db);
  }

  /** Follow session and user changes from every server; returns the unlisten function. */
  listen(): Promise<() => Promise<void>> {
    return this.p.database.listen(SESSIONS_CHANNEL, (payload) => this.forget(payload));
  }

  /** `session:<hash>` or `user:<id>` (or `*`): drop what memory holds about it. */
  forget(what: string): void {
    this.onSessionsChanged?.(what);
    if (what === '*') return this.sessions.clear();
    if (what.startsWith('session:')) {
      this.sessions.delete(what.slice(8));
      return;
    }
    const userId = what.startsWith('user:') ? what.slice(5) : null;
    for (const [hash, { row }] of this.sessions) if (row.user_id === userId) this.sessions.delete(hash);
  }

  private async sessionRow(idHash: string): Promise<SessionRow | undefined> {
    const now = Date.now();
    const hit = this.sessions.get(idHash);
    if (hit && hit.until > now) return hit.row;
    const row = await this.store.session(idHash);
    if (this.sessions.size >= SESSION_CACHE_MAX) this.sessions.clear();
    if (row) this.sessions.set(idHash, { row, until: now + SESSION_CACHE_MS });
    else this.sessions.delete(idHash);
    return row;
  }

  async login(input: LoginInput): Promise<{ sessionId: string; actor: Actor }> {
    const demoMode = this.p.config.demo;
    const tenantCode = input.tenant?.trim().toLowerCase() || (await this.store.defaultTenantCode());
    const name = input.username.trim().toLowerCase();
    const now = this.p.clock.now();
    const accountKey = `acct:${tenantCode}:${name}`;
    const keys = [
      { key: `acct-ip:${tenantCode}:${name}:${input.ip}`, limit: THROTTLE.perAccountAndSource },
      { key: accountKey, limit: THROTTLE.perAccount },
      { key: `ip:${input.ip}`, limit: THROTTLE.perIp },
    ];
    // Taken before any password is checked, atomically: a burst of parallel attempts checks at most the limit.
    const refused = await this.store.takeAttempt(keys, now, THROTTLE.windowMs, { baseMs: THROTTLE.baseDelayMs, maxMs: THROTTLE.maxDelayMs });
    if (refused) {
      const wait = Math.max(1, Math.ceil((refused.until.getTime() - now.getTime()) / 1000));
      throw new RateLimitedError('too many failed logins; try again later', wait);
    }
    const found = tenantCode ? await this.store.findLoginUser(tenantCode, input.username.trim()) : undefined;
    if (found?.demo && !demoMode) {
      throw new AppError('DEMO_MODE_OFF', 'demo accounts cannot log in: this installation is not in demo mode');
    }
    // Verify against a dummy hash when the user is unknown so the timing reveals nothing.
    const ok = await verifyPassword(found?.password_hash ?? (await dummyPasswordHash()), input.password);
    // The demo password exists only in demo mode, whatever account it was set on.
    const demoPassword = !demoMode && input.password === DEMO_PASSWORD;
    if (!found || !found.password_hash || !found.active || !ok || demoPassword) {
      const tenantId = found?.tenant_id ?? (tenantCode ? await this.store.tenantId(tenantCode) : null);
      if (tenantId) {
        const slowed = (await this.store.failures(keys[0].key)) === THROTTLE.perAccountAndSource || (await this.store.failures(accountKey)) === THROTTLE.perAccount;
        await this.p.run(anonymous(tenantId, input.username, input.ip), async (w) => {
          w.audit({
            action: 'auth.login_failed',
            entityType: 'user',
            entityId: found?.user_id ?? null,
            basis: !found ? 'unknown username' : !found.active ? 'inactive account' : demoPassword ? 'demo password outside demo mode' : 'wrong password',
          });
          if (slowed) await alertAdministrators(w, input.username, input.ip);
        });
      }
      throw new AppError('INVALID_CREDENTIALS', 'wrong username or password');
    }
    await this.store.loginSucceeded(keys.map((k) => k.key));
    const sessionId = newSecret();
    const expiresAt = new Date(now.getTime() + this.p.config.sessionTtlHours * 3_600_000);
    const actor = await this.p.run(anonymous(found.tenant_id, input.username, input.ip), async (w) => {
      const user = await w.tx
        .updateTable('users')
        .set({ last_login_at: now })
        .where('id', '=', found.user_id)
        .returning(['id', 'username', 'display_name', 'department_id', 'roles', 'locale', 'must_change_password'])
        .executeTakeFirstOrThrow();
      await this.store.createSession(w.tx, {
        idHash: secretHash(sessionId),
        tenantId: found.tenant_id,
        userId: found.user_id,
        expiresAt,
        ip: input.ip,
        userAgent: input.userAgent,
      });
      w.audit({ action: 'auth.login', entityType: 'user', entityId: user.id });
      return {
        ...userActor({
          tenantId: found.tenant_id,
          userId: user.id,
          username: user.username,
          displayName: user.display_name,
          departmentId: user.department_id,
          roles: user.roles,
          locale: user.locale,
          ip: input.ip,
        }),
        sessionHash: secretHash(sessionId),
        mustChangePassword: user.must_change_password,
      };
    });
    return { sessionId, actor: await this.withTenantRoles(actor) };
  }

  async logout(sessionId: string, actor: Actor): Promise<void> {
    this.sessions.delete(secretHash(sessionId));
    await this.store.deleteSession(secretHash(sessionId));
    this.onSessionsChanged?.(`session:${secretHash(sessionId)}`); // this server at once; others by NOTIFY
    await this.p.run(actor, async (w) => w.audit({ action: 'auth.logout', entityType: 'user', entityId: actor.userId }));
  }

  /** The actor behind a session cookie, or undefined when the session is unknown or expired. */
  async fromSession(sessionId: string, ip: string): Promise<Actor | undefined> {
    const idHash = secretHash(sessionId);
    const row = await this.sessionRow(idHash);
    const now = this.p.clock.now();
    if (!row || !row.active || new Date(row.expires_at) <= now) return undefined;
    if (row.demo && !this.p.config.demo) return undefined; // a demo session outlives no restart without demo mode
    // Idle bookkeeping at most once a minute: not a write per request.
    if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
      row.last_seen_at = now; // once, also for the copy in memory
      void this.store.touchSession(idHash, now).catch(() => {});
    }
    return this.withTenantRoles({ ...actorOf(row, 'user', ip), sessionHash: idHash, mustChangePassword: row.must_change_password });
  }

  /**
   * An API token acts as an integration: its own name in the audit, the permissions it was given,
   * never more than its creator holds now (a creator who loses a right takes it from their tokens).
   */
  async fromApiToken(token: string, ip: string): Promise<Actor> {
    const row = await this.store.apiToken(secretHash(token));
    const now = this.p.clock.now();
    if (!row || row.revoked || !row.active || (row.expires_at && new Date(row.expires_at) <= now) || (row.demo && !this.p.config.demo)) {
      throw new UnauthenticatedError('invalid, expired or revoked API token');
    }
    if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > 60_000) {
      void this.store.tokenUsed(row.token_id, now).catch(() => {});
    }
    const creator = await this.withTenantRoles(actorOf(row, 'api', ip));
    const allowed = grantableToToken(creator.permissions);
    const permissions = new Set<Permission>(row.permissions.filter((p): p is Permission => isPermission(p) && allowed.has(p)));
    return {
      ...creator,
      username: `token:${row.token_name}`,
      displayName: `${row.token_name}（接口）`,
      permissions,
      tokenId: row.token_id,
    };
  }

  /** Tenant-specific roles add their permissions (hook for the role editor; built-in roles are static). */
  async withTenantRoles(actor: Actor): Promise<Actor> {
    const custom = this.customRoles ? await this.customRoles(actor.tenantId, actor.roles) : null;
    if (!custom?.length) return actor;
    const permissions = new Set(actor.permissions);
    for (const p of custom) permissions.add(p);
    return { ...actor, permissions };
  }

  /** Set by the role catalogue: permissions granted by a tenant's own roles among `roles`. */
  customRoles?: (tenantId: string, roles: readonly string[]) => Promise<Permission[]>;

  /** Called with `session:<hash>` / `user:<id>` when a session ends or its user changes (sockets close). */
  onSessionsChanged?: (what: string) => void;
}

function actorOf(row: Pick<SessionRow, 'tenant_id' | 'user_id' | 'username' | 'display_name' | 'department_id' | 'roles' | 'locale'>, kind: 'user' | 'api', ip: string): Actor {
  return userActor({
    kind,
    tenantId: row.tenant_id,
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    departmentId: row.department_id,
    roles: row.roles,
    locale: row.locale,
    ip,
  });
}

/** Someone not yet logged in, for audit entries about login attempts. */
function anonymous(tenantId: string, username: string, ip: string): Actor {
  return { ...userActor({ tenantId, userId: '', username, displayName: username, departmentId: null, roles: [], locale: 'zh-CN', ip }), userId: null };
}

/** Tell the organisation's administrators that an account is being slowed down (once an hour per account). */
async function alertAdministrators(w: Work, username: string, ip: string): Promise<void> {
  const admins = await w.tx.selectFrom('users').select('id').where('active', '=', true).where(sql<boolean>`roles && ARRAY['admin','security_admin']::text[]`).execute();
  const hour = w.clock.now().toISOString().slice(0, 13);
  if (!admins.length) return;
  await w.tx
    .insertInto('notifications')
    .values(admins.map((a) => ({
      tenant_id: w.tenantId,
      user_id: a.id,
      kind: 'security.login_throttled',
      title: `账号 ${username} 多次登录失败，已限速`,
      body: `来源 ${ip} 连续登录失败，该账号的登录尝试已被逐步延迟。如非本人操作，请检查账号安全。`,
      link: '/admin/users',
      dedupe_key: `login-throttled:${username.toLowerCase()}:${hour}`,
    })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

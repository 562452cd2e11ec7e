import { AuthStore, newSecret, secretHash, type SessionRow } from './store.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import { userActor, type Actor } from '../access.js';
import { AppError, RateLimitedError, UnauthenticatedError } from '../errors.js';
import type { Platform } from '../platform.js';

/** Login throttling (ASVS V6.3): per account and per source address. */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  perAccount: 5,
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
    const tenantCode = input.tenant ?? (await this.store.defaultTenantCode());
    const accountKey = `acct:${tenantCode}:${input.username.toLowerCase()}`;
    const ipKey = `ip:${input.ip}`;
    const now = this.p.clock.now();
    const locks = await this.store.throttleState([accountKey, ipKey]);
    const locked = locks.find((l) => l.locked_until && new Date(l.locked_until) > now);
    if (locked) {
      const wait = Math.ceil((new Date(locked.locked_until!).getTime() - now.getTime()) / 1000);
      throw new RateLimitedError('too many failed logins; try again later', wait);
    }
    const found = tenantCode ? await this.store.findLoginUser(tenantCode, input.username) : undefined;
    // Verify against a dummy hash when the user is unknown so the timing reveals nothing.
    const ok = await verifyPassword(found?.password_hash ?? (await dummyPasswordHash()), input.password);
    if (!found || !found.password_hash || !found.active || !ok) {
      await this.store.recordFailure(accountKey, now, THROTTLE.windowMs, THROTTLE.perAccount, THROTTLE.lockMs);
      await this.store.recordFailure(ipKey, now, THROTTLE.windowMs, THROTTLE.perIp, THROTTLE.lockMs);
      const tenantId = found?.tenant_id ?? (tenantCode ? await this.store.tenantId(tenantCode) : null);
      if (tenantId) {
        await this.p.run(anonymous(tenantId, input.username, input.ip), async (w) => {
          w.audit({
            action: 'auth.login_failed',
            entityType: 'user',
            entityId: found?.user_id ?? null,
            basis: !found ? 'unknown username' : !found.active ? 'inactive account' : 'wrong password',
          });
        });
      }
      throw new AppError('INVALID_CREDENTIALS', 'wrong username or password');
    }
    await this.store.clearFailures(accountKey);
    const sessionId = newSecret();
    const expiresAt = new Date(now.getTime() + this.p.config.sessionTtlHours * 3_600_000);
    const actor = await this.p.run(anonymous(found.tenant_id, input.username, input.ip), async (w) => {
      const user = await w.tx
        .selectFrom('users')
        .select(['id', 'username', 'display_name', 'department_id', 'roles', 'locale'])
        .where('id', '=', found.user_id)
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
      return userActor({
        tenantId: found.tenant_id,
        userId: user.id,
        username: user.username,
        displayName: user.display_name,
        departmentId: user.department_id,
        roles: user.roles,
        locale: user.locale,
        ip: input.ip,
      });
    });
    return { sessionId, actor };
  }

  async logout(sessionId: string, actor: Actor): Promise<void> {
    this.sessions.delete(secretHash(sessionId));
    await this.store.deleteSession(secretHash(sessionId));
    await this.p.run(actor, async (w) => w.audit({ action: 'auth.logout', entityType: 'user', entityId: actor.userId }));
  }

  /** The actor behind a session cookie, or undefined when the session is unknown or expired. */
  async fromSession(sessionId: string, ip: string): Promise<Actor | undefined> {
    const idHash = secretHash(sessionId);
    const row = await this.sessionRow(idHash);
    const now = this.p.clock.now();
    if (!row || !row.active || new Date(row.expires_at) <= now) return undefined;
    // Idle bookkeeping at most once a minute: not a write per request.
    if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
      row.last_seen_at = now; // once, also for the copy in memory
      void this.store.touchSession(idHash, now).catch(() => {});
    }
    return actorOf(row, 'user', ip);
  }

  async fromApiToken(token: string, ip: string): Promise<Actor> {
    const row = await this.store.apiToken(secretHash(token));
    if (!row || row.revoked || !row.active) throw new UnauthenticatedError('invalid or revoked API token');
    return actorOf(row, 'api', ip);
  }
}

function actorOf(row: Omit<SessionRow, 'expires_at' | 'last_seen_at'>, kind: 'user' | 'api', ip: string): Actor {
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

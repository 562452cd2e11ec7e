import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { enterPlatform, type Tx } from '../work.js';

/** Session ids and API tokens are random; only their SHA-256 is stored. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export interface SessionRow {
  tenant_id: string;
  user_id: string;
  expires_at: Date;
  last_seen_at: Date;
  username: string;
  display_name: string;
  department_id: string | null;
  roles: string[];
  locale: string;
  active: boolean;
  /** The tenant is a demo tenant: refused when demo mode is off. */
  demo: boolean;
  must_change_password: boolean;
}

export interface ApiTokenRow extends Omit<SessionRow, 'expires_at' | 'last_seen_at' | 'must_change_password'> {
  token_id: string;
  token_name: string;
  permissions: string[];
  expires_at: Date | null;
  revoked: boolean;
  last_used_at: Date | null;
}

/** SQL for logins, sessions, throttling and tokens. Runs as the runtime role. */
export class AuthStore {
  constructor(private readonly db: Kysely<DB>) {}

  private platform<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(async (tx) => {
      await enterPlatform(tx);
      return fn(tx);
    });
  }

  defaultTenantCode(): Promise<string | null> {
    return this.platform(async (tx) => {
      const r = await sql<{ code: string | null }>`SELECT auth_default_tenant() AS code`.execute(tx);
      return r.rows[0]?.code ?? null;
    });
  }

  tenantId(tenantCode: string) {
    return this.platform(async (tx) => {
      const r = await sql<{ id: string | null }>`SELECT auth_tenant_id(${tenantCode}) AS id`.execute(tx);
      return r.rows[0]?.id ?? null;
    });
  }

  findLoginUser(tenantCode: string, username: string) {
    return this.platform(async (tx) => {
      const r = await sql<{ tenant_id: string; user_id: string; password_hash: string | null; active: boolean; demo: boolean; must_change_password: boolean }>`
        SELECT * FROM auth_find_user(${tenantCode}, ${username})`.execute(tx);
      return r.rows[0];
    });
  }

  /** Hot path (every request): one statement, no transaction. The function is SECURITY DEFINER
   *  and returns only what authentication needs, whichever role calls it. */
  async session(idHash: string): Promise<SessionRow | undefined> {
    const r = await sql<SessionRow>`SELECT * FROM auth_session(${idHash})`.execute(this.db);
    return r.rows[0];
  }

  async apiToken(tokenHash: string): Promise<ApiTokenRow | undefined> {
    const r = await sql<ApiTokenRow>`SELECT * FROM auth_api_token(${tokenHash})`.execute(this.db);
    return r.rows[0];
  }

  /** A token's last use (at most once a minute per token, by the caller). */
  async tokenUsed(tokenId: string, at: Date): Promise<void> {
    await sql`SELECT auth_api_token_used(${tokenId}, ${at})`.execute(this.db);
  }

  async createSession(tx: Tx, s: { idHash: string; tenantId: string; userId: string; expiresAt: Date; ip?: string; userAgent?: string }) {
    await tx
      .insertInto('sessions')
      .values({
        id_hash: s.idHash,
        tenant_id: s.tenantId,
        user_id: s.userId,
        expires_at: s.expiresAt,
        ip: s.ip ?? null,
        user_agent: s.userAgent?.slice(0, 300) ?? null,
      })
      .execute();
  }

  deleteSession(idHash: string): Promise<void> {
    return this.platform(async (tx) => {
      await tx.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    });
  }

  touchSession(idHash: string, now: Date): Promise<void> {
    return this.platform(async (tx) => {
      await tx.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
    });
  }

  /**
   * Take one login attempt from each key's allowance, atomically, before any password is checked.
   * Each attempt counts as a failure until it succeeds; the attempt that reaches `limit` also sets
   * the key's delay, and a key whose delay has not passed is not counted and not tried. So however
   * many attempts arrive at once, at most `limit` passwords are checked per key before the delay,
   * then one per delay, the delay doubling each time (progressive, never a permanent lock).
   * Returns the refusing key's delay end, or null when every key allows the attempt.
   */
  takeAttempt(keys: { key: string; limit: number }[], now: Date, windowMs: number, delay: { baseMs: number; maxMs: number }) {
    return this.platform(async (tx) => {
      for (const { key, limit } of keys) {
        const windowStart = new Date(now.getTime() - windowMs);
        const r = await sql<{ failures: number }>`
          INSERT INTO auth_throttle AS t (key, failures, window_start, locked_until)
          VALUES (${key}, 1, ${now}, NULL)
          ON CONFLICT (key) DO UPDATE SET
            failures = CASE WHEN t.window_start < ${windowStart} AND coalesce(t.locked_until, t.window_start) < ${windowStart} THEN 1 ELSE t.failures + 1 END,
            window_start = CASE WHEN t.window_start < ${windowStart} AND coalesce(t.locked_until, t.window_start) < ${windowStart} THEN ${now} ELSE t.window_start END,
            locked_until = CASE
              WHEN (CASE WHEN t.window_start < ${windowStart} AND coalesce(t.locked_until, t.window_start) < ${windowStart} THEN 1 ELSE t.failures + 1 END) >= ${limit}
              THEN ${now}::timestamptz + make_interval(secs => least(${delay.maxMs / 1000}::float8,
                     ${delay.baseMs / 1000}::float8 * power(2, least(20, greatest(0, t.failures + 1 - ${limit})))))
              ELSE NULL END
          WHERE t.locked_until IS NULL OR t.locked_until <= ${now}
          RETURNING failures`.execute(tx);
        if (!r.rows.length) {
          const row = await tx.selectFrom('auth_throttle').select(['locked_until']).where('key', '=', key).executeTakeFirst();
          return { refusedBy: key, until: row?.locked_until ? new Date(row.locked_until) : now };
        }
      }
      return null;
    });
  }

  /** Failures on a key (for the alert to the administrator). */
  failures(key: string) {
    return this.platform(async (tx) => (await tx.selectFrom('auth_throttle').select('failures').where('key', '=', key).executeTakeFirst())?.failures ?? 0);
  }

  /** A login succeeded: the account's attempts are forgiven; the source gets back the one it took. */
  loginSucceeded([accountAndSource, account, source]: string[]) {
    return this.platform(async (tx) => {
      await tx.deleteFrom('auth_throttle').where('key', 'in', [accountAndSource, account]).execute();
      await sql`UPDATE auth_throttle SET failures = greatest(0, failures - 1) WHERE key = ${source} AND locked_until IS NULL`.execute(tx);
    });
  }

  clearFailures(key: string) {
    return this.platform(async (tx) => {
      await tx.deleteFrom('auth_throttle').where('key', '=', key).execute();
    });
  }
}

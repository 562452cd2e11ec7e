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
}

export interface ApiTokenRow extends Omit<SessionRow, 'expires_at' | 'last_seen_at'> {
  revoked: boolean;
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
      const r = await sql<{ tenant_id: string; user_id: string; password_hash: string | null; active: boolean }>`
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

  /** Current throttle state of the keys (per account, per IP). */
  throttleState(keys: string[]) {
    return this.platform((tx) => tx.selectFrom('auth_throttle').selectAll().where('key', 'in', keys).execute());
  }

  /** Count a failure; lock the key when it reaches `limit` failures within `windowMs`. */
  recordFailure(key: string, now: Date, windowMs: number, limit: number, lockMs: number) {
    return this.platform(async (tx) => {
      const windowStart = new Date(now.getTime() - windowMs);
      await sql`
        INSERT INTO auth_throttle AS t (key, failures, window_start)
        VALUES (${key}, 1, ${now})
        ON CONFLICT (key) DO UPDATE SET
          failures = CASE WHEN t.window_start < ${windowStart} THEN 1 ELSE t.failures + 1 END,
          window_start = CASE WHEN t.window_start < ${windowStart} THEN ${now} ELSE t.window_start END`.execute(tx);
      await sql`UPDATE auth_throttle SET locked_until = ${new Date(now.getTime() + lockMs)}, failures = 0, window_start = ${now}
                WHERE key = ${key} AND failures >= ${limit}`.execute(tx);
    });
  }

  clearFailures(key: string) {
    return this.platform(async (tx) => {
      await tx.deleteFrom('auth_throttle').where('key', '=', key).execute();
    });
  }
}

import { z } from 'zod';
import { sql } from 'kysely';
import type { Api } from '../module.js';
import type { Platform } from '../platform.js';
import { actorOf } from '../http/auth-hook.js';
import { AppError, NotFoundError, ValidationError } from '../errors.js';
import { enterPlatform } from '../work.js';
import { systemActor } from '../access.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { passwordProblems } from './password-policy.js';
import { secretHash } from './store.js';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/**
 * A person's own account: change the password (the current one required), see and end their
 * sessions; and, before any login, the activation link that sets the first password.
 */
export function accountRoutes(api: Api, p: Platform): void {
  api.get(
    '/auth/info',
    { config: { public: true }, schema: { tags: ['auth'], summary: 'What the login page needs: demo mode, and the demo company code when on' } },
    async () => {
      const demo = p.config.demo;
      const rows = demo ? await p.database.owner.query<{ code: string }>('SELECT code FROM tenants WHERE demo ORDER BY created_at LIMIT 1') : [];
      return { demo, demoTenant: rows[0]?.code ?? null, minPasswordLength: 12 };
    },
  );

  api.post(
    '/me/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change your own password (the current one required); your other sessions end',
        body: z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: z.string().max(200) }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (actor.kind !== 'user') throw new AppError('FORBIDDEN', 'only a person changes their password');
      const { currentPassword, newPassword } = request.body;
      const current = await p.read(actor, (w) =>
        w.tx.selectFrom('users').innerJoin('tenants', 'tenants.id', 'users.tenant_id').select(['users.password_hash', 'users.username', 'users.display_name', 'tenants.code']).where('users.id', '=', actor.userId!).executeTakeFirstOrThrow(),
      );
      if (!current.password_hash || !(await verifyPassword(current.password_hash, currentPassword))) {
        throw new ValidationError('the current password is wrong', [{ path: 'body.currentPassword', message: 'wrong password' }]);
      }
      const problems = passwordProblems(newPassword, { username: current.username, displayName: current.display_name, tenantCode: current.code }, 'body.newPassword');
      if (newPassword === currentPassword) problems.push({ path: 'body.newPassword', message: 'the new password is the old one' });
      if (problems.length) throw new ValidationError('the new password is not accepted', problems, 'WEAK_PASSWORD');
      const hash = await hashPassword(newPassword);
      await p.run(actor, async (w) => {
        await w.tx.updateTable('users').set({ password_hash: hash, must_change_password: false, updated_at: w.clock.now() }).where('id', '=', actor.userId!).execute();
        // every other session of the person ends; this one goes on
        let others = w.tx.deleteFrom('sessions').where('user_id', '=', actor.userId!);
        if (actor.sessionHash) others = others.where('id_hash', '<>', actor.sessionHash);
        await others.execute();
        w.audit({ action: 'user.password_change', entityType: 'user', entityId: actor.userId });
        // every server forgets what it held about the person's session ("must change" is over)
        await sql`SELECT pg_notify('zhian_sessions', ${`user:${actor.userId}`})`.execute(w.tx);
      });
      return { ok: true };
    },
  );

  api.get('/me/sessions', { schema: { tags: ['auth'], summary: 'Your sessions: where and when, and which is this one' } }, async (request) => {
    const actor = actorOf(request);
    const rows = await p.read(actor, (w) =>
      w.tx.selectFrom('sessions').select(['id_hash', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent']).where('user_id', '=', actor.userId!).where('expires_at', '>', w.clock.now()).orderBy('last_seen_at', 'desc').execute(),
    );
    return {
      items: rows.map((r) => ({
        id: r.id_hash.slice(0, 16),
        createdAt: iso(r.created_at),
        lastSeenAt: iso(r.last_seen_at),
        expiresAt: iso(r.expires_at),
        ip: r.ip,
        userAgent: r.user_agent,
        current: r.id_hash === actor.sessionHash,
      })),
    };
  });

  api.post(
    '/me/sessions/:id/end',
    { schema: { tags: ['auth'], summary: 'End one of your sessions (its WebSockets close too)', params: z.object({ id: z.string().regex(/^[0-9a-f]{16}$/) }) } },
    async (request) => {
      const actor = actorOf(request);
      const ended = await p.run(actor, async (w) => {
        const r = await w.tx.deleteFrom('sessions').where('user_id', '=', actor.userId!).where('id_hash', 'like', `${request.params.id}%`).returning('id_hash').execute();
        if (r.length) w.audit({ action: 'auth.session_end', entityType: 'user', entityId: actor.userId });
        return r.length;
      });
      if (!ended) throw new NotFoundError('session', request.params.id);
      return { ok: true };
    },
  );

  api.get(
    '/auth/activation',
    {
      config: { public: true },
      schema: { tags: ['auth'], summary: 'Whose activation link this is (name, login name, organisation)', querystring: z.strictObject({ token: z.string().min(10).max(200) }) },
    },
    async (request) => {
      const link = await findLink(p, request.query.token);
      return { tenant: { code: link.code, name: link.tenant_name }, username: link.username, displayName: link.display_name };
    },
  );

  api.post(
    '/auth/activation',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Set your first password with an activation link; then log in with the organisation code and login name',
        body: z.strictObject({ token: z.string().min(10).max(200), password: z.string().max(200) }),
      },
    },
    async (request) => {
      const link = await findLink(p, request.body.token);
      const problems = passwordProblems(request.body.password, { username: link.username, displayName: link.display_name, tenantCode: link.code });
      if (problems.length) throw new ValidationError('the password is not accepted', problems, 'WEAK_PASSWORD');
      const hash = await hashPassword(request.body.password);
      await p.run(systemActor(link.tenant_id, 'activation'), async (w) => {
        const used = await w.tx.updateTable('auth_links').set({ used_at: w.clock.now() }).where('token_hash', '=', secretHash(request.body.token)).where('used_at', 'is', null).returning('token_hash').execute();
        if (!used.length) throw new AppError('LINK_INVALID', 'this link was used already');
        await w.tx.updateTable('users').set({ password_hash: hash, must_change_password: false, updated_at: w.clock.now() }).where('id', '=', link.user_id).execute();
        w.audit({ action: 'user.activate', entityType: 'user', entityId: link.user_id, basis: 'password set with an activation link' });
      });
      return { tenant: link.code, username: link.username };
    },
  );
}

/** An unused, unexpired activation link and its person, or 410. */
async function findLink(p: Platform, token: string) {
  const row = await p.database.db.transaction().execute(async (tx) => {
    await enterPlatform(tx);
    return tx.selectFrom('auth_links').select(['tenant_id', 'user_id', 'expires_at', 'used_at']).where('token_hash', '=', secretHash(token)).where('purpose', '=', 'activation').executeTakeFirst();
  });
  if (!row || row.used_at || new Date(row.expires_at) <= p.clock.now() || !row.tenant_id || !row.user_id) {
    throw new AppError('LINK_INVALID', 'this link is unknown, used or expired; ask your administrator for a new one');
  }
  const person = await p.read(systemActor(row.tenant_id, 'activation'), (w) =>
    w.tx
      .selectFrom('users')
      .innerJoin('tenants', 'tenants.id', 'users.tenant_id')
      .select(['users.username', 'users.display_name', 'users.active', 'tenants.code', 'tenants.name as tenant_name'])
      .where('users.id', '=', row.user_id!)
      .executeTakeFirst(),
  );
  if (!person?.active) throw new AppError('LINK_INVALID', 'this account is disabled');
  return { ...person, tenant_id: row.tenant_id, user_id: row.user_id };
}

import { z } from 'zod';
import type { Api } from '../module.js';
import type { Platform } from '../platform.js';
import type { AuthService } from './service.js';
import { actorOf, SESSION_COOKIE } from '../http/auth-hook.js';
import { can, PERMISSIONS } from '../access.js';
import { secretHash } from './store.js';

const MeSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  tenant: z.object({ id: z.string(), code: z.string(), name: z.string(), demo: z.boolean() }),
  department: z.object({ id: z.string(), name: z.string() }).nullable(),
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
  locale: z.string(),
  /** An administrator reset the password: the web asks for a new one before anything else. */
  mustChangePassword: z.boolean(),
});

export function authRoutes(api: Api, p: Platform, auth: AuthService): void {
  api.post(
    '/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Log in; sets an HttpOnly session cookie',
        body: z.strictObject({
          username: z.string().min(1).max(100),
          password: z.string().min(1).max(200),
          tenant: z.string().min(1).max(60).optional(),
        }),
        response: { 200: MeSchema },
      },
    },
    async (request, reply) => {
      // A new session id on every login (no fixation); the old one, if any, is dropped.
      if (request.sessionId) await auth.store.deleteSession(secretHash(request.sessionId));
      const { sessionId, actor } = await auth.login({ ...request.body, ip: request.ip, userAgent: request.headers['user-agent'] });
      reply.setCookie(SESSION_COOKIE, sessionId, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        maxAge: p.config.sessionTtlHours * 3600,
      });
      return me(p, actor);
    },
  );

  api.post('/auth/logout', { schema: { tags: ['auth'], summary: 'Log out' } }, async (request, reply) => {
    const actor = actorOf(request);
    if (request.sessionId) await auth.logout(request.sessionId, actor);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  api.get('/me', { schema: { tags: ['auth'], summary: 'The logged-in user', response: { 200: MeSchema } } }, async (request) =>
    me(p, actorOf(request)),
  );

  api.patch(
    '/me',
    {
      schema: {
        tags: ['auth'],
        summary: "Change the user's own preferences (interface language)",
        body: z.strictObject({ locale: z.enum(['zh-CN', 'en-US']) }),
        response: { 200: MeSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await p.run(actor, async (w) => {
        const before = await w.tx.selectFrom('users').select('locale').where('id', '=', actor.userId!).executeTakeFirstOrThrow();
        await w.tx
          .updateTable('users')
          .set({ locale: request.body.locale, updated_at: p.clock.now() })
          .where('id', '=', actor.userId!)
          .execute();
        w.audit({ action: 'user.preferences', entityType: 'user', entityId: actor.userId, before, after: request.body });
      });
      return me(p, { ...actor, locale: request.body.locale });
    },
  );
}

async function me(p: Platform, actor: ReturnType<typeof actorOf>) {
  return p.run(actor, async (w) => {
    const tenant = await w.tx.selectFrom('tenants').select(['id', 'code', 'name', 'demo']).executeTakeFirstOrThrow();
    const dept = actor.departmentId
      ? await w.tx.selectFrom('departments').select(['id', 'name']).where('id', '=', actor.departmentId).executeTakeFirst()
      : undefined;
    return {
      id: actor.userId!,
      username: actor.username,
      displayName: actor.displayName,
      tenant,
      department: dept ?? null,
      roles: actor.roles,
      permissions: PERMISSIONS.filter((perm) => can(actor, perm)),
      locale: actor.locale,
      mustChangePassword: !!actor.mustChangePassword,
    };
  });
}

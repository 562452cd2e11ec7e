import { z } from 'zod';
import type { Api } from '../module.js';
import type { Platform } from '../platform.js';
import type { AuthService } from './service.js';
import { actorOf, SESSION_COOKIE } from '../http/auth-hook.js';
import { can, PERMISSIONS, requirePermission } from '../access.js';
import { NotFoundError } from '../errors.js';
import { newSecret, secretHash } from './store.js';

const MeSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  tenant: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  department: z.object({ id: z.string(), name: z.string() }).nullable(),
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
  locale: z.string(),
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

  // API tokens for integrations (Authorization: Bearer …), made by an administrator.
  api.post(
    '/api-tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Issue an API token acting as a user (shown once)',
        body: z.strictObject({ name: z.string().min(1).max(100), userId: z.uuid().optional() }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      requirePermission(actor, 'api_tokens.manage');
      const token = newSecret('zk_');
      const row = await p.run(actor, async (w) => {
        const userId = request.body.userId ?? actor.userId!;
        const user = await w.tx.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
        if (!user) throw new NotFoundError('user', userId);
        const created = await w.tx
          .insertInto('api_tokens')
          .values({ tenant_id: actor.tenantId, name: request.body.name, token_hash: secretHash(token), user_id: userId, created_by: actor.userId })
          .returning(['id', 'name', 'user_id', 'created_at'])
          .executeTakeFirstOrThrow();
        w.audit({ action: 'api_token.create', entityType: 'api_token', entityId: created.id, after: { name: created.name, userId } });
        return created;
      });
      reply.status(201);
      return { id: row.id, name: row.name, userId: row.user_id, token };
    },
  );
}

async function me(p: Platform, actor: ReturnType<typeof actorOf>) {
  return p.run(actor, async (w) => {
    const tenant = await w.tx.selectFrom('tenants').select(['id', 'code', 'name']).executeTakeFirstOrThrow();
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
    };
  });
}

import { z } from 'zod';
import type { Api } from '../module.js';
import type { Platform } from '../platform.js';
import { actorOf } from '../http/auth-hook.js';
import { grantableToToken, PERMISSIONS, requirePermission, type Actor } from '../access.js';
import { ForbiddenError, NotFoundError, ValidationError, type ErrorDetail } from '../errors.js';
import { newSecret, secretHash } from './store.js';

const MAX_DAYS = 730;

const TokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  permissions: z.array(z.string()),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  state: z.enum(['active', 'expired', 'revoked']),
});

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/**
 * API tokens for integrations (Authorization: Bearer …): named, scoped to permissions no larger
 * than their creator's, with an expiry, listed with their last use, revocable at once. A token
 * acts as an integration: the audit names the token, never a person it would pretend to be.
 */
export function tokenRoutes(api: Api, p: Platform): void {
  api.get(
    '/api-tokens',
    { schema: { tags: ['auth'], summary: "The organisation's API tokens with their scope, expiry and last use (api_tokens.manage)", response: { 200: z.object({ items: z.array(TokenSchema), grantable: z.array(z.string()) }) } } },
    async (request) => {
      const actor = manager(actorOf(request));
      const rows = await p.read(actor, (w) =>
        w.tx
          .selectFrom('api_tokens as k')
          .leftJoin('users as u', 'u.id', 'k.created_by')
          .select(['k.id', 'k.name', 'k.token_prefix', 'k.permissions', 'u.display_name', 'k.created_at', 'k.expires_at', 'k.last_used_at', 'k.revoked_at'])
          .orderBy('k.created_at', 'desc')
          .limit(500)
          .execute(),
      );
      const now = p.clock.now();
      return {
        items: rows.map((r) => ({
          id: r.id,
          name: r.name,
          prefix: r.token_prefix,
          permissions: r.permissions,
          createdBy: r.display_name,
          createdAt: iso(r.created_at)!,
          expiresAt: iso(r.expires_at),
          lastUsedAt: iso(r.last_used_at),
          revokedAt: iso(r.revoked_at),
          state: r.revoked_at ? ('revoked' as const) : r.expires_at && new Date(r.expires_at) <= now ? ('expired' as const) : ('active' as const),
        })),
        grantable: PERMISSIONS.filter((perm) => grantableToToken(actor.permissions).has(perm)),
      };
    },
  );

  api.post(
    '/api-tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Issue an API token (shown once) with a set of permissions no larger than yours, e.g. ["sensors.ingest"] for a gateway',
        body: z.strictObject({
          name: z.string().trim().min(1).max(100),
          permissions: z.array(z.string()).min(1).max(PERMISSIONS.length),
          expiresInDays: z.number().int().min(1).max(MAX_DAYS).optional().describe(`days until the token stops working (at most ${MAX_DAYS}); default: no expiry`),
        }),
      },
    },
    async (request, reply) => {
      const actor = manager(actorOf(request));
      const grantable = grantableToToken(actor.permissions);
      const details: ErrorDetail[] = [];
      request.body.permissions.forEach((perm, i) => {
        if (!(PERMISSIONS as readonly string[]).includes(perm)) details.push({ path: `body.permissions.${i}`, message: `unknown permission ${perm}` });
        else if (!grantable.has(perm as never)) details.push({ path: `body.permissions.${i}`, message: `you do not hold ${perm}, so a token of yours cannot either` });
      });
      if (details.length) throw new ValidationError('permissions not grantable', details);
      const token = newSecret('zk_');
      const now = p.clock.now();
      const expiresAt = request.body.expiresInDays ? new Date(now.getTime() + request.body.expiresInDays * 86_400_000) : null;
      const permissions = [...new Set(request.body.permissions)];
      const row = await p.run(actor, async (w) => {
        const created = await w.tx
          .insertInto('api_tokens')
          .values({
            tenant_id: actor.tenantId,
            name: request.body.name,
            token_hash: secretHash(token),
            token_prefix: token.slice(0, 9),
            user_id: actor.userId!,
            created_by: actor.userId,
            permissions,
            expires_at: expiresAt,
          })
          .returning(['id', 'name', 'created_at'])
          .executeTakeFirstOrThrow();
        w.audit({ action: 'api_token.create', entityType: 'api_token', entityId: created.id, after: { name: created.name, permissions, expiresAt } });
        return created;
      });
      reply.status(201);
      return { id: row.id, name: row.name, token, permissions, expiresAt: iso(expiresAt) };
    },
  );

  api.post(
    '/api-tokens/:id/revoke',
    { schema: { tags: ['auth'], summary: 'Revoke a token: it stops working with the next request', params: z.object({ id: z.uuid() }) } },
    async (request) => {
      const actor = manager(actorOf(request));
      await p.run(actor, async (w) => {
        const r = await w.tx
          .updateTable('api_tokens')
          .set({ revoked_at: w.clock.now() })
          .where('id', '=', request.params.id)
          .where('revoked_at', 'is', null)
          .returning(['id', 'name'])
          .executeTakeFirst();
        if (!r) {
          const exists = await w.tx.selectFrom('api_tokens').select('id').where('id', '=', request.params.id).executeTakeFirst();
          if (!exists) throw new NotFoundError('API token', request.params.id);
          return; // already revoked: nothing to do
        }
        w.audit({ action: 'api_token.revoke', entityType: 'api_token', entityId: r.id, after: { name: r.name } });
      });
      return { ok: true };
    },
  );
}

/** A person with api_tokens.manage; a token never issues or revokes tokens. */
function manager(actor: Actor): Actor {
  requirePermission(actor, 'api_tokens.manage');
  if (actor.kind === 'api') throw new ForbiddenError('an API token cannot manage API tokens');
  return actor;
}

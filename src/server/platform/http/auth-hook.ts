import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../access.js';
import type { AuthService } from '../auth/service.js';
import { AppError, UnauthenticatedError } from '../errors.js';

export const SESSION_COOKIE = 'zhian_sid';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
  }
  interface FastifyContextConfig {
    /** No login needed (health, login, docs). */
    public?: boolean;
    /** Authenticated by its own means (e.g. a source API key); exempt from the Origin rule. */
    machine?: boolean;
  }
}

/** The logged-in actor, or a 401. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new UnauthenticatedError();
  return request.actor;
}

function sameOrigin(request: FastifyRequest, allowed: string[]): boolean {
  const origin = request.headers.origin;
  if (!origin) return false;
  const own = `${request.protocol}://${request.host}`;
  return origin === own || allowed.includes(origin);
}

/**
 * Who is calling: a Bearer token (integrations) or the session cookie (browsers).
 * Browsers' state-changing requests must come from our own Origin: with SameSite cookies this
 * stops cross-site request forgery without a token exchange.
 */
export function installAuth(app: FastifyInstance, auth: AuthService, allowedOrigins: string[]): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/v1/docs')) return;
    const config = request.routeOptions.config ?? {};
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      request.actor = await auth.fromApiToken(authorization.slice(7).trim(), request.ip);
      return;
    }
    if (STATE_CHANGING.has(request.method) && !config.machine && !sameOrigin(request, allowedOrigins)) {
      throw new AppError('ORIGIN_REJECTED', 'state-changing requests from a browser must come from this site (Origin header)');
    }
    const sid = request.cookies?.[SESSION_COOKIE];
    if (sid) {
      request.sessionId = sid;
      request.actor = (await auth.fromSession(sid, request.ip)) ?? null;
    }
    if (!request.actor && !config.public && !config.machine) throw new UnauthenticatedError();
  });
}

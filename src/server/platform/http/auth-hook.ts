import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Actor, Permission } from '../access.js';
import type { AuthService } from '../auth/service.js';
import { AppError, ForbiddenError, UnauthenticatedError } from '../errors.js';

export const SESSION_COOKIE = 'zhian_sid';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** What a user who must change their password may still do. */
const PASSWORD_CHANGE_ROUTES = new Set(['GET /api/v1/me', 'POST /api/v1/me/password', 'POST /api/v1/auth/logout']);

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
    /**
     * API tokens may call this route when they hold one of these permissions. Routes without it
     * are closed to tokens: an integration reaches only what it was made for (least privilege).
     */
    token?: readonly Permission[];
  }
}

/** The logged-in actor, or a 401. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new UnauthenticatedError();
  return request.actor;
}

export function sameOrigin(request: FastifyRequest, allowed: string[]): boolean {
  const origin = request.headers.origin;
  if (!origin) return false;
  return origin === `${request.protocol}://${request.host}` || allowed.includes(origin);
}

/** Our one cookie, read straight from the header (no cookie parsing on requests that do not need it). */
function sessionIdOf(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/**
 * Who is calling: a Bearer token (integrations) or the session cookie (browsers).
 * Browsers' state-changing requests must come from our own Origin: with SameSite cookies this
 * stops cross-site request forgery without a token exchange.
 *
 * The check is attached per route when routes are declared: public reads (health, docs) carry no
 * hook at all, which keeps the load balancer's health probe on the fast path.
 */
export function installAuth(app: FastifyInstance, auth: AuthService, allowedOrigins: string[]): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);

  const authenticate = (config: { public?: boolean; machine?: boolean; token?: readonly Permission[] }): onRequestAsyncHookHandler =>
    async function authenticate(request) {
      const authorization = request.headers.authorization;
      if (authorization?.startsWith('Bearer ')) {
        const actor = await auth.fromApiToken(authorization.slice(7).trim(), request.ip);
        request.actor = actor;
        if (!config.token?.some((p) => actor.permissions.has(p))) {
          throw new ForbiddenError(config.token ? `this API token lacks ${config.token.join(' or ')}` : 'API tokens cannot call this route');
        }
        return;
      }
      if (STATE_CHANGING.has(request.method) && !config.machine && !sameOrigin(request, allowedOrigins)) {
        throw new AppError('ORIGIN_REJECTED', 'state-changing requests from a browser must come from this site (Origin header)');
      }
      const sid = sessionIdOf(request);
      if (sid) {
        request.sessionId = sid;
        request.actor = (await auth.fromSession(sid, request.ip)) ?? null;
      }
      if (!request.actor && !config.public && !config.machine) throw new UnauthenticatedError();
      // After a reset by an administrator the user sets a new password before anything else.
      if (request.actor?.mustChangePassword && !config.public && !PASSWORD_CHANGE_ROUTES.has(`${request.method} ${request.routeOptions.url}`)) {
        throw new AppError('PASSWORD_CHANGE_REQUIRED', 'set a new password first (POST /api/v1/me/password)');
      }
    };

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/v1/docs')) return;
    const config = (route.config ?? {}) as { public?: boolean; machine?: boolean; token?: readonly Permission[] };
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (config.public && methods.every((m) => m === 'GET' || m === 'HEAD')) return;
    const existing = route.onRequest ? (Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest]) : [];
    route.onRequest = [authenticate(config), ...existing] as never;
  });

}

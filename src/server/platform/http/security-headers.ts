import type { FastifyInstance } from 'fastify';

/**
 * Security headers on every response (OWASP ASVS V3/V14), computed once at start-up: a
 * per-request header builder cost a noticeable share of throughput. Handlers may override
 * (e.g. the API docs page sets its own CSP, file downloads a sandbox CSP).
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'", // antd injects component styles at run time
  "img-src 'self' data: blob:",
  "connect-src 'self' ws: wss:",
  "font-src 'self' data:",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

const COMMON: Record<string, string> = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-dns-prefetch-control': 'off',
  'permissions-policy': 'camera=(self), geolocation=(self), microphone=(self)',
};

/**
 * API answers are JSON, never rendered as pages: a locked-down CSP is enough, and they carry
 * personal data, so no cache keeps them. Kept short: these go out with every API response.
 */
const API: Record<string, string> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
};

export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(request.url.startsWith('/api/') ? API : COMMON);
    done();
  });
}

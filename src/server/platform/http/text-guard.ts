import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../errors.js';

/**
 * PostgreSQL text cannot hold U+0000, and a lone UTF-16 surrogate is no character at all (it
 * cannot be encoded as UTF-8). Either one in a body, query or path reached the database as a 500
 * on many endpoints. Every string (and object key) of every request is checked once here, before
 * the route's own schema, so no endpoint (present or future) can forget it.
 */
const BAD = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function findBad(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return BAD.test(value) ? path : null;
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  if (Buffer.isBuffer(value)) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findBad(value[i], `${path}.${i}`, depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  for (const [key, v] of Object.entries(value)) {
    if (BAD.test(key)) return `${path}.${key.replace(BAD, '?')}`;
    const hit = findBad(v, `${path}.${key}`, depth + 1);
    if (hit) return hit;
  }
  return null;
}

export function badTextField(parts: { params?: unknown; query?: unknown; body?: unknown }): string | null {
  return findBad(parts.params, 'params') ?? findBad(parts.query, 'query') ?? findBad(parts.body, 'body');
}

export function installTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const field = badTextField(request);
    if (field) {
      throw new ValidationError('the request contains characters that cannot be stored (NUL or an unpaired surrogate)', [
        { path: field, message: 'contains U+0000 or an unpaired UTF-16 surrogate', code: 'invalid_characters' },
      ]);
    }
  });
}

import { createHash } from 'node:crypto';
import { canonicalJson } from './audit/chain.js';
import { ValidationError } from './errors.js';
import type { Work } from './work.js';

export interface IdempotentResult<T> {
  body: T;
  replayed: boolean;
}

/**
 * Create endpoints accept an `Idempotency-Key`: the first request with a key does the work and
 * stores its response in the same transaction; a replay gets that response back; the same key
 * with a different body is refused. A concurrent duplicate waits on the key's row until the first
 * commits, then replays.
 */
export async function idempotent<T>(
  work: Work,
  key: string | undefined,
  request: unknown,
  create: () => Promise<T>,
): Promise<IdempotentResult<T>> {
  if (!key) return { body: await create(), replayed: false };
  const userId = work.actor.userId ?? 'system';
  const requestHash = createHash('sha256').update(canonicalJson(request)).digest('hex');
  const claimed = await work.tx
    .insertInto('idempotency_keys')
    .values({ tenant_id: work.tenantId, user_id: userId, key, request_hash: requestHash, status: 0, body: '{}' })
    .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (!claimed) {
    const prior = await work.tx
      .selectFrom('idempotency_keys')
      .select(['request_hash', 'body'])
      .where('user_id', '=', userId)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    if (prior.request_hash !== requestHash) {
      throw new ValidationError(
        'this Idempotency-Key was already used with a different request',
        [{ path: 'headers.idempotency-key', message: 'reused with a different body' }],
        'IDEMPOTENCY_KEY_REUSED',
      );
    }
    return { body: prior.body as T, replayed: true };
  }
  const body = await create();
  await work.tx
    .updateTable('idempotency_keys')
    .set({ status: 201, body: JSON.stringify(body) })
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .execute();
  return { body, replayed: false };
}

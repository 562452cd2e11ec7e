import { createHash } from 'node:crypto';

/**
 * The audit chain's hash rule, shared by the writer and the verifier. Each entry's hash covers
 * its own fields, its position (seq) and the previous entry's hash, so changing, deleting or
 * reordering any row breaks the chain from that row on.
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditFields {
  tenantId: string;
  seq: number;
  at: string; // ISO 8601 with milliseconds
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  basis: string | null;
  ip: string | null;
  prevHash: string;
}

/** JSON with object keys sorted, so jsonb's key reordering does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const keys = Object.keys(value as object).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function auditHash(f: AuditFields): string {
  return createHash('sha256').update(canonicalJson(f)).digest('hex');
}

/** Values as they will come back from jsonb: dates become strings, undefined disappears. */
export function jsonRoundTrip<T>(value: T): T | null {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value));
}

import { describe, expect, it } from 'vitest';
import { auditHash, canonicalJson, GENESIS_HASH, jsonRoundTrip } from './chain.js';

const entry = {
  tenantId: 't',
  seq: 1,
  at: '2026-11-28T08:00:00.000Z',
  actorId: null,
  actorName: 'safety',
  action: 'hazard.report',
  entityType: 'hazard',
  entityId: 'h1',
  before: null,
  after: { title: '机床防护罩缺失', photos: ['a'] },
  basis: null,
  ip: null,
  prevHash: GENESIS_HASH,
};

describe('audit hash rule', () => {
  it('does not depend on key order (jsonb reorders keys)', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
    expect(auditHash({ ...entry, after: { photos: ['a'], title: '机床防护罩缺失' } })).toBe(auditHash(entry));
  });

  it('changes with any field, the position and the predecessor', () => {
    const base = auditHash(entry);
    const variants = [
      { ...entry, seq: 2 },
      { ...entry, actorName: 'x' },
      { ...entry, after: { ...entry.after, title: '改' } },
      { ...entry, prevHash: 'f'.repeat(64) },
      { ...entry, at: '2026-11-28T08:00:00.001Z' },
      { ...entry, basis: '' },
    ];
    for (const v of variants) expect(auditHash(v)).not.toBe(base);
  });

  it('hashes what jsonb will give back', () => {
    expect(jsonRoundTrip({ at: new Date('2026-01-01T00:00:00Z'), x: undefined })).toEqual({ at: '2026-01-01T00:00:00.000Z' });
    expect(jsonRoundTrip(undefined)).toBeNull();
  });
});

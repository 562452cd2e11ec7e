import { describe, expect, it } from 'vitest';
import { checkGbIdentifier } from './identifier.js';

describe('checkGbIdentifier (GB/T 35965.1-2018 A.1.1)', () => {
  it('splits a conforming identifier and reads its time as Beijing time', () => {
    expect(checkGbIdentifier('33010041600000_20260721143000_0')).toEqual({
      ok: true,
      regionCode: '330100',
      organisationCode: '416',
      unitCode: '000',
      extension: '00',
      issuedAt: '2026-07-21T14:30:00+08:00',
      sequence: 0,
    });
    expect(checkGbIdentifier('11010812345601_20251231235959_9')).toMatchObject({ ok: true, regionCode: '110108', unitCode: '456', extension: '01', sequence: 9 });
  });

  it('refuses other shapes with a reason', () => {
    for (const id of [
      '',
      'warn-2026-0721-0001',
      '33010041600000_20260721143000', // no sequence number (seen in the wild, not the standard)
      '3301004160000_20260721143000_0', // 13-digit sender code
      '33010041600000_20260721143000_10',
      '33010041600000-20260721143000-0',
      ' 33010041600000_20260721143000_0',
    ]) {
      const r = checkGbIdentifier(id);
      expect(r.ok, id).toBe(false);
      expect(r.message).toMatch(/expected 14-digit sender code/);
    }
  });

  it('refuses region codes outside GB/T 2260 and impossible times', () => {
    expect(checkGbIdentifier('99010041600000_20260721143000_0')).toEqual({ ok: false, message: '990100 is not a GB/T 2260 division code' });
    for (const t of ['20260230120000', '20261301120000', '20260721250000', '20260721146000']) {
      expect(checkGbIdentifier(`33010041600000_${t}_0`)).toEqual({ ok: false, message: `${t} is not a valid time` });
    }
    expect(checkGbIdentifier('33010041600000_20280229120000_0').ok).toBe(true); // leap day
  });
});

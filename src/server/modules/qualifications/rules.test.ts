import { describe, expect, it } from 'vitest';
import { certificateStatus, chinaDate, daysBetween, judgeOperator, type HeldCertificate } from './rules.js';
import { CERTIFICATE_TYPES, EXPIRING_SOON_DAYS, REQUIREMENTS_BY_CATEGORY, certificateType, certificateValidityYears } from './certificates.js';
import { DEFAULT_STANDARDS } from '../../../core/standards/index.js';

const cert = (certType: string, expiresOn: string, certNo = 'X'): HeldCertificate => ({ certType, certNo, issuedOn: '2020-01-01', expiresOn });

describe('judgeOperator', () => {
  const today = '2026-06-15';

  it('is qualified with every required type valid; expiry on today still counts', () => {
    const v = judgeOperator(['tsg_q2', 'tsg_q1'], [cert('tsg_q2', '2027-01-01'), cert('tsg_q1', today)], today);
    expect(v).toEqual({ qualified: true, missing: [], expired: [], expiringSoon: [cert('tsg_q1', today)] });
  });

  it('lists missing types and expired ones (the latest certificate of a type decides)', () => {
    const v = judgeOperator(
      ['tsg_n1', 'special_op_electrician', 'tsg_g1'],
      [cert('tsg_n1', '2026-06-14', 'old'), cert('tsg_n1', '2025-01-01', 'older'), cert('tsg_g1', '2024-01-01', 'g-old'), cert('tsg_g1', '2028-01-01', 'g-new')],
      today,
    );
    expect(v.qualified).toBe(false);
    expect(v.missing).toEqual(['special_op_electrician']);
    expect(v.expired).toEqual([cert('tsg_n1', '2026-06-14', 'old')]);
    expect(v.expiringSoon).toEqual([]);
  });

  it('nothing required: qualified; certificates of other types do not help', () => {
    expect(judgeOperator([], [], today).qualified).toBe(true);
    expect(judgeOperator(['tsg_q2'], [cert('tsg_q1', '2030-01-01')], today)).toMatchObject({ qualified: false, missing: ['tsg_q2'] });
  });
});

describe('dates', () => {
  it('uses the China calendar day (UTC+8)', () => {
    expect(chinaDate(new Date('2026-06-14T15:59:59Z'))).toBe('2026-06-14');
    expect(chinaDate(new Date('2026-06-14T16:00:00Z'))).toBe('2026-06-15');
  });
  it('flags certificates expiring within 30 days', () => {
    expect(daysBetween('2026-06-15', '2026-07-15')).toBe(30);
    expect(certificateStatus({ expiresOn: '2026-07-15' }, '2026-06-15')).toBe('expiring');
    expect(certificateStatus({ expiresOn: '2026-07-16' }, '2026-06-15')).toBe('valid');
    expect(certificateStatus({ expiresOn: '2026-06-14' }, '2026-06-15')).toBe('expired');
  });
});

describe('certificate catalogue', () => {
  it('names every required type, each with its legal basis', () => {
    for (const types of Object.values(REQUIREMENTS_BY_CATEGORY)) for (const t of types) expect(certificateType(t).basis).not.toBe('');
    expect(new Set(CERTIFICATE_TYPES.map((c) => c.code)).size).toBe(CERTIFICATE_TYPES.length);
    expect(certificateType('special_op_electrician').basis).toContain('第30号');
  });
});

describe('numbers from the unified standards', () => {
  it('validity by category: 特种作业 6 years, 特种设备作业人员 4, internal 3 — from the standards document', () => {
    expect(certificateValidityYears('special_op_electrician')).toBe(6);
    expect(certificateValidityYears('tsg_q2')).toBe(4);
    expect(certificateValidityYears('internal_press')).toBe(3);
    const longer = { ...DEFAULT_STANDARDS.certificates, validity: DEFAULT_STANDARDS.certificates.validity.map((v) => ({ ...v, years: v.years + 1 })) };
    expect(certificateValidityYears('special_op_electrician', longer)).toBe(7);
  });

  it('the expiring-soon window is the standards’ (30 days by default, the tenant’s when given)', () => {
    expect(EXPIRING_SOON_DAYS).toBe(DEFAULT_STANDARDS.certificates.expiringSoonDays);
    expect(certificateStatus({ expiresOn: '2026-07-30' }, '2026-06-15')).toBe('valid');
    expect(certificateStatus({ expiresOn: '2026-07-30' }, '2026-06-15', 45)).toBe('expiring');
    expect(certificateStatus({ expiresOn: '2026-07-31' }, '2026-06-15', 45)).toBe('valid');
    expect(judgeOperator(['tsg_q2'], [cert('tsg_q2', '2026-07-30')], '2026-06-15', 45).expiringSoon).toHaveLength(1);
  });
});

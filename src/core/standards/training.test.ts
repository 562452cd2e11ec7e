import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_STANDARDS as doc } from './defaults.js';
import { evaluate, tryEvaluate } from './evaluate.js';
import { parseDate } from './dates.js';

const hours = (role: string, highRisk: boolean, stage: string) => evaluate('training-hours', { role, highRisk, stage }, doc);
const cert = (input: object) => evaluate('special-operation-certificate', input, doc);
const issuesOf = (kind: string, input: unknown) => {
  const r = tryEvaluate(kind, input, doc);
  return r.ok ? [] : r.issues.map((i) => i.path);
};

describe('training-hours (原国家安全监管总局令第3号 Arts. 9 and 13)', () => {
  it('principals and safety managers: 32 initial / 12 annual; high-risk sectors 48 / 16 (Art. 9)', () => {
    for (const role of ['principal', 'safety_manager']) {
      expect(hours(role, false, 'initial').minHours, role).toBe(32);
      expect(hours(role, false, 'annual').minHours, role).toBe(12);
      expect(hours(role, true, 'initial').minHours, role).toBe(48);
      expect(hours(role, true, 'annual').minHours, role).toBe(16);
      expect(hours(role, true, 'annual').basis).toContain('第九条');
    }
  });

  it('employees: 24 before taking up the post, 72 in high-risk sectors, and 20 every year there (Art. 13)', () => {
    expect(hours('employee', false, 'initial')).toMatchObject({ minHours: 24, basis: expect.stringContaining('第十三条') });
    expect(hours('employee', true, 'initial').minHours).toBe(72);
    expect(hours('employee', true, 'annual').minHours).toBe(20);
  });

  it('an employee outside the high-risk sectors has no annual figure: null, and the basis says so', () => {
    const r = hours('employee', false, 'annual');
    expect(r.minHours).toBeNull();
    expect(r.basis).toContain('未作规定');
  });

  it('bad input is named', () => {
    expect(issuesOf('training-hours', { role: 'boss', highRisk: false, stage: 'initial' })).toEqual(['role']);
    expect(issuesOf('training-hours', { role: 'employee', highRisk: 'yes', stage: 'initial' })).toEqual(['highRisk']);
    expect(issuesOf('training-hours', { role: 'employee', stage: 'monthly' })).toEqual(['highRisk', 'stage']);
  });
});

describe('special-operation-certificate (原国家安全监管总局令第30号 Arts. 19, 21, 22)', () => {
  it('valid 6 years; reviewed 3 years after issue; the window opens 60 days before', () => {
    expect(cert({ issuedOn: '2022-05-10' })).toEqual({
      expiresOn: '2028-05-10',
      nextReviewOn: '2025-05-10',
      reviewWindowStart: '2025-03-11',
      basis: doc.certificates.basis,
    });
  });

  it('29 February: expires and is reviewed on 28 February', () => {
    expect(cert({ issuedOn: '2020-02-29' })).toMatchObject({ expiresOn: '2026-02-28', nextReviewOn: '2023-02-28', reviewWindowStart: '2022-12-30' });
    expect(cert({ issuedOn: '2021-02-28' })).toMatchObject({ expiresOn: '2027-02-28', nextReviewOn: '2024-02-28' });
    expect(cert({ issuedOn: '2021-03-01' })).toMatchObject({ expiresOn: '2027-03-01', nextReviewOn: '2024-03-01', reviewWindowStart: '2024-01-01' });
    expect(cert({ issuedOn: '2020-03-01' })).toMatchObject({ nextReviewOn: '2023-03-01', reviewWindowStart: '2022-12-31' });
  });

  it('from the last review; never later than the expiry', () => {
    expect(cert({ issuedOn: '2020-02-29', lastReviewedOn: '2023-02-27' })).toMatchObject({ nextReviewOn: '2026-02-27', expiresOn: '2026-02-28' });
    expect(cert({ issuedOn: '2020-02-29', lastReviewedOn: '2023-02-28' })).toMatchObject({ nextReviewOn: '2026-02-28' });
    expect(cert({ issuedOn: '2020-02-29', lastReviewedOn: '2023-03-01' })).toMatchObject({ nextReviewOn: '2026-02-28', reviewWindowStart: '2025-12-30' });
    expect(cert({ issuedOn: '2020-02-29', lastReviewedOn: '2026-02-28' })).toMatchObject({ nextReviewOn: '2026-02-28' });
  });

  it('exempted holders every 6 years: at the expiry', () => {
    expect(cert({ issuedOn: '2022-05-10', exempted: true })).toMatchObject({ nextReviewOn: '2028-05-10', reviewWindowStart: '2028-03-11' });
    expect(cert({ issuedOn: '2022-05-10', exempted: false })).toMatchObject({ nextReviewOn: '2025-05-10' });
  });

  it('bad input is named', () => {
    expect(issuesOf('special-operation-certificate', { issuedOn: '2022-02-29' })).toEqual(['issuedOn']);
    expect(issuesOf('special-operation-certificate', {})).toEqual(['issuedOn']);
    expect(issuesOf('special-operation-certificate', { issuedOn: '2022-05-10', lastReviewedOn: '2022-05-09' })).toEqual(['lastReviewedOn']);
    expect(issuesOf('special-operation-certificate', { issuedOn: '2022-05-10', lastReviewedOn: '2022-05-10' })).toEqual([]);
    expect(issuesOf('special-operation-certificate', { issuedOn: '2022-05-10', lastReviewedOn: '2028-05-10' })).toEqual([]);
    expect(issuesOf('special-operation-certificate', { issuedOn: '2022-05-10', lastReviewedOn: '2028-05-11' })).toEqual(['lastReviewedOn']);
    expect(issuesOf('special-operation-certificate', { issuedOn: '2022-05-10', exempted: 'yes' })).toEqual(['exempted']);
  });

  it('property: review ≤ expiry, the window is 60 days, the expiry is the same date 6 years on or 28 Feb', () => {
    const date = fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2900-12-31T00:00:00Z'), noInvalidDate: true }).map((x) => x.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, fc.boolean(), fc.integer({ min: 0, max: 2000 }), (issuedOn, exempted, afterDays) => {
        const reviewed = new Date(Date.parse(`${issuedOn}T00:00:00Z`) + afterDays * 86_400_000).toISOString().slice(0, 10);
        const r = cert({ issuedOn, lastReviewedOn: reviewed, exempted });
        expect(r.nextReviewOn <= r.expiresOn).toBe(true);
        expect(r.nextReviewOn > reviewed || r.nextReviewOn === r.expiresOn).toBe(true);
        expect((Date.parse(r.nextReviewOn) - Date.parse(r.reviewWindowStart)) / 86_400_000).toBe(60);
        const issued = parseDate(issuedOn)!;
        const expires = parseDate(r.expiresOn)!;
        expect(expires.year - issued.year).toBe(6);
        expect(expires.month).toBe(issued.month);
        expect(expires.day).toBe(issued.month === 2 && issued.day === 29 ? 28 : issued.day);
      }),
      { numRuns: 1000 },
    );
  });
});

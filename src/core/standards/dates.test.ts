import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, addMonths, addYears, compareDates, daysInMonth, formatDate, MAX_YEAR, MIN_YEAR, monthIndex, parseDate, parseInstant, type CalendarDate } from './dates.js';

const d = (s: string) => parseDate(s)!;
const plusMonths = (s: string, n: number) => formatDate(addMonths(d(s), n));

/** Any real date the rules accept. */
const realDate = fc
  .record({ year: fc.integer({ min: MIN_YEAR + 11, max: MAX_YEAR - 11 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
  .map((x): CalendarDate => ({ ...x, day: Math.min(x.day, daysInMonth(x.year, x.month)) }));

describe('calendar dates', () => {
  it('only real dates in the accepted years parse', () => {
    expect(parseDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    for (const bad of ['2025-02-29', '2100-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00', '2025-1-05', '20250105', '2025-01-05T00:00', '', ' 2025-01-05', '1899-12-31', '3000-01-01']) {
      expect(parseDate(bad), bad).toBeUndefined();
    }
    expect(parseDate('2000-02-29')).toBeDefined(); // divisible by 400: a leap year
    expect(parseDate(20250105)).toBeUndefined();
  });

  it('calendar months clamp to the end of a shorter month', () => {
    expect(plusMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(plusMonths('2024-02-29', 48)).toBe('2028-02-29');
    expect(plusMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(plusMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(plusMonths('2025-05-31', -1)).toBe('2025-04-30');
    expect(plusMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(plusMonths('2025-12-31', 2)).toBe('2026-02-28');
    expect(plusMonths('2025-01-15', -1)).toBe('2024-12-15');
    expect(plusMonths('2025-03-30', -1)).toBe('2025-02-28');
    expect(plusMonths('2025-03-28', -1)).toBe('2025-02-28');
    expect(plusMonths('2025-03-27', -1)).toBe('2025-02-27');
    expect(formatDate(addYears(d('2020-02-29'), 6))).toBe('2026-02-28');
    expect(formatDate(addYears(d('2020-02-29'), 4))).toBe('2024-02-29');
  });

  it('days cross months, years and 29 February', () => {
    expect(formatDate(addDays(d('2024-03-01'), -60))).toBe('2024-01-01');
    expect(formatDate(addDays(d('2023-03-01'), -60))).toBe('2022-12-31');
    expect(formatDate(addDays(d('2023-02-28'), -60))).toBe('2022-12-30');
  });

  it('ISO times need a zone and a real date and time', () => {
    expect(parseInstant('2026-03-01T09:30:00+08:00')).toBe(Date.parse('2026-03-01T01:30:00Z'));
    expect(parseInstant('2026-03-01T01:30Z')).toBe(Date.parse('2026-03-01T01:30:00Z'));
    expect(parseInstant('2026-03-01T01:30:00.123456Z')).toBe(Date.parse('2026-03-01T01:30:00.123Z'));
    for (const bad of ['2026-03-01T09:30:00', '2026-02-30T09:30:00Z', '2026-03-01T24:00:00Z', '2026-03-01T09:60Z', '2026-03-01T09:30:00+25:00', '2026-03-01', 'now', 1740787200000]) {
      expect(parseInstant(bad), String(bad)).toBeUndefined();
    }
  });
});

describe('calendar arithmetic, properties', () => {
  it('adding n months moves the month index by n and keeps the day unless the month is shorter', () => {
    fc.assert(
      fc.property(realDate, fc.integer({ min: -120, max: 120 }), (date, n) => {
        const r = addMonths(date, n);
        expect(monthIndex(r) - monthIndex(date)).toBe(n);
        expect(parseDate(formatDate(r))).toEqual(r); // a real date
        const last = daysInMonth(r.year, r.month);
        expect(r.day).toBe(Math.min(date.day, last));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with the JavaScript calendar where no clamping is needed, and undoes itself', () => {
    fc.assert(
      fc.property(realDate, fc.integer({ min: -120, max: 120 }), (date, n) => {
        fc.pre(date.day <= 28);
        const js = new Date(Date.UTC(date.year, date.month - 1 + n, date.day));
        expect(formatDate(addMonths(date, n))).toBe(js.toISOString().slice(0, 10));
        expect(addMonths(addMonths(date, n), -n)).toEqual(date);
      }),
      { numRuns: 2000 },
    );
  });

  it('days: adding and taking away n days returns the date; the difference is n days', () => {
    fc.assert(
      fc.property(realDate, fc.integer({ min: -800, max: 800 }), (date, n) => {
        const r = addDays(date, n);
        expect(addDays(r, -n)).toEqual(date);
        expect((Date.UTC(r.year, r.month - 1, r.day) - Date.UTC(date.year, date.month - 1, date.day)) / 86_400_000).toBe(n);
        expect(Math.sign(compareDates(r, date))).toBe(Math.sign(n));
      }),
      { numRuns: 2000 },
    );
  });

  it('formatting and parsing round-trip', () => {
    fc.assert(
      fc.property(realDate, (date) => {
        expect(parseDate(formatDate(date))).toEqual(date);
      }),
      { numRuns: 1000 },
    );
  });
});

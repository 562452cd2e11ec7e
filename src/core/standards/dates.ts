/**
 * Calendar arithmetic for the rules with dates: whole calendar months and years with
 * end-of-month clamping (31 March − 1 month = 28/29 February; 29 February + 1 year = 28 February),
 * whole days, and calendar-month indices. Dates are plain YYYY-MM-DD values (no time zone: a
 * certificate expires on a day, wherever it is read); instants are ISO times with a zone.
 */

/** A calendar date as numbers; month 1–12. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** Dates the rules accept: far enough back for old registrations, far enough ahead for any interval. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** "2025-02-28" → { 2025, 2, 28 }; undefined for anything that is not a real date in MIN_YEAR–MAX_YEAR. */
export function parseDate(text: unknown): CalendarDate | undefined {
  if (typeof text !== 'string') return undefined;
  const m = DATE_RE.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export function formatDate(d: CalendarDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** Calendar months since year 0 (January 2025 and February 2025 are one apart). */
export function monthIndex(d: Pick<CalendarDate, 'year' | 'month'>): number {
  return d.year * 12 + (d.month - 1);
}

/** The same day n calendar months later (n < 0: earlier), clamped to the end of a shorter month. */
export function addMonths(d: CalendarDate, n: number): CalendarDate {
  const index = monthIndex(d) + n;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(d.day, daysInMonth(year, month)) };
}

export function addYears(d: CalendarDate, n: number): CalendarDate {
  return addMonths(d, 12 * n);
}

export function addDays(d: CalendarDate, n: number): CalendarDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day) + n * 86_400_000);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** Negative, 0 or positive as a is before, on or after b. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

const TIME_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * An ISO 8601 time with a zone ("2026-03-01T09:30:00+08:00", "…Z") as epoch milliseconds;
 * undefined when it is not a real time or has no zone (a time without one means nothing exact).
 */
export function parseInstant(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = TIME_RE.exec(text);
  if (!m || !parseDate(m[1])) return undefined;
  const [hours, minutes, seconds] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  if (m[6] !== 'Z' && (Number(m[7]) > 23 || Number(m[8]) > 59)) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * Evaluation periods. Analytics count by calendar month in China Standard Time (UTC+8, no daylight
 * saving), the unit of the monthly and quarterly reports; a period is an inclusive month range.
 */
export const CST_OFFSET_MS = 8 * 3600_000;

export type Month = string; // 'YYYY-MM'

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER_RE = /^(\d{4})-Q([1-4])$/;

export function isMonth(s: string): boolean {
  return MONTH_RE.test(s);
}

export function isQuarter(s: string): boolean {
  return QUARTER_RE.test(s);
}

/** The month (UTC+8) an instant falls in. */
export function monthOf(at: Date): Month {
  const d = new Date(at.getTime() + CST_OFFSET_MS);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The instant a month starts (00:00 UTC+8 on its first day). */
export function monthStart(m: Month): Date {
  const [y, mo] = m.split('-').map(Number);
  return new Date(Date.UTC(y, mo - 1, 1) - CST_OFFSET_MS);
}

/** The instant after a month ends (start of the next month). */
export function monthEnd(m: Month): Date {
  return monthStart(addMonths(m, 1));
}

export function addMonths(m: Month, n: number): Month {
  const [y, mo] = m.split('-').map(Number);
  const i = y * 12 + (mo - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** Months from `from` to `to`, both included (empty when to < from). */
export function monthsBetween(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  for (let m = from; m <= to && out.length < 1200; m = addMonths(m, 1)) out.push(m);
  return out;
}

export interface MonthRange {
  from: Month;
  to: Month;
}

/** The range of equal length just before (the "previous period" of trend comparisons). */
export function previousRange(r: MonthRange): MonthRange {
  const n = monthsBetween(r.from, r.to).length;
  return { from: addMonths(r.from, -n), to: addMonths(r.from, -1) };
}

/** 'YYYY-Qn' → its three months. */
export function quarterRange(q: string): MonthRange {
  const m = QUARTER_RE.exec(q);
  if (!m) throw new Error(`not a quarter: ${q}`);
  const first = (Number(m[2]) - 1) * 3 + 1;
  return { from: `${m[1]}-${String(first).padStart(2, '0')}`, to: `${m[1]}-${String(first + 2).padStart(2, '0')}` };
}

export function quarterOf(m: Month): string {
  const [y, mo] = m.split('-').map(Number);
  return `${y}-Q${Math.floor((mo - 1) / 3) + 1}`;
}

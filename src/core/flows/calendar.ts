import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/**
 * A tenant's working calendar, for deadlines counted in working hours. Chinese public holidays
 * and the weekend days worked in exchange (调休) change every year (国务院办公厅 annual notice),
 * so they are data the admin keeps, not rules in code.
 */
export const WorkCalendarSchema = z
  .strictObject({
    /** Minutes east of UTC; China has one zone and no daylight saving (UTC+8). */
    utcOffsetMinutes: z.number().int().min(-720).max(840).default(480),
    /** ISO weekdays that are working days, 1 = Monday … 7 = Sunday. */
    weekdays: z.array(z.number().int().min(1).max(7)).max(7).default([1, 2, 3, 4, 5]),
    /** Working periods of a day, in order, not overlapping. */
    periods: z.array(z.strictObject({ start: hhmm, end: hhmm })).min(1).max(6).default([
      { start: '08:30', end: '12:00' },
      { start: '13:00', end: '17:30' },
    ]),
    holidays: z.array(day).max(400).default([]),
    /** Weekend days worked (调休 上班). */
    workdays: z.array(day).max(100).default([]),
  })
  .superRefine((c, ctx) => {
    const minutes = c.periods.map((p) => [toMinutes(p.start), toMinutes(p.end)] as const);
    minutes.forEach(([s, e], i) => {
      if (e <= s) ctx.addIssue({ code: 'custom', path: ['periods', i], message: 'a period ends after it starts' });
      if (i > 0 && s < minutes[i - 1][1]) ctx.addIssue({ code: 'custom', path: ['periods', i], message: 'periods are in order and do not overlap' });
    });
    if (c.weekdays.length === 0 && c.workdays.length === 0) ctx.addIssue({ code: 'custom', path: ['weekdays'], message: 'at least one working day' });
  });
export type WorkCalendar = z.infer<typeof WorkCalendarSchema>;

export const DEFAULT_CALENDAR: WorkCalendar = WorkCalendarSchema.parse({});

const MINUTE = 60_000;
const DAY = 86_400_000;

function toMinutes(s: string): number {
  return Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
}

function isWorkingDay(localMidnight: number, cal: WorkCalendar): boolean {
  const iso = new Date(localMidnight).toISOString().slice(0, 10);
  if (cal.workdays.includes(iso)) return true;
  if (cal.holidays.includes(iso)) return false;
  const weekday = ((new Date(localMidnight).getUTCDay() + 6) % 7) + 1;
  return cal.weekdays.includes(weekday);
}

/**
 * The instant `hours` working hours after `from`. Time outside the working periods does not count;
 * a start outside them begins counting at the next period. Exact to the minute.
 */
export function addWorkingHours(from: Date, hours: number, cal: WorkCalendar = DEFAULT_CALENDAR): Date {
  const offset = cal.utcOffsetMinutes * MINUTE;
  let remaining = Math.round(hours * 60) * MINUTE;
  const local = from.getTime() + offset; // "local time" expressed as a UTC timestamp
  let midnight = Math.floor(local / DAY) * DAY;
  for (let days = 0; days < 3660; days++, midnight += DAY) {
    if (!isWorkingDay(midnight, cal)) continue;
    for (const p of cal.periods) {
      const start = Math.max(midnight + toMinutes(p.start) * MINUTE, local);
      const end = midnight + toMinutes(p.end) * MINUTE;
      if (end <= start) continue;
      if (remaining <= end - start) return new Date(start + remaining - offset);
      remaining -= end - start;
    }
  }
  throw new Error('the calendar has no working time in the next ten years');
}

/** When a task started at `from` is due under its template deadline. */
export function dueAt(from: Date, deadline: { hours: number } | { workingHours: number }, cal: WorkCalendar = DEFAULT_CALENDAR): Date {
  if ('hours' in deadline) return new Date(from.getTime() + Math.round(deadline.hours * 60) * MINUTE);
  return addWorkingHours(from, deadline.workingHours, cal);
}

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addWorkingHours, DEFAULT_CALENDAR, dueAt, WorkCalendarSchema, type WorkCalendar } from './calendar.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A wall-clock time in China (UTC+8), e.g. at('2025-01-06 09:00'). */
function at(local: string, offsetMinutes = 480): Date {
  const [d, t = '00:00'] = local.split(' ');
  const [y, mo, da] = d.split('-').map(Number);
  const [h, mi, s = 0] = t.split(':').map(Number);
  return new Date(Date.UTC(y, mo - 1, da, h, mi, s) - offsetMinutes * MINUTE);
}

/** Back to wall-clock text, for readable failures. */
function show(x: Date, offsetMinutes = 480): string {
  return new Date(x.getTime() + offsetMinutes * MINUTE).toISOString().slice(0, 16).replace('T', ' ');
}

const cal = (c: Partial<WorkCalendar>): WorkCalendar => WorkCalendarSchema.parse(c);

/** 国庆 2025: 1–8 October off, Sunday 28 September and Saturday 11 October worked (调休). */
const NATIONAL_DAY_2025 = cal({
  holidays: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08'],
  workdays: ['2025-09-28', '2025-10-11'],
});

const add = (from: string, hours: number, c: WorkCalendar = DEFAULT_CALENDAR) => show(addWorkingHours(at(from), hours, c));

describe('addWorkingHours on the default calendar (UTC+8, 08:30–12:00 and 13:00–17:30, Monday–Friday)', () => {
  // 2025-01-06 is a Monday, 2025-01-10 a Friday.
  it('counts inside a period', () => {
    expect(add('2025-01-06 09:00', 2)).toBe('2025-01-06 11:00');
    expect(add('2025-01-06 08:30', 3.5)).toBe('2025-01-06 12:00');
    expect(add('2025-01-06 13:00', 4.5)).toBe('2025-01-06 17:30');
  });

  it('skips the lunch break', () => {
    expect(add('2025-01-06 09:00', 4)).toBe('2025-01-06 14:00');
    expect(add('2025-01-06 11:59', 1 / 60)).toBe('2025-01-06 12:00');
    expect(add('2025-01-06 11:59', 2 / 60)).toBe('2025-01-06 13:01');
  });

  it('starting at lunch counts from 13:00', () => {
    expect(add('2025-01-06 12:00', 1)).toBe('2025-01-06 14:00');
    expect(add('2025-01-06 12:30', 1)).toBe('2025-01-06 14:00');
    expect(add('2025-01-06 12:59', 0.5)).toBe('2025-01-06 13:30');
  });

  it('starting before hours counts from 08:30', () => {
    expect(add('2025-01-06 07:00', 1)).toBe('2025-01-06 09:30');
    expect(add('2025-01-06 00:00', 8)).toBe('2025-01-06 17:30');
  });

  it('starting after hours counts from the next working morning', () => {
    expect(add('2025-01-06 17:30', 1)).toBe('2025-01-07 09:30');
    expect(add('2025-01-06 18:00', 1)).toBe('2025-01-07 09:30');
    expect(add('2025-01-06 23:59', 0.5)).toBe('2025-01-07 09:00');
  });

  it('Friday evening runs on to Monday', () => {
    expect(add('2025-01-10 17:00', 1)).toBe('2025-01-13 09:00');
    expect(add('2025-01-10 20:00', 2)).toBe('2025-01-13 10:30');
    expect(add('2025-01-11 10:00', 1)).toBe('2025-01-13 09:30'); // Saturday
    expect(add('2025-01-12 16:00', 1)).toBe('2025-01-13 09:30'); // Sunday
  });

  it('ends at the end of a period rather than at the start of the next', () => {
    expect(add('2025-01-06 09:00', 3)).toBe('2025-01-06 12:00');
    expect(add('2025-01-06 09:00', 7.5)).toBe('2025-01-06 17:30');
    expect(add('2025-01-10 08:30', 8)).toBe('2025-01-10 17:30');
  });

  it('spans several days (8 working hours a day)', () => {
    expect(add('2025-01-06 08:30', 16)).toBe('2025-01-07 17:30');
    expect(add('2025-01-06 08:30', 40)).toBe('2025-01-10 17:30');
    expect(add('2025-01-06 08:30', 41)).toBe('2025-01-13 09:30');
    expect(add('2025-01-08 15:00', 24)).toBe('2025-01-13 15:00'); // Wednesday → Monday over a weekend
    expect(add('2025-01-06 09:00', 8 * 20)).toBe('2025-02-03 09:00'); // four working weeks
  });

  it('counts fractions of an hour to the minute', () => {
    expect(add('2025-01-06 09:00', 0.5)).toBe('2025-01-06 09:30');
    expect(add('2025-01-06 09:00', 1.25)).toBe('2025-01-06 10:15');
    expect(add('2025-01-06 09:00', 1 / 3)).toBe('2025-01-06 09:20');
    expect(add('2025-01-06 09:00', 0.01)).toBe('2025-01-06 09:01'); // 0.6 minutes round to 1
    expect(add('2025-01-06 09:00', 0.005)).toBe('2025-01-06 09:00'); // 0.3 minutes round to 0
    expect(add('2025-01-06 11:45', 0.75)).toBe('2025-01-06 13:30');
  });

  it('keeps the seconds of a start inside a period', () => {
    expect(addWorkingHours(at('2025-01-06 09:00:30'), 1).toISOString()).toBe(at('2025-01-06 10:00:30').toISOString());
  });

  it('works in local days, not UTC days (local Monday 01:00 is Sunday 17:00 UTC)', () => {
    const from = at('2025-01-06 01:00');
    expect(from.getUTCDay()).toBe(0);
    expect(show(addWorkingHours(from, 1))).toBe('2025-01-06 09:30');
    // and local Saturday 07:00 is Friday 23:00 UTC: nothing more on Friday, next Monday
    expect(add('2025-01-11 07:00', 1)).toBe('2025-01-13 09:30');
  });

  it('with zero hours starts at the next working instant', () => {
    expect(add('2025-01-06 10:00', 0)).toBe('2025-01-06 10:00');
    expect(add('2025-01-06 12:10', 0)).toBe('2025-01-06 13:00');
    expect(add('2025-01-10 18:00', 0)).toBe('2025-01-13 08:30');
  });
});

describe('holidays and 调休 workdays', () => {
  it('skips public holidays', () => {
    // Tuesday 30 September 17:00: half an hour, then 1–8 October off → Thursday 9 October.
    expect(add('2025-09-30 17:00', 2, NATIONAL_DAY_2025)).toBe('2025-10-09 10:00');
    expect(add('2025-10-03 10:00', 1, NATIONAL_DAY_2025)).toBe('2025-10-09 09:30');
    // without the holidays the same start ends on 1 October
    expect(add('2025-09-30 17:00', 2)).toBe('2025-10-01 10:00');
  });

  it('counts a 调休 Saturday as a working day', () => {
    // Friday 10 October 17:00: half an hour, then Saturday 11 October is worked.
    expect(add('2025-10-10 17:00', 1, NATIONAL_DAY_2025)).toBe('2025-10-11 09:00');
    expect(add('2025-10-11 12:30', 5, NATIONAL_DAY_2025)).toBe('2025-10-13 09:00'); // Sunday 12 is off
    // without the exchange the Saturday is off
    expect(add('2025-10-10 17:00', 1)).toBe('2025-10-13 09:00');
  });

  it('counts a 调休 Sunday as a working day', () => {
    expect(add('2025-09-27 10:00', 1, NATIONAL_DAY_2025)).toBe('2025-09-28 09:30');
  });

  it('a day listed both as a holiday and a workday is worked', () => {
    const c = cal({ holidays: ['2025-01-07'], workdays: ['2025-01-07'] });
    expect(add('2025-01-06 17:00', 1, c)).toBe('2025-01-07 09:00');
  });

  it('a holiday on a weekend changes nothing', () => {
    const c = cal({ holidays: ['2025-01-11', '2025-01-12'] });
    expect(add('2025-01-10 17:00', 1, c)).toBe('2025-01-13 09:00');
  });

  it('follows other offsets, periods and weekdays', () => {
    const utc = cal({ utcOffsetMinutes: 0, periods: [{ start: '09:00', end: '17:00' }] });
    expect(addWorkingHours(new Date('2025-01-06T16:00:00Z'), 2, utc).toISOString()).toBe('2025-01-07T10:00:00.000Z');
    const sixDays = cal({ weekdays: [1, 2, 3, 4, 5, 6] });
    expect(add('2025-01-10 17:00', 1, sixDays)).toBe('2025-01-11 09:00');
    const west = cal({ utcOffsetMinutes: -300 }); // UTC−5
    expect(addWorkingHours(new Date('2025-01-06T13:30:00Z'), 1, west).toISOString()).toBe('2025-01-06T14:30:00.000Z'); // 08:30 → 09:30 local
  });

  it('gives up on a calendar with no working time ahead', () => {
    const never = cal({ weekdays: [], workdays: ['2000-01-03'] });
    expect(() => addWorkingHours(at('2025-01-06 09:00'), 1, never)).toThrow(/no working time/);
  });
});

describe('dueAt', () => {
  it('plain hours run round the clock', () => {
    expect(show(dueAt(at('2025-01-10 17:00'), { hours: 24 }))).toBe('2025-01-11 17:00');
    expect(show(dueAt(at('2025-01-06 23:00'), { hours: 1.5 }))).toBe('2025-01-07 00:30');
    expect(show(dueAt(at('2025-10-01 10:00'), { hours: 2 }, NATIONAL_DAY_2025))).toBe('2025-10-01 12:00');
  });

  it('working hours follow the calendar', () => {
    expect(show(dueAt(at('2025-01-10 17:00'), { workingHours: 1 }))).toBe('2025-01-13 09:00');
    expect(show(dueAt(at('2025-09-30 17:00'), { workingHours: 2 }, NATIONAL_DAY_2025))).toBe('2025-10-09 10:00');
  });
});

describe('WorkCalendarSchema', () => {
  it('defaults to China office hours', () => {
    expect(DEFAULT_CALENDAR).toEqual({
      utcOffsetMinutes: 480,
      weekdays: [1, 2, 3, 4, 5],
      periods: [
        { start: '08:30', end: '12:00' },
        { start: '13:00', end: '17:30' },
      ],
      holidays: [],
      workdays: [],
    });
  });

  it('refuses periods that end before they start, overlap or are out of order, and a calendar with no working day', () => {
    expect(WorkCalendarSchema.safeParse({ periods: [{ start: '12:00', end: '08:30' }] }).success).toBe(false);
    expect(WorkCalendarSchema.safeParse({ periods: [{ start: '08:00', end: '08:00' }] }).success).toBe(false);
    expect(
      WorkCalendarSchema.safeParse({
        periods: [
          { start: '08:00', end: '12:00' },
          { start: '11:00', end: '17:00' },
        ],
      }).success,
    ).toBe(false);
    expect(
      WorkCalendarSchema.safeParse({
        periods: [
          { start: '13:00', end: '17:00' },
          { start: '08:00', end: '12:00' },
        ],
      }).success,
    ).toBe(false);
    expect(WorkCalendarSchema.safeParse({ weekdays: [] }).success).toBe(false);
    expect(WorkCalendarSchema.safeParse({ periods: [{ start: '24:00', end: '25:00' }] }).success).toBe(false);
    expect(WorkCalendarSchema.safeParse({ holidays: ['2025-1-1'] }).success).toBe(false);
    expect(WorkCalendarSchema.safeParse({ weekdays: [0] }).success).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties against an independent minute-by-minute reference
// ---------------------------------------------------------------------------------------------

function toMin(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
}

/** Whether the minute starting at `t` (a multiple of a minute) is working time. */
function workingMinuteChecker(c: WorkCalendar): (t: number) => boolean {
  const dayCache = new Map<number, boolean>();
  const holidays = new Set(c.holidays);
  const workdays = new Set(c.workdays);
  const periods = c.periods.map((p) => [toMin(p.start), toMin(p.end)]);
  return (t) => {
    const local = t + c.utcOffsetMinutes * MINUTE;
    const dayNo = Math.floor(local / DAY);
    let working = dayCache.get(dayNo);
    if (working === undefined) {
      const date = new Date(dayNo * DAY);
      const iso = date.toISOString().slice(0, 10);
      const isoWeekday = date.getUTCDay() === 0 ? 7 : date.getUTCDay();
      working = workdays.has(iso) || (!holidays.has(iso) && c.weekdays.includes(isoWeekday));
      dayCache.set(dayNo, working);
    }
    if (!working) return false;
    const minuteOfDay = Math.floor((local - dayNo * DAY) / MINUTE);
    return periods.some(([s, e]) => s <= minuteOfDay && minuteOfDay < e);
  };
}

/** Step a minute at a time until `minutes` working minutes have passed. */
function referenceAdd(from: Date, minutes: number, c: WorkCalendar): Date {
  const working = workingMinuteChecker(c);
  let t = from.getTime();
  for (let counted = 0; counted < minutes; t += MINUTE) if (working(t)) counted++;
  return new Date(t);
}

/** Working minutes in [from, to), a minute at a time. */
function workingMinutesBetween(from: Date, to: Date, c: WorkCalendar): number {
  const working = workingMinuteChecker(c);
  let n = 0;
  for (let t = from.getTime(); t < to.getTime(); t += MINUTE) if (working(t)) n++;
  return n;
}

const PERIOD_SETS = [
  DEFAULT_CALENDAR.periods,
  [{ start: '09:00', end: '17:00' }],
  [
    { start: '06:00', end: '10:00' },
    { start: '14:00', end: '18:00' },
    { start: '20:00', end: '22:15' },
  ],
  [{ start: '00:00', end: '23:59' }],
  [
    { start: '07:45', end: '07:50' },
    { start: '23:00', end: '23:30' },
  ],
];

const YEAR_START = Date.UTC(2025, 0, 1);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A calendar and a minute-aligned start in 2025, with holidays and workdays near the start. */
const calendarAndStart = fc
  .record({
    offset: fc.constantFrom(480, 480, 0, 330, -300, 840, -720),
    periods: fc.constantFrom(...PERIOD_SETS),
    weekdays: fc.oneof(
      { weight: 3, arbitrary: fc.constant<number[]>([1, 2, 3, 4, 5]) },
      { weight: 1, arbitrary: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }) },
    ),
    startMinute: fc.integer({ min: 0, max: 360 * 24 * 60 }),
    holidays: fc.uniqueArray(fc.integer({ min: -1, max: 20 }), { maxLength: 8 }),
    workdays: fc.uniqueArray(fc.integer({ min: -1, max: 20 }), { maxLength: 3 }),
  })
  .map((r) => {
    const from = new Date(YEAR_START + r.startMinute * MINUTE);
    const localDay = Math.floor((from.getTime() + r.offset * MINUTE) / DAY) * DAY;
    const c = cal({
      utcOffsetMinutes: r.offset,
      periods: r.periods,
      weekdays: r.weekdays,
      holidays: r.holidays.map((d) => isoDay(localDay + d * DAY)),
      workdays: r.workdays.map((d) => isoDay(localDay + d * DAY)),
    });
    return { c, from };
  });

describe('addWorkingHours properties', () => {
  it('agrees with a minute-by-minute reference, is never earlier than the start, and the working time in between is the hours asked for', () => {
    fc.assert(
      fc.property(calendarAndStart, fc.integer({ min: 1, max: 12 * 60 }), ({ c, from }, minutes) => {
        const result = addWorkingHours(from, minutes / 60, c);
        expect(result.getTime()).toBeGreaterThanOrEqual(from.getTime());
        expect(result.toISOString()).toBe(referenceAdd(from, minutes, c).toISOString());
        expect(workingMinutesBetween(from, result, c)).toBe(minutes);
        // and it is the first such instant: the minute before the result is working time
        expect(workingMinuteChecker(c)(result.getTime() - MINUTE)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('splits: adding a then b is adding a + b', () => {
    fc.assert(
      fc.property(calendarAndStart, fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 3000 }), ({ c, from }, a, b) => {
        const once = addWorkingHours(from, (a + b) / 60, c);
        const twice = addWorkingHours(addWorkingHours(from, a / 60, c), b / 60, c);
        expect(twice.toISOString()).toBe(once.toISOString());
      }),
      { numRuns: 300 },
    );
  });

  it('more hours are never earlier, and a start later in the same day is never earlier', () => {
    fc.assert(
      fc.property(calendarAndStart, fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 24 * 60 }), ({ c, from }, a, extra, later) => {
        const x = addWorkingHours(from, a / 60, c).getTime();
        expect(addWorkingHours(from, (a + extra) / 60, c).getTime()).toBeGreaterThanOrEqual(x);
        expect(addWorkingHours(new Date(from.getTime() + later * MINUTE), a / 60, c).getTime()).toBeGreaterThanOrEqual(x);
      }),
      { numRuns: 300 },
    );
  });

  it('dueAt with plain hours is exactly that many hours later', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2e12 }), fc.integer({ min: 1, max: 24 * 365 * 60 }), (t, minutes) => {
        const from = new Date(t);
        expect(dueAt(from, { hours: minutes / 60 }).getTime() - t).toBe(minutes * MINUTE);
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_STANDARDS as doc } from './defaults.js';
import { evaluate, tryEvaluate } from './evaluate.js';
import { addMonths, formatDate, parseDate } from './dates.js';
import { inspectionFrequency, MAX_FREQUENCY_HAZARDS, type AreaHazard } from './inspections.js';

const inspect = (equipmentType: string, lastInspection: string, safetyGrade?: unknown) =>
  evaluate('special-equipment-inspection', { equipmentType, lastInspection, ...(safetyGrade !== undefined && { safetyGrade }) }, doc);
const issuesOf = (kind: string, input: unknown) => {
  const r = tryEvaluate(kind, input, doc);
  return r.ok ? [] : r.issues.map((i) => i.path);
};

describe('special-equipment-inspection: intervals', () => {
  it('yearly: elevators, tower and mobile cranes, hoists, molten-metal cranes, external boiler inspections, forklifts', () => {
    for (const type of ['elevator', 'tower_crane', 'mobile_crane', 'hoist', 'molten_metal_crane', 'boiler_external', 'forklift']) {
      expect(inspect(type, '2025-06-10'), type).toMatchObject({ nextDue: '2026-06-10', applyBy: '2026-05-10', intervalMonths: 12 });
    }
  });

  it('every 2 years: bridge and gantry cranes, internal boiler inspections', () => {
    for (const type of ['bridge_crane', 'gantry_crane', 'boiler_internal']) {
      expect(inspect(type, '2025-06-10'), type).toMatchObject({ nextDue: '2027-06-10', applyBy: '2027-05-10', intervalMonths: 24 });
    }
  });

  it('pressure vessels by safety grade: 1–2 six years, 3 three years, 4 and 5 refused', () => {
    expect(inspect('pressure_vessel', '2025-06-10', 1)).toMatchObject({ nextDue: '2031-06-10', applyBy: '2031-05-10', intervalMonths: 72 });
    expect(inspect('pressure_vessel', '2025-06-10', 2)).toMatchObject({ nextDue: '2031-06-10', intervalMonths: 72 });
    expect(inspect('pressure_vessel', '2025-06-10', 3)).toMatchObject({ nextDue: '2028-06-10', applyBy: '2028-05-10', intervalMonths: 36 });
    for (const grade of [4, 5]) {
      const r = tryEvaluate('special-equipment-inspection', { equipmentType: 'pressure_vessel', lastInspection: '2025-06-10', safetyGrade: grade }, doc);
      expect(r).toMatchObject({ ok: false, issues: [{ path: 'safetyGrade', code: 'no_interval' }] });
    }
    expect(inspect('pressure_vessel', '2025-06-10', 3).basis).toContain('3级');
  });

  it('the safety grade is required for pressure vessels and refused for everything else', () => {
    expect(issuesOf('special-equipment-inspection', { equipmentType: 'pressure_vessel', lastInspection: '2025-06-10' })).toEqual(['safetyGrade']);
    for (const bad of [0, 6, 2.5, '2', true]) {
      expect(issuesOf('special-equipment-inspection', { equipmentType: 'pressure_vessel', lastInspection: '2025-06-10', safetyGrade: bad }), String(bad)).toEqual(['safetyGrade']);
    }
    expect(issuesOf('special-equipment-inspection', { equipmentType: 'elevator', lastInspection: '2025-06-10', safetyGrade: 1 })).toEqual(['safetyGrade']);
    expect(issuesOf('special-equipment-inspection', { equipmentType: 'elevator', lastInspection: '2025-06-10', safetyGrade: null })).toEqual([]);
  });

  it('an unknown type or a date that is not a real date is named', () => {
    expect(issuesOf('special-equipment-inspection', { equipmentType: 'escalator', lastInspection: '2025-06-10' })).toEqual(['equipmentType']);
    for (const bad of ['2025-02-29', '2025-04-31', '2025-13-01', '2025-6-10', '10/06/2025', 20250610, '']) {
      expect(issuesOf('special-equipment-inspection', { equipmentType: 'elevator', lastInspection: bad }), String(bad)).toEqual(['lastInspection']);
    }
    expect(issuesOf('special-equipment-inspection', { equipmentType: 'elevator' })).toEqual(['lastInspection']);
    expect(issuesOf('special-equipment-inspection', { equipmentType: 'elevator', lastInspection: '2025-06-10', extra: 1 })).toEqual(['extra']);
  });

  it('the basis cites the law (Art. 40) and the TSG rule of the type', () => {
    const r = inspect('bridge_crane', '2025-06-10');
    expect(r.basis).toContain('第四十条');
    expect(r.basis).toContain('TSG Q7015-2016');
  });
});

describe('special-equipment-inspection: calendar edges', () => {
  it('29 February plus one year is 28 February; plus four years is 29 February', () => {
    expect(inspect('elevator', '2024-02-29')).toMatchObject({ nextDue: '2025-02-28', applyBy: '2025-01-28' });
    expect(inspect('elevator', '2024-02-28')).toMatchObject({ nextDue: '2025-02-28', applyBy: '2025-01-28' });
    expect(inspect('elevator', '2024-03-01')).toMatchObject({ nextDue: '2025-03-01', applyBy: '2025-02-01' });
    expect(inspect('pressure_vessel', '2020-02-29', 3)).toMatchObject({ nextDue: '2023-02-28' });
    expect(inspect('pressure_vessel', '2018-02-28', 1)).toMatchObject({ nextDue: '2024-02-28', applyBy: '2024-01-28' });
  });

  it('applyBy clamps to the end of a shorter month: due 31 March → 28 or 29 February', () => {
    expect(inspect('elevator', '2024-03-31')).toMatchObject({ nextDue: '2025-03-31', applyBy: '2025-02-28' });
    expect(inspect('elevator', '2023-03-31')).toMatchObject({ nextDue: '2024-03-31', applyBy: '2024-02-29' });
    expect(inspect('elevator', '2024-03-30')).toMatchObject({ nextDue: '2025-03-30', applyBy: '2025-02-28' });
    expect(inspect('elevator', '2024-03-28')).toMatchObject({ nextDue: '2025-03-28', applyBy: '2025-02-28' });
    expect(inspect('elevator', '2024-03-27')).toMatchObject({ nextDue: '2025-03-27', applyBy: '2025-02-27' });
    expect(inspect('elevator', '2024-05-31')).toMatchObject({ nextDue: '2025-05-31', applyBy: '2025-04-30' });
    expect(inspect('elevator', '2024-07-31')).toMatchObject({ nextDue: '2025-07-31', applyBy: '2025-06-30' });
  });

  it('across a year end', () => {
    expect(inspect('elevator', '2024-01-31')).toMatchObject({ nextDue: '2025-01-31', applyBy: '2024-12-31' });
    expect(inspect('elevator', '2024-01-01')).toMatchObject({ nextDue: '2025-01-01', applyBy: '2024-12-01' });
    expect(inspect('gantry_crane', '2024-12-31')).toMatchObject({ nextDue: '2026-12-31', applyBy: '2026-11-30' });
  });

  it('property: nextDue is the interval in calendar months later, applyBy one month before it, never after it', () => {
    const date = fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2900-12-31T00:00:00Z'), noInvalidDate: true }).map((x) => x.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, fc.constantFrom(...doc.specialEquipment.intervals.map((i) => i.type)), fc.constantFrom(1, 2, 3), (last, type, grade) => {
        const r = inspect(type, last, type === 'pressure_vessel' ? grade : undefined);
        const d = parseDate(last)!;
        expect(r.nextDue).toBe(formatDate(addMonths(d, r.intervalMonths)));
        expect(r.applyBy < r.nextDue).toBe(true);
        const due = parseDate(r.nextDue)!;
        const apply = parseDate(r.applyBy)!;
        expect((due.year - apply.year) * 12 + due.month - apply.month).toBe(1);
        expect(apply.day).toBe(Math.min(due.day, apply.day));
      }),
      { numRuns: 1000 },
    );
  });
});

// ---- inspection-frequency ----

const h = (reportedOn: string, type = 'electrical') => ({ reportedOn, type });
const frequency = (asOf: string, hazards: { reportedOn: string; type: string }[]) => evaluate('inspection-frequency', { asOf, hazards }, doc);

describe('inspection-frequency', () => {
  it('no hazards, one hazard, two of different types: monthly with no special items', () => {
    expect(frequency('2025-03-01', [])).toMatchObject({ frequency: 'monthly', specialItems: [] });
    expect(frequency('2025-03-01', [h('2025-02-10')])).toMatchObject({ frequency: 'monthly', specialItems: [] });
    const mixed = frequency('2025-03-01', [h('2025-02-10'), h('2025-02-20', 'fire')]);
    expect(mixed).toMatchObject({ frequency: 'monthly', specialItems: [] });
    expect(mixed.reason).toContain('类型不同');
  });

  it('the two most recent share a type: biweekly with that type’s special items, the reason in words', () => {
    const r = frequency('2025-02-21', [h('2025-01-03', 'fire'), h('2025-02-20'), h('2025-02-10')]);
    expect(r).toMatchObject({ frequency: 'biweekly', specialItems: ['electrical'], basis: doc.areaChecks.basis });
    expect(r.reason).toContain('近两次隐患均为电气类');
    expect(r.reason).toContain('2025-06-01'); // back to monthly at the earliest on 1 June
  });

  it('only the two most recent count, in any order', () => {
    expect(frequency('2025-03-01', [h('2025-02-20', 'fire'), h('2025-01-05'), h('2025-01-20')])).toMatchObject({ frequency: 'monthly' });
    expect(frequency('2025-03-01', [h('2025-02-20', 'fire'), h('2025-01-05'), h('2025-02-25', 'fire')])).toMatchObject({ frequency: 'biweekly', specialItems: ['fire'] });
  });

  it('of two on the same day the later in the list is the more recent', () => {
    expect(frequency('2025-01-31', [h('2025-01-10', 'fire'), h('2025-01-10'), h('2025-01-10')])).toMatchObject({ frequency: 'biweekly', specialItems: ['electrical'] });
    expect(frequency('2025-01-31', [h('2025-01-10'), h('2025-01-10'), h('2025-01-10', 'fire')])).toMatchObject({ frequency: 'monthly' });
    expect(frequency('2025-01-31', [h('2025-01-10'), h('2025-01-09', 'fire'), h('2025-01-10', 'fire')])).toMatchObject({ frequency: 'monthly' });
  });

  it('a hazard on 10 January leaves February, March and April clean: monthly again from 1 May', () => {
    const pair = [h('2025-01-02'), h('2025-01-10')];
    expect(frequency('2025-04-30', pair)).toMatchObject({ frequency: 'biweekly' });
    const back = frequency('2025-05-01', pair);
    expect(back).toMatchObject({ frequency: 'monthly', specialItems: [] });
    expect(back.reason).toContain('2025-05-01');
    // a hazard on the last day of January gives the same day
    expect(frequency('2025-04-30', [h('2025-01-02'), h('2025-01-31')])).toMatchObject({ frequency: 'biweekly' });
    expect(frequency('2025-05-01', [h('2025-01-02'), h('2025-01-31')])).toMatchObject({ frequency: 'monthly' });
  });

  it('across a year end', () => {
    const pair = [h('2024-11-30'), h('2024-12-01')];
    expect(frequency('2025-03-31', pair)).toMatchObject({ frequency: 'biweekly' });
    expect(frequency('2025-04-01', pair)).toMatchObject({ frequency: 'monthly' });
  });

  it('three clean months between the two: they no longer make a run', () => {
    // January → April: February and March clean (2) → biweekly; January → May: three clean months → monthly
    expect(frequency('2025-05-02', [h('2025-01-31'), h('2025-04-01')])).toMatchObject({ frequency: 'biweekly' });
    const apart = frequency('2025-05-02', [h('2025-01-31'), h('2025-05-01')]);
    expect(apart).toMatchObject({ frequency: 'monthly' });
    expect(apart.reason).toContain('3 个完整自然月');
  });

  it('only hazards on or before asOf count', () => {
    expect(frequency('2025-02-10', [h('2025-02-01'), h('2025-02-10')])).toMatchObject({ frequency: 'biweekly' });
    expect(frequency('2025-02-09', [h('2025-02-01'), h('2025-02-10')])).toMatchObject({ frequency: 'monthly' });
    expect(frequency('2025-02-09', [h('2025-02-01'), h('2025-02-05'), h('2025-02-10', 'fire')])).toMatchObject({ frequency: 'biweekly', specialItems: ['electrical'] });
  });

  it('bad input is named: types from the tenant’s list, real dates, at most 1,000 hazards', () => {
    expect(issuesOf('inspection-frequency', { asOf: '2025-02-30', hazards: [] })).toEqual(['asOf']);
    expect(issuesOf('inspection-frequency', { asOf: '2025-02-01' })).toEqual(['hazards']);
    expect(issuesOf('inspection-frequency', { asOf: '2025-02-01', hazards: 'x' })).toEqual(['hazards']);
    expect(issuesOf('inspection-frequency', { asOf: '2025-02-01', hazards: [h('2025-01-01'), h('2025-01-02', 'volcano'), h('2025-13-01'), 5, { ...h('2025-01-01'), area: 'x' }] })).toEqual([
      'hazards.1.type',
      'hazards.2.reportedOn',
      'hazards.3',
      'hazards.4.area',
    ]);
    const many = Array.from({ length: MAX_FREQUENCY_HAZARDS }, () => h('2025-01-01'));
    expect(issuesOf('inspection-frequency', { asOf: '2025-02-01', hazards: many })).toEqual([]);
    expect(issuesOf('inspection-frequency', { asOf: '2025-02-01', hazards: [...many, h('2025-01-01')] })).toEqual(['hazards']);
  });

  it('the run length and the clean months are the tenant’s', () => {
    const three = { ...doc, areaChecks: { ...doc.areaChecks, sameTypeInARow: 3, cleanMonths: 2 } };
    const pair = [h('2025-01-02'), h('2025-01-10')];
    expect(evaluate('inspection-frequency', { asOf: '2025-01-20', hazards: pair }, three)).toMatchObject({ frequency: 'monthly' });
    expect(evaluate('inspection-frequency', { asOf: '2025-01-20', hazards: [...pair, h('2025-01-15')] }, three)).toMatchObject({ frequency: 'biweekly' });
    expect(evaluate('inspection-frequency', { asOf: '2025-04-01', hazards: [...pair, h('2025-01-15')] }, three)).toMatchObject({ frequency: 'monthly' });
    expect(evaluate('inspection-frequency', { asOf: '2025-03-31', hazards: [...pair, h('2025-01-15')] }, three).reason).toContain('近三次');
  });
});

// ---- properties over random hazard histories ----

const TYPES = ['electrical', 'fire', 'mechanical'];
const day = fc.date({ min: new Date('2023-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }).map((x) => x.toISOString().slice(0, 10));
const hazard = fc.record({ reportedOn: day, type: fc.constantFrom(...TYPES) });
const history = fc.array(hazard, { maxLength: 12 });

/**
 * An independent statement of the rule: replay the hazards in time order, switching to
 * biweekly on a hazard of the previous one's type unless three clean calendar months lie between
 * them, then walk the calendar month by month from the last hazard to asOf (JavaScript Date
 * arithmetic) and fall back to monthly after three clean months.
 */
function oracle(asOf: string, hazards: { reportedOn: string; type: string }[]) {
  const counted = hazards.map((x, i) => ({ ...x, i })).filter((x) => x.reportedOn <= asOf);
  counted.sort((a, b) => (a.reportedOn < b.reportedOn ? -1 : a.reportedOn > b.reportedOn ? 1 : a.i - b.i));
  const cleanMonthsBetween = (from: string, to: string) => {
    let n = 0;
    const cursor = new Date(`${from.slice(0, 7)}-01T00:00:00Z`);
    for (;;) {
      cursor.setUTCMonth(cursor.getUTCMonth() + 1);
      if (cursor.toISOString().slice(0, 7) >= to.slice(0, 7)) return n;
      n++; // a whole month strictly between: no hazard can fall in it (the two are consecutive)
    }
  };
  let state: { frequency: 'monthly' | 'biweekly'; specialItems: string[] } = { frequency: 'monthly', specialItems: [] };
  let prev: (typeof counted)[number] | undefined;
  for (const x of counted) {
    state = prev && prev.type === x.type && cleanMonthsBetween(prev.reportedOn, x.reportedOn) < 3 ? { frequency: 'biweekly', specialItems: [x.type] } : { frequency: 'monthly', specialItems: [] };
    prev = x;
  }
  if (prev && state.frequency === 'biweekly' && cleanMonthsBetween(prev.reportedOn, asOf) >= 3) state = { frequency: 'monthly', specialItems: [] };
  return state;
}

const asAreaHazards = (list: { reportedOn: string; type: string }[]): AreaHazard[] => list.map((x) => ({ reportedOn: parseDate(x.reportedOn)!, type: x.type }));
const rule = (asOf: string, list: { reportedOn: string; type: string }[]) => inspectionFrequency(doc, parseDate(asOf)!, asAreaHazards(list));

describe('inspection-frequency over random hazard histories', () => {
  it('agrees with a replay of the history', () => {
    fc.assert(
      fc.property(day, history, (asOf, list) => {
        const r = rule(asOf, list);
        expect({ frequency: r.frequency, specialItems: r.specialItems }).toEqual(oracle(asOf, list));
      }),
      { numRuns: 3000 },
    );
  });

  it('hazards after asOf change nothing; neither does the order of hazards on different days', () => {
    fc.assert(
      fc.property(day, history, history, fc.integer(), (asOf, list, later, seed) => {
        const base = rule(asOf, list);
        const future = later.filter((x) => x.reportedOn > asOf);
        expect(rule(asOf, [...list, ...future])).toEqual(base);
        // shuffle, keeping the list order of hazards of the same day
        const shuffled = [...list]
          .map((x, i) => ({ x, i, k: Math.sin(seed + i) }))
          .sort((a, b) => (a.x.reportedOn === b.x.reportedOn ? a.i - b.i : a.k - b.k))
          .map((e) => e.x);
        const sameDayOrderKept = list.every((x, i) => list.slice(i + 1).every((y) => y.reportedOn !== x.reportedOn || shuffled.indexOf(y) > shuffled.indexOf(x)));
        fc.pre(sameDayOrderKept);
        expect(rule(asOf, shuffled)).toEqual(base);
      }),
      { numRuns: 1500 },
    );
  });

  it('biweekly means the two most recent share the special type; with no new hazard it only ever returns to monthly, on the 1st', () => {
    fc.assert(
      fc.property(day, history, fc.integer({ min: 1, max: 200 }), (asOf, list, wait) => {
        const r = rule(asOf, list);
        const later = formatDate(addDaysIso(asOf, wait));
        const after = rule(later, list.filter((x) => x.reportedOn <= asOf));
        if (r.frequency === 'monthly') expect(after.frequency).toBe('monthly');
        else {
          const counted = list.filter((x) => x.reportedOn <= asOf);
          expect(counted.length).toBeGreaterThanOrEqual(2);
          expect(r.specialItems).toHaveLength(1);
          if (after.frequency === 'monthly') {
            // the switch happens on the first day of a month: find it
            let d = asOf;
            while (rule(d, counted).frequency === 'biweekly') d = formatDate(addDaysIso(d, 1));
            expect(d.endsWith('-01')).toBe(true);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

function addDaysIso(iso: string, n: number) {
  const t = new Date(`${iso}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return parseDate(t.toISOString().slice(0, 10))!;
}

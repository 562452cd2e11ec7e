import { describe, expect, it } from 'vitest';
import { DEFAULT_STANDARDS } from './defaults.js';
import { lsProducts, validateStandards } from './validate.js';
import type { StandardsDocument } from './types.js';

const clone = (): StandardsDocument => structuredClone(DEFAULT_STANDARDS);
const paths = (d: StandardsDocument) => validateStandards(d).map((i) => i.path);

describe('validateStandards', () => {
  it('the national defaults are valid', () => {
    expect(validateStandards(DEFAULT_STANDARDS)).toEqual([]);
  });

  it('LS bands must cover every R the matrix produces (13, 14, 17–19 cannot occur)', () => {
    expect(lsProducts(DEFAULT_STANDARDS)).toEqual([1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 20, 25]);
    const d = clone();
    d.ls.bands[2] = { level: 'general', min: 10, max: 12 }; // R = 9 falls through
    expect(validateStandards(d)).toEqual([expect.objectContaining({ path: 'ls.bands', message: expect.stringContaining('R = 9') })]);
  });

  it('LS bands may not overlap, nor run backwards, nor leave 1–25', () => {
    const d = clone();
    d.ls.bands[1] = { level: 'significant', min: 12, max: 16 };
    expect(paths(d)).toContain('ls.bands.2');
    const e = clone();
    e.ls.bands[0] = { level: 'major', min: 25, max: 20 };
    expect(paths(e)).toContain('ls.bands.0.max');
    const f = clone();
    f.ls.bands[0] = { level: 'major', min: 20, max: 26 };
    expect(paths(f)).toContain('ls.bands.0.max');
  });

  it('LS bands use four-colour levels, each at most once; fewer bands are fine', () => {
    const d = clone();
    d.ls.bands = [{ level: 'major', min: 15, max: 25 }, { level: 'general', min: 9, max: 12 }, { level: 'low', min: 1, max: 8 }];
    expect(validateStandards(d)).toEqual([]);
    d.ls.bands.push({ level: 'low', min: 13, max: 14 });
    expect(paths(d)).toContain('ls.bands.3.level');
  });

  it('LS axes are whole numbers 1–5', () => {
    const d = clone();
    d.ls.l[4] = { value: 6, label: '必然' };
    expect(paths(d)).toContain('ls.l.4.value');
  });

  it('LEC bands must be contiguous, highest first, open at both ends', () => {
    const gap = clone();
    gap.lec.bands[2] = { ...gap.lec.bands[2], lte: 150 };
    expect(paths(gap)).toContain('lec.bands.2.lte');
    const closed = clone();
    closed.lec.bands[0] = { ...closed.lec.bands[0], lte: 1000 };
    expect(paths(closed)).toContain('lec.bands.0.lte');
    const floor = clone();
    floor.lec.bands[4] = { ...floor.lec.bands[4], gt: 0 };
    expect(paths(floor)).toContain('lec.bands.4.gt');
    const dup = clone();
    dup.lec.l.push({ value: 10, label: '重复' });
    expect(paths(dup)).toContain('lec.l.7.value');
  });

  it('重大隐患 thresholds: at least 1 death, a positive loss', () => {
    const d = clone();
    d.hazardGrade.major = { minDeaths: 0, minDirectLossYuan: 0 };
    expect(paths(d)).toEqual(['hazardGrade.major.minDeaths', 'hazardGrade.major.minDirectLossYuan']);
  });

  it('accident levels: the four levels in order, thresholds strictly falling, the lowest 0', () => {
    const d = clone();
    d.accidentLevels.levels[1].minDeaths = 3;
    expect(paths(d)).toContain('accidentLevels.levels.1.minDeaths');
    const e = clone();
    e.accidentLevels.levels.reverse();
    expect(paths(e)).toContain('accidentLevels.levels');
    const f = clone();
    f.accidentLevels.levels[3].minDeaths = 1;
    expect(paths(f)).toContain('accidentLevels.levels.3.minDeaths');
  });

  it('weather levels and four colours use each colour once', () => {
    const d = clone();
    d.weatherLevels.levels[0].color = 'orange';
    expect(paths(d)).toEqual(expect.arrayContaining(['weatherLevels.levels.1.color', 'weatherLevels.levels']));
    const e = clone();
    e.fourColours.levels.pop();
    expect(paths(e)).toContain('fourColours.levels');
  });
});

describe('validateStandards: the periodic, training and reporting sections', () => {
  it('special equipment: every type once, whole months, pressure vessels by grade only, grades 1–5 in order', () => {
    const d = clone();
    d.specialEquipment.intervals[0].intervalMonths = 0;
    d.specialEquipment.intervals[1].intervalMonths = null;
    d.specialEquipment.intervals[9].intervalMonths = 36; // pressure_vessel
    d.specialEquipment.intervals.pop(); // forklift
    d.specialEquipment.pressureVesselGrades.reverse();
    expect(paths(d)).toEqual([
      'specialEquipment.intervals',
      'specialEquipment.intervals.0.intervalMonths',
      'specialEquipment.intervals.1.intervalMonths',
      'specialEquipment.intervals.9.intervalMonths',
      'specialEquipment.pressureVesselGrades',
    ]);
  });

  it('hazard types: snake_case codes, unique codes and labels, the fallback present, no empty keyword', () => {
    const d = clone();
    d.hazardTypes.types[0].type = 'Special Equipment';
    d.hazardTypes.types[1].label = '消防';
    const blank = d.hazardTypes.types[2].keywords.push(' ') - 1;
    d.hazardTypes.types = d.hazardTypes.types.filter((t) => t.type !== 'other');
    expect(paths(d)).toEqual(['hazardTypes.types.0.type', `hazardTypes.types.2.keywords.${blank}`, 'hazardTypes.types.2.label', 'hazardTypes.types']);
  });

  it('area checks: each colour once with a known frequency, a run of 2–10, 1–24 clean months', () => {
    const d = clone();
    d.areaChecks.levels[3] = { ...d.areaChecks.levels[3], color: 'red', frequency: 'hourly' as 'daily' };
    d.areaChecks.sameTypeInARow = 1;
    d.areaChecks.cleanMonths = 0;
    expect(paths(d)).toEqual(['areaChecks.levels.3.color', 'areaChecks.levels', 'areaChecks.levels.3.frequency', 'areaChecks.sameTypeInARow', 'areaChecks.cleanMonths']);
  });

  it('training hours: every role × sector × stage once; positive hours or null', () => {
    const d = clone();
    d.trainingHours.rules[0].minHours = 0;
    d.trainingHours.rules[1] = { ...d.trainingHours.rules[0] };
    expect(paths(d)).toEqual(['trainingHours.rules.1.role', 'trainingHours.rules', 'trainingHours.rules.0.minHours', 'trainingHours.rules.1.minHours']);
  });

  it('certificates: every category once, reviews within the validity, exempted reviews not more often', () => {
    const d = clone();
    d.certificates.validity.pop();
    d.certificates.reviewEveryYears = 7;
    d.certificates.reviewWindowDays = 0;
    expect(paths(d)).toEqual(['certificates.validity', 'certificates.exemptedReviewEveryYears', 'certificates.reviewEveryYears', 'certificates.reviewWindowDays']);
  });

  it('accident reporting: the regulators in order, positive hours, a higher level never reaching a lower regulator', () => {
    const d = clone();
    d.accidentReporting.authorities.reverse();
    d.accidentReporting.perLevelHours = 0;
    d.accidentReporting.reachesUpTo.major = 'city';
    d.accidentReporting.supplementDays.fire = 0;
    expect(paths(d)).toEqual([
      'accidentReporting.authorities',
      'accidentReporting.perLevelHours',
      'accidentReporting.reachesUpTo.larger',
      'accidentReporting.supplementDays.fire',
    ]);
  });
});

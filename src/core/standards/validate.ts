/**
 * Whether a standards document can be used: every section complete, bands covering their whole
 * range with no gaps or overlaps, thresholds in order. The shape itself (types of fields) is
 * checked where the document enters (the server's route schema); this checks the meaning.
 */
import {
  ACCIDENT_LEVELS,
  COLORS,
  HAZARD_GRADES,
  RISK_LEVELS,
  WEATHER_LEVELS,
  type FieldIssue,
  type ScaleValue,
  type StandardsDocument,
} from './types.js';

/** The LS matrix axes are 1–5 (a 5×5 matrix); R therefore lies in 1–25. */
export const LS_AXIS_MIN = 1;
export const LS_AXIS_MAX = 5;

export function validateStandards(doc: StandardsDocument): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });

  // four colours first: LEC and LS refer to its levels
  const fc = doc.fourColours;
  exactlyOnce(fc.levels.map((x) => x.level), RISK_LEVELS, 'fourColours.levels', add);
  exactlyOnce(fc.levels.map((x) => x.color), COLORS, 'fourColours.levels', add, 'colour');
  labels(fc.levels, 'fourColours.levels', add);
  const riskLevels = new Set(fc.levels.map((x) => x.level));

  // hazard grade
  const hg = doc.hazardGrade;
  exactlyOnce(hg.levels.map((x) => x.level), HAZARD_GRADES, 'hazardGrade.levels', add);
  labels(hg.levels, 'hazardGrade.levels', add);
  if (!Number.isSafeInteger(hg.major.minDeaths) || hg.major.minDeaths < 1) add('hazardGrade.major.minDeaths', 'must be a whole number, 1 or more');
  if (!(hg.major.minDirectLossYuan > 0) || !Number.isFinite(hg.major.minDirectLossYuan)) add('hazardGrade.major.minDirectLossYuan', 'must be more than 0');

  // LEC
  scale(doc.lec.l, 'lec.l', add);
  scale(doc.lec.e, 'lec.e', add);
  scale(doc.lec.c, 'lec.c', add);
  const lb = doc.lec.bands;
  if (!lb.length) add('lec.bands', 'at least one band is needed');
  unique(lb.map((b) => b.level), 'lec.bands', 'level', add);
  labels(lb, 'lec.bands', add);
  lb.forEach((b, i) => {
    if (!riskLevels.has(b.riskLevel)) add(`lec.bands.${i}.riskLevel`, `no four-colour level ${b.riskLevel}`);
    if (b.gt !== null && b.lte !== null && !(b.gt < b.lte)) add(`lec.bands.${i}.lte`, 'must be greater than gt');
    if (i === 0 && b.lte !== null) add(`lec.bands.0.lte`, 'the highest band must be open upwards (lte: null)');
    if (i === lb.length - 1 && b.gt !== null) add(`lec.bands.${i}.gt`, 'the lowest band must be open downwards (gt: null)');
    if (i > 0 && i < lb.length && b.lte !== lb[i - 1].gt) {
      add(`lec.bands.${i}.lte`, `must equal the gt of the band above (${lb[i - 1].gt}): bands may not leave gaps or overlap`);
    }
    if (i > 0 && i < lb.length - 1 && b.gt === null) add(`lec.bands.${i}.gt`, 'only the lowest band may be open downwards');
  });

  // LS
  for (const axis of ['l', 's'] as const) {
    const values = doc.ls[axis];
    scale(values, `ls.${axis}`, add);
    values.forEach((v, i) => {
      if (!Number.isInteger(v.value) || v.value < LS_AXIS_MIN || v.value > LS_AXIS_MAX) {
        add(`ls.${axis}.${i}.value`, `must be a whole number from ${LS_AXIS_MIN} to ${LS_AXIS_MAX}`);
      }
    });
  }
  const bands = doc.ls.bands;
  if (!bands.length) add('ls.bands', 'at least one band is needed');
  unique(bands.map((b) => b.level), 'ls.bands', 'level', add);
  const rMax = LS_AXIS_MAX * LS_AXIS_MAX;
  bands.forEach((b, i) => {
    if (!riskLevels.has(b.level)) add(`ls.bands.${i}.level`, `no four-colour level ${b.level}`);
    if (!Number.isInteger(b.min) || b.min < 1 || b.min > rMax) add(`ls.bands.${i}.min`, `must be a whole number from 1 to ${rMax}`);
    if (!Number.isInteger(b.max) || b.max < 1 || b.max > rMax) add(`ls.bands.${i}.max`, `must be a whole number from 1 to ${rMax}`);
    else if (b.max < b.min) add(`ls.bands.${i}.max`, 'must not be less than min');
    bands.forEach((o, j) => {
      if (j > i && b.min <= o.max && o.min <= b.max) add(`ls.bands.${j}`, `overlaps band ${i} (${b.min}–${b.max})`);
    });
  });
  // every R the matrix can produce must fall in exactly one band
  const uncovered = lsProducts(doc).filter((r) => !bands.some((b) => r >= b.min && r <= b.max));
  if (uncovered.length) add('ls.bands', `R = ${uncovered.join(', ')} is in no band: bands may not leave gaps`);

  // accident levels
  const al = doc.accidentLevels.levels;
  ordered(al.map((x) => x.level), ACCIDENT_LEVELS, 'accidentLevels.levels', add);
  labels(al, 'accidentLevels.levels', add);
  for (const key of ['minDeaths', 'minSeriousInjuries', 'minDirectLossYuan'] as const) {
    al.forEach((x, i) => {
      const v = x[key];
      const whole = key !== 'minDirectLossYuan';
      if (!Number.isFinite(v) || v < 0 || (whole && !Number.isSafeInteger(v))) {
        add(`accidentLevels.levels.${i}.${key}`, whole ? 'must be a whole number, 0 or more' : 'must be 0 or more');
      } else if (i === al.length - 1 && v !== 0) {
        add(`accidentLevels.levels.${i}.${key}`, 'the lowest level covers everything below the next one: must be 0');
      } else if (i < al.length - 1 && !(v > al[i + 1][key])) {
        add(`accidentLevels.levels.${i}.${key}`, `must be greater than the level below (${al[i + 1][key]})`);
      }
    });
  }

  // weather
  const wl = doc.weatherLevels.levels;
  ordered(wl.map((x) => x.level), WEATHER_LEVELS, 'weatherLevels.levels', add);
  exactlyOnce(wl.map((x) => x.color), COLORS, 'weatherLevels.levels', add, 'colour');
  labels(wl, 'weatherLevels.levels', add);

  return issues;
}

/** Every R = L × S the document's axes can produce, ascending. */
export function lsProducts(doc: Pick<StandardsDocument, 'ls'>): number[] {
  const set = new Set<number>();
  for (const l of doc.ls.l) for (const s of doc.ls.s) set.add(l.value * s.value);
  return [...set].sort((a, b) => a - b);
}

type Add = (path: string, message: string) => void;

function scale(values: ScaleValue[], path: string, add: Add) {
  if (!values.length) add(path, 'at least one value is needed');
  values.forEach((v, i) => {
    if (!Number.isFinite(v.value) || v.value <= 0) add(`${path}.${i}.value`, 'must be more than 0');
    if (!v.label?.trim()) add(`${path}.${i}.label`, 'required');
  });
  unique(values.map((v) => v.value), path, 'value', add);
}

function labels(items: { label: string }[], path: string, add: Add) {
  items.forEach((x, i) => {
    if (!x.label?.trim()) add(`${path}.${i}.label`, 'required');
  });
}

function unique<T>(values: T[], path: string, what: string, add: Add) {
  values.forEach((v, i) => {
    if (values.indexOf(v) !== i) add(`${path}.${i}.${what}`, `${String(v)} appears more than once`);
  });
}

function exactlyOnce(values: string[], expected: readonly string[], path: string, add: Add, what = 'level') {
  const key = what === 'colour' ? 'color' : 'level';
  values.forEach((v, i) => {
    if (!expected.includes(v)) add(`${path}.${i}.${key}`, `must be one of ${expected.join(', ')}`);
    else if (values.indexOf(v) !== i) add(`${path}.${i}.${key}`, `${v} appears more than once`);
  });
  const missing = expected.filter((e) => !values.includes(e));
  if (missing.length) add(path, `missing ${what} ${missing.join(', ')}`);
}

function ordered(values: string[], expected: readonly string[], path: string, add: Add) {
  if (values.length !== expected.length || values.some((v, i) => v !== expected[i])) {
    add(path, `levels must be ${expected.join(', ')}, in this order`);
  }
}

/**
 * Whether a standards document can be used: every section complete, bands covering their whole
 * range with no gaps or overlaps, thresholds in order. The shape itself (types of fields) is
 * checked where the document enters (the server's route schema); this checks the meaning.
 */
import {
  ACCIDENT_LEVELS,
  ACCIDENT_REPORT_TYPES,
  AUTHORITIES,
  CERTIFICATE_CATEGORIES,
  CHECK_FREQUENCIES,
  COLORS,
  FALLBACK_HAZARD_TYPE,
  HAZARD_GRADES,
  PRESSURE_VESSEL_GRADES,
  RISK_LEVELS,
  SPECIAL_EQUIPMENT_TYPES,
  TRAINING_ROLES,
  TRAINING_STAGES,
  WEATHER_LEVELS,
  type FieldIssue,
  type ScaleValue,
  type StandardsDocument,
} from './types.js';

/** Longest interval any rule may set (20 years), in months. */
const MAX_INTERVAL_MONTHS = 240;
/** Hazard-type codes: snake_case, stored on hazards. */
export const HAZARD_TYPE_CODE = /^[a-z][a-z0-9_]{0,39}$/;

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

  validateSpecialEquipment(doc, add);
  validateHazardTypes(doc, add);
  validateAreaChecks(doc, add);
  validateTraining(doc, add);
  validateCertificates(doc, add);
  validateAccidentReporting(doc, add);
  return issues;
}

function validateSpecialEquipment(doc: StandardsDocument, add: Add) {
  const s = doc.specialEquipment;
  wholeIn(s.applyMonthsBefore, 0, 12, 'specialEquipment.applyMonthsBefore', add);
  wholeIn(s.remindDaysBefore, 0, 365, 'specialEquipment.remindDaysBefore', add);
  exactlyOnce(s.intervals.map((x) => x.type), SPECIAL_EQUIPMENT_TYPES, 'specialEquipment.intervals', add, 'type');
  labels(s.intervals, 'specialEquipment.intervals', add);
  s.intervals.forEach((x, i) => {
    const path = `specialEquipment.intervals.${i}.intervalMonths`;
    if (x.type === 'pressure_vessel') {
      if (x.intervalMonths !== null) add(path, 'pressure vessels are inspected by safety grade: must be null');
    } else if (x.intervalMonths === null) add(path, 'required (only pressure vessels go by safety grade)');
    else wholeIn(x.intervalMonths, 1, MAX_INTERVAL_MONTHS, path, add);
    if (!x.basis?.trim()) add(`specialEquipment.intervals.${i}.basis`, 'required');
  });
  const grades = s.pressureVesselGrades;
  if (grades.length !== PRESSURE_VESSEL_GRADES.length || grades.some((g, i) => g.grade !== PRESSURE_VESSEL_GRADES[i])) {
    add('specialEquipment.pressureVesselGrades', `grades must be ${PRESSURE_VESSEL_GRADES.join(', ')}, in this order`);
  }
  grades.forEach((g, i) => {
    if (g.intervalMonths !== null) wholeIn(g.intervalMonths, 1, MAX_INTERVAL_MONTHS, `specialEquipment.pressureVesselGrades.${i}.intervalMonths`, add);
    if (!g.note?.trim()) add(`specialEquipment.pressureVesselGrades.${i}.note`, 'required');
  });
}

function validateHazardTypes(doc: StandardsDocument, add: Add) {
  const types = doc.hazardTypes.types;
  types.forEach((t, i) => {
    if (!HAZARD_TYPE_CODE.test(t.type)) add(`hazardTypes.types.${i}.type`, 'must be snake_case: a–z, 0–9 and _, starting with a letter');
    t.keywords.forEach((k, j) => {
      if (!k.trim()) add(`hazardTypes.types.${i}.keywords.${j}`, 'must not be empty');
    });
  });
  unique(types.map((t) => t.type), 'hazardTypes.types', 'type', add);
  unique(types.map((t) => t.label.trim()), 'hazardTypes.types', 'label', add);
  labels(types, 'hazardTypes.types', add);
  if (!types.some((t) => t.type === FALLBACK_HAZARD_TYPE)) add('hazardTypes.types', `the fallback type ${FALLBACK_HAZARD_TYPE} is needed`);
}

function validateAreaChecks(doc: StandardsDocument, add: Add) {
  const s = doc.areaChecks;
  exactlyOnce(s.levels.map((x) => x.color), COLORS, 'areaChecks.levels', add, 'colour');
  labels(s.levels, 'areaChecks.levels', add);
  s.levels.forEach((x, i) => {
    if (!(CHECK_FREQUENCIES as readonly string[]).includes(x.frequency)) add(`areaChecks.levels.${i}.frequency`, `must be one of ${CHECK_FREQUENCIES.join(', ')}`);
  });
  wholeIn(s.sameTypeInARow, 2, 10, 'areaChecks.sameTypeInARow', add);
  wholeIn(s.cleanMonths, 1, 24, 'areaChecks.cleanMonths', add);
}

function validateTraining(doc: StandardsDocument, add: Add) {
  const rules = doc.trainingHours.rules;
  const key = (r: { role: string; highRisk: boolean; stage: string }) => `${r.role}/${r.highRisk ? 'high-risk' : 'other'}/${r.stage}`;
  const keys = rules.map(key);
  unique(keys, 'trainingHours.rules', 'role', add);
  const missing = TRAINING_ROLES.flatMap((role) => [false, true].flatMap((highRisk) => TRAINING_STAGES.map((stage) => key({ role, highRisk, stage })))).filter(
    (k) => !keys.includes(k),
  );
  if (missing.length) add('trainingHours.rules', `missing ${missing.join(', ')}`);
  rules.forEach((r, i) => {
    if (r.minHours !== null && (!Number.isFinite(r.minHours) || r.minHours <= 0 || r.minHours > 1000)) add(`trainingHours.rules.${i}.minHours`, 'must be more than 0 and at most 1000, or null');
    if (!r.basis?.trim()) add(`trainingHours.rules.${i}.basis`, 'required');
  });
}

function validateCertificates(doc: StandardsDocument, add: Add) {
  const s = doc.certificates;
  exactlyOnce(s.validity.map((v) => v.category), CERTIFICATE_CATEGORIES, 'certificates.validity', add, 'category');
  s.validity.forEach((v, i) => {
    wholeIn(v.years, 1, 20, `certificates.validity.${i}.years`, add);
    if (!v.basis?.trim()) add(`certificates.validity.${i}.basis`, 'required');
  });
  const years = s.validity.find((v) => v.category === 'special_operation')?.years;
  wholeIn(s.reviewEveryYears, 1, 20, 'certificates.reviewEveryYears', add);
  wholeIn(s.exemptedReviewEveryYears, 1, 20, 'certificates.exemptedReviewEveryYears', add);
  if (s.exemptedReviewEveryYears < s.reviewEveryYears) add('certificates.exemptedReviewEveryYears', 'must not be less than reviewEveryYears');
  if (years !== undefined && s.reviewEveryYears > years) add('certificates.reviewEveryYears', `must not exceed the validity (${years} years)`);
  wholeIn(s.reviewWindowDays, 1, 365, 'certificates.reviewWindowDays', add);
  wholeIn(s.expiringSoonDays, 0, 365, 'certificates.expiringSoonDays', add);
}

function validateAccidentReporting(doc: StandardsDocument, add: Add) {
  const s = doc.accidentReporting;
  ordered(s.authorities.map((a) => a.authority), AUTHORITIES, 'accidentReporting.authorities', add, 'authorities');
  labels(s.authorities, 'accidentReporting.authorities', add);
  for (const key of ['firstReportHours', 'perLevelHours'] as const) {
    if (!Number.isFinite(s[key]) || s[key] <= 0 || s[key] > 72) add(`accidentReporting.${key}`, 'must be more than 0 and at most 72 hours');
  }
  // a higher accident level never reaches a lower regulator than the level below it
  const reach = (level: (typeof ACCIDENT_LEVELS)[number]) => AUTHORITIES.indexOf(s.reachesUpTo[level]);
  ACCIDENT_LEVELS.forEach((level, i) => {
    if (reach(level) < 0) add(`accidentReporting.reachesUpTo.${level}`, `must be one of ${AUTHORITIES.join(', ')}`);
    else if (i > 0 && reach(ACCIDENT_LEVELS[i - 1]) >= 0 && reach(level) > reach(ACCIDENT_LEVELS[i - 1])) {
      add(`accidentReporting.reachesUpTo.${level}`, `may not reach higher than the level above (${ACCIDENT_LEVELS[i - 1]})`);
    }
  });
  for (const type of ACCIDENT_REPORT_TYPES) wholeIn(s.supplementDays[type], 1, 365, `accidentReporting.supplementDays.${type}`, add);
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

function wholeIn(v: number, min: number, max: number, path: string, add: Add) {
  if (!Number.isSafeInteger(v) || v < min || v > max) add(path, `must be a whole number from ${min} to ${max}`);
}

function exactlyOnce(values: string[], expected: readonly string[], path: string, add: Add, what = 'level') {
  const key = what === 'colour' ? 'color' : what;
  values.forEach((v, i) => {
    if (!expected.includes(v)) add(`${path}.${i}.${key}`, `must be one of ${expected.join(', ')}`);
    else if (values.indexOf(v) !== i) add(`${path}.${i}.${key}`, `${v} appears more than once`);
  });
  const missing = expected.filter((e) => !values.includes(e));
  if (missing.length) add(path, `missing ${what} ${missing.join(', ')}`);
}

function ordered(values: string[], expected: readonly string[], path: string, add: Add, what = 'levels') {
  if (values.length !== expected.length || values.some((v, i) => v !== expected[i])) {
    add(path, `${what} must be ${expected.join(', ')}, in this order`);
  }
}

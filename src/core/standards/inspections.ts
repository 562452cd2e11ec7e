/**
 * When is a piece of special equipment due for its periodic inspection, and how often is an area
 * checked? Pure rules over the standards document; the readers turn an input object into typed
 * values or field issues (paths relative to the input).
 */
import { addMonths, compareDates, formatDate, monthIndex, type CalendarDate } from './dates.js';
import { date, isObject, oneOf, unknownFields, type Input } from './inputs.js';
import {
  PRESSURE_VESSEL_GRADES,
  SPECIAL_EQUIPMENT_TYPES,
  type FieldIssue,
  type InspectionFrequency,
  type PressureVesselGrade,
  type SpecialEquipmentInspection,
  type SpecialEquipmentType,
  type StandardsDocument,
} from './types.js';

// ---- special-equipment-inspection ----

export interface SpecialEquipmentQuery {
  equipmentType: SpecialEquipmentType;
  lastInspection: CalendarDate;
  safetyGrade?: PressureVesselGrade;
}

export function readSpecialEquipmentQuery(obj: Input, doc: StandardsDocument, issues: FieldIssue[]): SpecialEquipmentQuery | null {
  const before = issues.length;
  const equipmentType = oneOf(obj, 'equipmentType', SPECIAL_EQUIPMENT_TYPES, issues);
  const lastInspection = date(obj, 'lastInspection', issues);
  let safetyGrade: PressureVesselGrade | undefined;
  const grade = obj.safetyGrade;
  const interval = equipmentType && doc.specialEquipment.intervals.find((x) => x.type === equipmentType);
  if (interval && interval.intervalMonths === null) {
    // decided by the safety grade (pressure vessels): required, and it must have an interval
    if (grade === undefined || grade === null) issues.push({ path: 'safetyGrade', message: `required for ${equipmentType}`, code: 'required' });
    else if (typeof grade !== 'number' || !(PRESSURE_VESSEL_GRADES as readonly number[]).includes(grade)) {
      issues.push({ path: 'safetyGrade', message: `must be one of ${PRESSURE_VESSEL_GRADES.join(', ')}`, code: 'invalid_value' });
    } else {
      const rule = doc.specialEquipment.pressureVesselGrades.find((g) => g.grade === grade);
      if (!rule || rule.intervalMonths === null) {
        issues.push({ path: 'safetyGrade', message: `grade ${grade} has no periodic interval: ${rule?.note ?? 'not in the standards'}`, code: 'no_interval' });
      } else safetyGrade = grade as PressureVesselGrade;
    }
  } else if (interval && grade !== undefined && grade !== null) {
    issues.push({ path: 'safetyGrade', message: `only for equipment inspected by safety grade (${gradedTypes(doc).join(', ')})`, code: 'not_applicable' });
  }
  if (issues.length > before || !equipmentType || !lastInspection) return null;
  return { equipmentType, lastInspection, safetyGrade };
}

function gradedTypes(doc: StandardsDocument) {
  return doc.specialEquipment.intervals.filter((x) => x.intervalMonths === null).map((x) => x.type);
}

/**
 * nextDue = the last inspection + the interval in calendar months; applyBy = nextDue − one
 * calendar month, the last day to request the inspection (特种设备安全法 Art. 40). Both clamp to
 * the end of a shorter month. Null when the document has no interval for the query.
 */
export function specialEquipmentInspection(doc: StandardsDocument, q: SpecialEquipmentQuery): SpecialEquipmentInspection | null {
  const s = doc.specialEquipment;
  const interval = s.intervals.find((x) => x.type === q.equipmentType);
  if (!interval) return null;
  const graded = interval.intervalMonths === null ? s.pressureVesselGrades.find((g) => g.grade === q.safetyGrade) : undefined;
  const months = interval.intervalMonths ?? graded?.intervalMonths ?? null;
  if (months === null) return null;
  const nextDue = addMonths(q.lastInspection, months);
  const applyBy = addMonths(nextDue, -s.applyMonthsBefore);
  return {
    nextDue: formatDate(nextDue),
    applyBy: formatDate(applyBy),
    intervalMonths: months,
    basis: [s.basis, interval.basis, graded?.note].filter(Boolean).join('；'),
  };
}

// ---- inspection-frequency ----

/** At most this many hazards in one question (one area's history). */
export const MAX_FREQUENCY_HAZARDS = 1000;

export interface AreaHazard {
  reportedOn: CalendarDate;
  type: string;
}

export function readFrequencyQuery(obj: Input, doc: StandardsDocument, issues: FieldIssue[]): { asOf: CalendarDate; hazards: AreaHazard[] } | null {
  const before = issues.length;
  const asOf = date(obj, 'asOf', issues);
  const list = obj.hazards;
  const hazards: AreaHazard[] = [];
  const types = doc.hazardTypes.types.map((t) => t.type);
  if (list === undefined || list === null) issues.push({ path: 'hazards', message: 'required (an empty list when the area has none)', code: 'required' });
  else if (!Array.isArray(list)) issues.push({ path: 'hazards', message: 'must be a list of { reportedOn, type }', code: 'invalid_type' });
  else if (list.length > MAX_FREQUENCY_HAZARDS) issues.push({ path: 'hazards', message: `at most ${MAX_FREQUENCY_HAZARDS} hazards`, code: 'too_big' });
  else {
    list.forEach((h, i) => {
      const path = `hazards.${i}`;
      if (!isObject(h)) {
        issues.push({ path, message: 'must be an object { reportedOn, type }', code: 'invalid_type' });
        return;
      }
      unknownFields(h, ['reportedOn', 'type'], issues, `${path}.`);
      const reportedOn = date(h, 'reportedOn', issues, `${path}.reportedOn`);
      const type = oneOf(h, 'type', types, issues, `${path}.type`);
      if (reportedOn && type) hazards.push({ reportedOn, type });
    });
  }
  if (issues.length > before || !asOf) return null;
  return { asOf, hazards };
}

const CN_COUNT = ['零', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十'];
const cnCount = (n: number) => CN_COUNT[n] ?? String(n);

/**
 * The area's check rhythm as of a day. Only hazards on or before `asOf` count; of two on the
 * same day the later in the list is the more recent. Biweekly, with that type's special items,
 * when the `sameTypeInARow` most recent hazards share a type, fewer than `cleanMonths` full
 * calendar months without a hazard lie between any two of them, and fewer than `cleanMonths`
 * lie between the most recent and `asOf` (a hazard on 10 January leaves February, March and
 * April clean: monthly again from 1 May). Otherwise monthly with no special items.
 */
export function inspectionFrequency(doc: StandardsDocument, asOf: CalendarDate, hazards: readonly AreaHazard[]): InspectionFrequency {
  const s = doc.areaChecks;
  const n = s.sameTypeInARow;
  const label = (type: string) => doc.hazardTypes.types.find((t) => t.type === type)?.label ?? type;
  const monthly = (reason: string): InspectionFrequency => ({ frequency: 'monthly', specialItems: [], reason, basis: s.basis });
  // a stable sort keeps list order among hazards of the same day
  const counted = hazards.filter((h) => compareDates(h.reportedOn, asOf) <= 0).sort((a, b) => compareDates(a.reportedOn, b.reportedOn));
  const recent = counted.slice(-n);
  const day = (h: AreaHazard) => formatDate(h.reportedOn);
  if (!counted.length) return monthly(`截至 ${formatDate(asOf)} 无隐患记录，按每月检查`);
  if (recent.length < n) return monthly(`截至 ${formatDate(asOf)} 仅 ${counted.length} 次隐患，未出现连续${cnCount(n)}次同类隐患，按每月检查`);
  const type = recent[0].type;
  if (recent.some((h) => h.type !== type)) {
    return monthly(`近${cnCount(n)}次隐患类型不同（${recent.map((h) => `${label(h.type)}类 ${day(h)}`).join('、')}），按每月检查`);
  }
  const same = `近${cnCount(n)}次隐患均为${label(type)}类（${recent.map(day).join('、')}）`;
  for (let i = 1; i < recent.length; i++) {
    const clean = monthIndex(recent[i].reportedOn) - monthIndex(recent[i - 1].reportedOn) - 1;
    if (clean >= s.cleanMonths) return monthly(`${same}，但其间已有 ${clean} 个完整自然月无隐患，按每月检查`);
  }
  const last = recent[recent.length - 1].reportedOn;
  const back = addMonths({ ...last, day: 1 }, s.cleanMonths + 1); // the first day of the month after the clean run
  const sinceClean = monthIndex(asOf) - monthIndex(last) - 1;
  if (sinceClean >= s.cleanMonths) {
    return monthly(`${same}，此后连续 ${s.cleanMonths} 个完整自然月无隐患，自 ${formatDate(back)} 起恢复每月检查`);
  }
  return {
    frequency: 'biweekly',
    specialItems: [type],
    reason: `${same}，每两周检查一次并增加${label(type)}类专项检查项；此后连续 ${s.cleanMonths} 个完整自然月无隐患即恢复每月（最早 ${formatDate(back)}）`,
    basis: s.basis,
  };
}

/**
 * The one evaluation code path: every kind of POST /standards/evaluate. The web calls it for a
 * live preview while a form is filled in; the server calls it to decide. Every number comes from
 * the standards document, none from here. The rules live beside it (levels.ts, inspections.ts,
 * hazard-types.ts, training.ts, accident-reporting.ts); this checks the input and dispatches.
 */
import { COLORS, EVALUATION_KINDS, type EvaluationKind, type EvaluationOutput, type EvaluationOutputs, type FieldIssue, type StandardsDocument } from './types.js';
import { amount, count, isObject, oneOf, oneOfNumbers, unknownFields, type Input } from './inputs.js';
import { accidentLevel, hazardGrade, lec, ls, weatherLevel } from './levels.js';
import { inspectionFrequency, readFrequencyQuery, readSpecialEquipmentQuery, specialEquipmentInspection } from './inspections.js';
import { readSuggestionText, suggestHazardType } from './hazard-types.js';
import { readCertificateQuery, readTrainingQuery, specialOperationCertificate, trainingHours } from './training.js';
import { accidentReporting, readAccidentReportQuery } from './accident-reporting.js';

export { lecBandOf, fourColour } from './levels.js';

/** Thrown by evaluate() when the input is not acceptable; `issues` name the fields. */
export class StandardsInputError extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ') || 'invalid input');
    this.name = 'StandardsInputError';
  }
}

export type EvaluationResult<T = EvaluationOutput> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

export function isEvaluationKind(kind: unknown): kind is EvaluationKind {
  return typeof kind === 'string' && (EVALUATION_KINDS as readonly string[]).includes(kind);
}

/**
 * Evaluate one input against a standards document. Throws StandardsInputError with field
 * issues (paths relative to the input: "l", "hazards.3.type" …; "kind" for an unknown kind).
 */
export function evaluate<K extends EvaluationKind>(kind: K, input: unknown, doc: StandardsDocument): EvaluationOutputs[K] {
  const r = tryEvaluate(kind, input, doc);
  if (!r.ok) throw new StandardsInputError(r.issues);
  return r.value;
}

/** Like evaluate(), but returns the issues instead of throwing (live previews). */
export function tryEvaluate<K extends EvaluationKind>(kind: K, input: unknown, doc: StandardsDocument): EvaluationResult<EvaluationOutputs[K]>;
export function tryEvaluate(kind: unknown, input: unknown, doc: StandardsDocument): EvaluationResult;
export function tryEvaluate(kind: unknown, input: unknown, doc: StandardsDocument): EvaluationResult {
  if (!isEvaluationKind(kind)) return { ok: false, issues: [{ path: 'kind', message: `must be one of ${EVALUATION_KINDS.join(', ')}` }] };
  if (!isObject(input)) return { ok: false, issues: [{ path: '', message: 'must be an object' }] };
  const issues: FieldIssue[] = [];
  unknownFields(input, FIELDS[kind], issues);
  const value = RULES[kind](input, doc, issues);
  if (issues.length || !value) return { ok: false, issues: issues.length ? issues : [{ path: '', message: 'the standards document has no rule for this input' }] };
  return { ok: true, value };
}

/** The fields each kind takes. */
export const FIELDS: Record<EvaluationKind, readonly string[]> = {
  lec: ['l', 'e', 'c'],
  ls: ['l', 's'],
  'hazard-grade': ['potentialDeaths', 'directLossYuan'],
  'accident-level': ['deaths', 'seriousInjuries', 'directLossYuan'],
  'weather-level': ['color'],
  'special-equipment-inspection': ['equipmentType', 'lastInspection', 'safetyGrade'],
  'inspection-frequency': ['asOf', 'hazards'],
  'hazard-type': ['text'],
  'training-hours': ['role', 'highRisk', 'stage'],
  'special-operation-certificate': ['issuedOn', 'lastReviewedOn', 'exempted'],
  'accident-reporting': ['occurredAt', 'headInformedAt', 'deaths', 'seriousInjuries', 'directLossYuan', 'accidentType'],
};

/** Each kind: read the input (pushing field issues), then apply its rule; null when it cannot. */
const RULES: { [K in EvaluationKind]: (obj: Input, doc: StandardsDocument, issues: FieldIssue[]) => EvaluationOutputs[K] | null } = {
  lec(obj, doc, issues) {
    const l = oneOfNumbers(obj, 'l', doc.lec.l, issues);
    const e = oneOfNumbers(obj, 'e', doc.lec.e, issues);
    const c = oneOfNumbers(obj, 'c', doc.lec.c, issues);
    return issues.length ? null : lec(doc, l!, e!, c!);
  },
  ls(obj, doc, issues) {
    const l = oneOfNumbers(obj, 'l', doc.ls.l, issues);
    const s = oneOfNumbers(obj, 's', doc.ls.s, issues);
    return issues.length ? null : ls(doc, l!, s!);
  },
  'hazard-grade'(obj, doc, issues) {
    const deaths = count(obj, 'potentialDeaths', issues);
    const loss = amount(obj, 'directLossYuan', issues);
    return issues.length ? null : hazardGrade(doc, deaths!, loss!);
  },
  'accident-level'(obj, doc, issues) {
    const deaths = count(obj, 'deaths', issues);
    const injuries = count(obj, 'seriousInjuries', issues);
    const loss = amount(obj, 'directLossYuan', issues);
    return issues.length ? null : accidentLevel(doc, deaths!, injuries!, loss!);
  },
  'weather-level'(obj, doc, issues) {
    const color = oneOf(obj, 'color', COLORS, issues);
    return issues.length ? null : weatherLevel(doc, color!);
  },
  'special-equipment-inspection'(obj, doc, issues) {
    const q = readSpecialEquipmentQuery(obj, doc, issues);
    return q && !issues.length ? specialEquipmentInspection(doc, q) : null;
  },
  'inspection-frequency'(obj, doc, issues) {
    const q = readFrequencyQuery(obj, doc, issues);
    return q && !issues.length ? inspectionFrequency(doc, q.asOf, q.hazards) : null;
  },
  'hazard-type'(obj, doc, issues) {
    const text = readSuggestionText(obj, issues);
    return text !== null && !issues.length ? suggestHazardType(doc.hazardTypes, text) : null;
  },
  'training-hours'(obj, doc, issues) {
    const q = readTrainingQuery(obj, issues);
    return q && !issues.length ? trainingHours(doc, q.role, q.highRisk, q.stage) : null;
  },
  'special-operation-certificate'(obj, doc, issues) {
    const q = readCertificateQuery(obj, doc, issues);
    return q && !issues.length ? specialOperationCertificate(doc, q) : null;
  },
  'accident-reporting'(obj, doc, issues) {
    const q = readAccidentReportQuery(obj, issues);
    return q && !issues.length ? accidentReporting(doc, q) : null;
  },
};

/** The unified standards library (C2): document types, national defaults, evaluation, validation, mappings. */
export * from './types.js';
export { DEFAULT_STANDARDS, BASIS } from './defaults.js';
export { completeStandards, STANDARDS_SECTIONS, type CompletedStandards } from './complete.js';
export {
  evaluate,
  tryEvaluate,
  isEvaluationKind,
  lecBandOf,
  fourColour,
  StandardsInputError,
  FIELDS as EVALUATION_FIELDS,
  type EvaluationResult,
} from './evaluate.js';
export { inspectionFrequency, specialEquipmentInspection, MAX_FREQUENCY_HAZARDS, type AreaHazard, type SpecialEquipmentQuery } from './inspections.js';
export { suggestHazardType, MAX_SUGGESTION_TEXT } from './hazard-types.js';
export { trainingHours, specialOperationCertificate, validityYears, certificateExpiry, type CertificateQuery } from './training.js';
export { accidentReporting, type AccidentReportQuery } from './accident-reporting.js';
export { parseDate, formatDate, addMonths, addYears, addDays, compareDates, monthIndex, parseInstant, type CalendarDate } from './dates.js';
export { validateStandards, lsProducts, LS_AXIS_MIN, LS_AXIS_MAX } from './validate.js';
export * from './mapping.js';

/**
 * Training hours (原国家安全监管总局令第3号 Arts. 9 and 13) and the dates of a special-operation
 * certificate (原国家安全监管总局令第30号 Arts. 19, 21, 22). Pure rules over the standards document.
 */
import { addDays, addYears, compareDates, formatDate, type CalendarDate } from './dates.js';
import { bool, date, oneOf, optionalDate, type Input } from './inputs.js';
import {
  TRAINING_ROLES,
  TRAINING_STAGES,
  type CertificateCategory,
  type CertificatesSection,
  type FieldIssue,
  type SpecialOperationCertificate,
  type StandardsDocument,
  type TrainingHours,
  type TrainingRole,
  type TrainingStage,
} from './types.js';

// ---- training-hours ----

export function readTrainingQuery(obj: Input, issues: FieldIssue[]): { role: TrainingRole; highRisk: boolean; stage: TrainingStage } | null {
  const role = oneOf(obj, 'role', TRAINING_ROLES, issues);
  const highRisk = bool(obj, 'highRisk', issues);
  const stage = oneOf(obj, 'stage', TRAINING_STAGES, issues);
  return role && highRisk !== undefined && stage ? { role, highRisk, stage } : null;
}

/** The minimum hours for a role, sector and stage; null hours where the articles set none (the basis says so). */
export function trainingHours(doc: StandardsDocument, role: TrainingRole, highRisk: boolean, stage: TrainingStage): TrainingHours | null {
  const rule = doc.trainingHours.rules.find((r) => r.role === role && r.highRisk === highRisk && r.stage === stage);
  return rule ? { minHours: rule.minHours, basis: rule.basis } : null;
}

// ---- special-operation-certificate ----

/** Years a certificate of a category is valid (the qualifications module reads it here). */
export function validityYears(section: CertificatesSection, category: CertificateCategory): number | undefined {
  return section.validity.find((v) => v.category === category)?.years;
}

/** The day a certificate issued on `issuedOn` expires: the same calendar date years later (29 Feb → 28 Feb). */
export function certificateExpiry(section: CertificatesSection, category: CertificateCategory, issuedOn: CalendarDate): CalendarDate | undefined {
  const years = validityYears(section, category);
  return years === undefined ? undefined : addYears(issuedOn, years);
}

export interface CertificateQuery {
  issuedOn: CalendarDate;
  lastReviewedOn?: CalendarDate;
  exempted: boolean;
}

export function readCertificateQuery(obj: Input, doc: StandardsDocument, issues: FieldIssue[]): CertificateQuery | null {
  const before = issues.length;
  const issuedOn = date(obj, 'issuedOn', issues);
  const lastReviewedOn = optionalDate(obj, 'lastReviewedOn', issues);
  const exempted = bool(obj, 'exempted', issues, true) ?? false;
  if (issuedOn && lastReviewedOn) {
    const expires = certificateExpiry(doc.certificates, 'special_operation', issuedOn);
    if (compareDates(lastReviewedOn, issuedOn) < 0) issues.push({ path: 'lastReviewedOn', message: 'must not be before issuedOn', code: 'out_of_range' });
    else if (expires && compareDates(lastReviewedOn, expires) > 0) {
      issues.push({ path: 'lastReviewedOn', message: `must not be after the certificate expires (${formatDate(expires)})`, code: 'out_of_range' });
    }
  }
  if (issues.length > before || !issuedOn) return null;
  return { issuedOn, lastReviewedOn, exempted };
}

/**
 * expiresOn: issued + the validity (6 years); nextReviewOn: the last review (or the issue) + 3
 * years (6 when exempted), never later than expiresOn; reviewWindowStart: nextReviewOn − 60 days,
 * the first day the review may be applied for (both ends of the window included).
 */
export function specialOperationCertificate(doc: StandardsDocument, q: CertificateQuery): SpecialOperationCertificate | null {
  const s = doc.certificates;
  const expires = certificateExpiry(s, 'special_operation', q.issuedOn);
  if (!expires) return null;
  const every = q.exempted ? s.exemptedReviewEveryYears : s.reviewEveryYears;
  const due = addYears(q.lastReviewedOn ?? q.issuedOn, every);
  const next = compareDates(due, expires) > 0 ? expires : due;
  return {
    expiresOn: formatDate(expires),
    nextReviewOn: formatDate(next),
    reviewWindowStart: formatDate(addDays(next, -s.reviewWindowDays)),
    basis: s.basis,
  };
}

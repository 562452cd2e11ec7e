/**
 * The statutory reporting clocks of an accident (生产安全事故报告和调查处理条例, 国务院令第493号):
 * the county regulator within 1 hour of the unit head being informed (Art. 9), each level above it
 * that the accident level reaches 2 hours later (Arts. 10–11), supplements within 30 days, 7 for
 * road traffic and fire (Art. 13). Times are answered in UTC.
 */
import { amount, count, instant, oneOf, optionalInstant, type Input } from './inputs.js';
import { accidentLevelDef } from './levels.js';
import { ACCIDENT_REPORT_TYPES, AUTHORITIES, type AccidentReportType, type AccidentReporting, type FieldIssue, type StandardsDocument } from './types.js';

const HOUR = 3_600_000;

export interface AccidentReportQuery {
  occurredAt: number;
  headInformedAt?: number;
  deaths: number;
  seriousInjuries: number;
  directLossYuan: number;
  accidentType: AccidentReportType;
}

export function readAccidentReportQuery(obj: Input, issues: FieldIssue[]): AccidentReportQuery | null {
  const before = issues.length;
  const occurredAt = instant(obj, 'occurredAt', issues);
  const headInformedAt = optionalInstant(obj, 'headInformedAt', issues);
  const deaths = count(obj, 'deaths', issues);
  const seriousInjuries = count(obj, 'seriousInjuries', issues);
  const directLossYuan = amount(obj, 'directLossYuan', issues);
  const accidentType = oneOf(obj, 'accidentType', ACCIDENT_REPORT_TYPES, issues);
  if (occurredAt !== undefined && headInformedAt !== undefined && headInformedAt < occurredAt) {
    issues.push({ path: 'headInformedAt', message: 'must not be before occurredAt', code: 'out_of_range' });
  }
  if (issues.length > before || occurredAt === undefined || !accidentType) return null;
  return { occurredAt, headInformedAt, deaths: deaths!, seriousInjuries: seriousInjuries!, directLossYuan: directLossYuan!, accidentType };
}

export function accidentReporting(doc: StandardsDocument, q: AccidentReportQuery): AccidentReporting | null {
  const s = doc.accidentReporting;
  const level = accidentLevelDef(doc, q.deaths, q.seriousInjuries, q.directLossYuan);
  if (!level) return null;
  const top = AUTHORITIES.indexOf(s.reachesUpTo[level.level]);
  const informed = q.headInformedAt ?? q.occurredAt;
  const chain = AUTHORITIES.slice(0, top + 1).map((authority, i) => ({
    authority,
    by: new Date(informed + (s.firstReportHours + i * s.perLevelHours) * HOUR).toISOString(),
  }));
  return {
    level: level.level,
    label: level.label,
    chain,
    supplementsUntil: new Date(q.occurredAt + s.supplementDays[q.accidentType] * 24 * HOUR).toISOString(),
    basis: `${doc.accidentLevels.basis}；${s.basis}`,
  };
}

import { can, type Actor } from '../../platform/access.js';
import { canViewHazard } from '../hazards/policies.js';
import type { QualificationEventPayload } from './events.js';

/** 人事部, the safety department and administrators see every check and certificate. */
export function canViewQualifications(actor: Actor): boolean {
  return can(actor, 'qualifications.view');
}

/** HR confirms a pending check after verifying the operators' certificates. */
export function canConfirmCheck(actor: Actor, check: { status: string }): boolean {
  return check.status === 'pending' && can(actor, 'qualifications.manage');
}

/** Certificates of a person: those who view qualifications, and the person themself. */
export function canViewCertificatesOf(actor: Actor, userId: string): boolean {
  return canViewQualifications(actor) || (!!actor.userId && actor.userId === userId);
}

/**
 * Certificate numbers of special operations are the holder's ID card number: shown in full only
 * to those who manage qualifications (PIPL: minimum necessary), masked for everyone else.
 */
export function presentCertNo(actor: Actor, certNo: string): string {
  if (can(actor, 'qualifications.manage') || !/^\d{17}[\dX]$/.test(certNo)) return certNo;
  return `${certNo.slice(0, 6)}********${certNo.slice(14)}`;
}

/** Real-time: HR/safety/admin, and whoever may see the hazard (its 各部门进展 changes). */
export function mayHearQualification(actor: Actor, payload: QualificationEventPayload): boolean {
  return canViewQualifications(actor) || (!!payload.hazard && canViewHazard(actor, payload.hazard));
}

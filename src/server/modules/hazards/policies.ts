import { can, type Actor } from '../../platform/access.js';
import { nextStatus } from '../../../core/hazards/lifecycle.js';

/** The parts of a hazard that decide who may see or change it. */
export interface HazardScope {
  status: string;
  reporterId: string | null;
  departmentId: string;
  reporterDepartmentId: string | null;
  responsibleDepartmentId: string | null;
  responsibleUserId?: string | null;
  supervisorId?: string | null;
  grade?: string | null;
}

/**
 * Who sees a hazard: the safety department, the committee and administrators see all; a
 * department sees hazards in it, reported by it or assigned to it; everyone sees their own reports.
 */
export function canViewHazard(actor: Actor, h: HazardScope): boolean {
  if (can(actor, 'hazard.view_all')) return true;
  if (actor.userId && [h.reporterId, h.responsibleUserId, h.supervisorId].includes(actor.userId)) return true;
  if (can(actor, 'hazard.view_department') && actor.departmentId) {
    return [h.departmentId, h.reporterDepartmentId, h.responsibleDepartmentId].includes(actor.departmentId);
  }
  return false;
}

/** The reporter may correct a report until it is assessed; the safety department until it closes. */
export function canEditHazard(actor: Actor, h: HazardScope): boolean {
  if (h.status === 'closed') return false;
  if (can(actor, 'hazard.edit_any')) return true;
  return h.status === 'reported' && !!h.reporterId && h.reporterId === actor.userId;
}

/** The safety department grades and dispatches (安全环保部 owns the unified standard). */
export function canAssessHazard(actor: Actor, h: HazardScope): boolean {
  return nextStatus(h.status, 'assess') !== null && can(actor, 'hazard.assess');
}

export function canDispatchHazard(actor: Actor, h: HazardScope): boolean {
  return nextStatus(h.status, 'dispatch') !== null && can(actor, 'hazard.assess');
}

/** The responsible person, or the head of the responsible department, reports the rectification done. */
export function canSubmitRectification(actor: Actor, h: HazardScope): boolean {
  if (nextStatus(h.status, 'submit') === null || !actor.userId) return false;
  if (h.responsibleUserId === actor.userId) return true;
  return actor.roles.includes('dept_head') && !!actor.departmentId && actor.departmentId === h.responsibleDepartmentId;
}

/** Acceptance by the safety department; a major hazard's supervisor may accept it too. */
export function canVerifyHazard(actor: Actor, h: HazardScope): boolean {
  if (nextStatus(h.status, 'pass') === null) return false;
  return can(actor, 'hazard.assess') || (!!actor.userId && h.supervisorId === actor.userId);
}

/** Sent with every hazard so the web can show or hide buttons without copying these rules. */
export function hazardPolicies(actor: Actor, h: HazardScope) {
  return {
    edit: canEditHazard(actor, h),
    assess: canAssessHazard(actor, h),
    dispatch: canDispatchHazard(actor, h),
    submit: canSubmitRectification(actor, h),
    verify: canVerifyHazard(actor, h),
  };
}

/** The list filter equivalent to canViewHazard. */
export type HazardVisibility = { all: true } | { all: false; userId: string | null; departmentId: string | null };

export function hazardVisibility(actor: Actor): HazardVisibility {
  if (can(actor, 'hazard.view_all')) return { all: true };
  return { all: false, userId: actor.userId, departmentId: can(actor, 'hazard.view_department') ? actor.departmentId : null };
}

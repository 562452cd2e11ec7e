import { can, type Actor } from '../../platform/access.js';
import { canViewHazard, type HazardScope } from '../hazards/policies.js';
import type { RepairEventPayload } from './events.js';

/** Which repair orders a list shows: all (safety, admin), one department's (设备部), or none (403). */
export type RepairVisibility = { all: true } | { all: false; departmentId: string } | null;

export function repairVisibility(actor: Actor): RepairVisibility {
  if (can(actor, 'repairs.view_all')) return { all: true };
  if (can(actor, 'repairs.work') && actor.departmentId) return { all: false, departmentId: actor.departmentId };
  return null;
}

/**
 * One order: safety and admin, the members of the repairing department, and whoever may see the
 * hazard it came from (the reporter follows the repair on the hazard's 各部门进展).
 */
export function canViewRepair(actor: Actor, order: { departmentId: string }, hazard: HazardScope): boolean {
  if (can(actor, 'repairs.view_all')) return true;
  if (actor.departmentId && actor.departmentId === order.departmentId) return true;
  return canViewHazard(actor, hazard);
}

/** Starting and completing: members of the repairing department who do repair work (设备部). */
export function canWorkRepair(actor: Actor, order: { departmentId: string }): boolean {
  return can(actor, 'repairs.work') && !!actor.departmentId && actor.departmentId === order.departmentId;
}

export function repairPolicies(actor: Actor, order: { departmentId: string; status: string }) {
  const work = canWorkRepair(actor, order);
  return { start: work && order.status === 'open', complete: work && order.status === 'in_progress' };
}

export function mayHearRepair(actor: Actor, payload: RepairEventPayload): boolean {
  return canViewRepair(actor, { departmentId: payload.departmentId }, payload.hazard);
}

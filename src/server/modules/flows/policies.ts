import { can, type Actor } from '../../platform/access.js';
import { ACTIVE_TASK_STATUSES, type TaskStatus } from '../../../core/flows/index.js';
import type { FlowEventPayload } from './events.js';

export interface CaseScope {
  initiatorId: string | null;
  departmentIds: string[];
  status: string;
}

/** A case is seen by whoever launched it, the departments with a task in it, and safety, committee, admin. */
export function canViewCase(actor: Actor, c: CaseScope): boolean {
  if (can(actor, 'flows.view_all')) return true;
  if (actor.userId && actor.userId === c.initiatorId) return true;
  return !!actor.departmentId && c.departmentIds.includes(actor.departmentId);
}

/** Reviewing outputs, deciding extensions, changing the case data, cancelling: the initiator, or safety/committee/admin. */
export function canManageCase(actor: Actor, c: CaseScope): boolean {
  if (c.status !== 'running') return false;
  if (actor.userId && actor.userId === c.initiatorId) return true;
  return can(actor, 'flows.view_all') && can(actor, 'flows.launch');
}

/** A task is worked by its department's members (only those with the role, if the task names one; the head always). */
export function canWorkTask(actor: Actor, t: { departmentId: string; role: string | null }): boolean {
  if (!actor.departmentId || actor.departmentId !== t.departmentId) return false;
  return !t.role || actor.roles.includes(t.role) || actor.roles.includes('dept_head');
}

export function taskPolicies(actor: Actor, c: CaseScope, t: { departmentId: string; role: string | null; status: string; hasExtension: boolean }) {
  const running = c.status === 'running';
  const work = running && canWorkTask(actor, t);
  const manage = canManageCase(actor, c);
  const status = t.status as TaskStatus;
  const active = ACTIVE_TASK_STATUSES.includes(status);
  return {
    start: work && status === 'open',
    submit: work && (status === 'open' || status === 'in_progress'),
    approve: manage && status === 'submitted',
    reject: manage && status === 'submitted',
    requestExtension: work && active && status !== 'submitted' && !t.hasExtension,
    decideExtension: manage && active && t.hasExtension,
  };
}

export function mayHearCase(actor: Actor, p: FlowEventPayload): boolean {
  return canViewCase(actor, { initiatorId: p.initiatorId, departmentIds: p.departmentIds, status: 'running' });
}

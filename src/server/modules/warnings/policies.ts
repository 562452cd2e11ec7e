import { can, type Actor } from '../../platform/access.js';
import type { WarningEventPayload } from './events.js';

export interface WarningScope {
  status: string;
  departmentIds: string[];
}

/**
 * An actual warning concerns everyone on site. Tests and exercises (and drafts) are shown only to
 * those who run the warning system and to the departments they instruct, or would instruct.
 */
export function canViewWarning(actor: Actor, w: WarningScope): boolean {
  if (w.status === 'Actual' || can(actor, 'warnings.view_all')) return true;
  return !!actor.departmentId && w.departmentIds.includes(actor.departmentId);
}

/** A department's answer is given by its own members only. */
export function canAnswer(actor: Actor, r: { departmentId: string }): boolean {
  return !!actor.departmentId && actor.departmentId === r.departmentId && actor.kind !== 'system';
}

export const OPEN_RESPONSE_STATES = ['instructed', 'acknowledged', 'overdue'] as const;

export function isOpenResponse(state: string): boolean {
  return (OPEN_RESPONSE_STATES as readonly string[]).includes(state);
}

export function mayHearWarning(actor: Actor, p: WarningEventPayload): boolean {
  return canViewWarning(actor, { status: p.status, departmentIds: p.departmentIds ?? [] });
}

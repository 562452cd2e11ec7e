import { can, type Actor } from '../../platform/access.js';

/**
 * Who may do what with risk points and the risk map. Everyone in the tenant reads them (the risk
 * notice card is posted for every worker to see); the safety department and administrators
 * assess, edit, upload the site plan and draw the areas.
 */
export function canManageRisks(actor: Actor): boolean {
  return can(actor, 'risks.manage');
}

/** Sent with the data so the web can show or hide editing controls without copying the rule. */
export function riskPolicies(actor: Actor) {
  return { manage: canManageRisks(actor) };
}

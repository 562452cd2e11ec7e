import { can, type Actor } from '../../platform/access.js';

/**
 * Who may do what with the standards library. Everyone logged in reads the standards and
 * evaluates against them (every form grades with them); the safety department and
 * administrators change them and the department mappings.
 */
export function canManageStandards(actor: Actor): boolean {
  return can(actor, 'standards.manage');
}

/** Sent with the standards so the web can show or hide edit buttons without copying the rule. */
export function standardsPolicies(actor: Actor) {
  return { manage: canManageStandards(actor) };
}

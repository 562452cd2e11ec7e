import type { Actor } from '../../platform/access.js';
import { canViewHazard, type HazardScope } from '../hazards/policies.js';
import { canViewCase, type CaseScope } from '../flows/policies.js';
import { canViewWarning, type WarningScope } from '../warnings/policies.js';
import type { SubjectType } from './store.js';

/** A record's own view rule decides who may read its room: the room never shows more than the record. */
export function canViewRecord(actor: Actor, r: { type: SubjectType | string; scope: Record<string, unknown> }): boolean {
  if (r.type === 'hazard') return canViewHazard(actor, r.scope as unknown as HazardScope);
  if (r.type === 'flow_instance') return canViewCase(actor, r.scope as unknown as CaseScope);
  if (r.type === 'warning') return canViewWarning(actor, r.scope as unknown as WarningScope);
  return false;
}

export interface ConversationScope {
  kind: string;
  departmentId: string | null;
  /** The caller has a member row (a party to a direct chat, a participant, someone invited). */
  isMember: boolean;
  /** For a record's room: the record's type and view scope. */
  record?: { type: string; scope: Record<string, unknown> } | null;
}

/**
 * Who reads a conversation: a direct chat its two people; a department channel the department's
 * members and those it invited; a record's room its participants and whoever may see the record
 * (view-all roles read the rooms of every record they may see).
 */
export function canSeeConversation(actor: Actor, c: ConversationScope): boolean {
  if (actor.kind === 'system') return true;
  if (c.isMember) return true;
  if (c.kind === 'department') return !!actor.departmentId && actor.departmentId === c.departmentId;
  if (c.kind === 'record') return !!c.record && canViewRecord(actor, c.record);
  return false;
}

/** Whoever may read may write (a record room's reader who writes becomes a member). */
export const canPost = canSeeConversation;

/** Only the author edits or withdraws a message, and never the system's own lines. */
export function canChangeMessage(actor: Actor, m: { author_id: string | null; kind: string; withdrawn_at: Date | null }): boolean {
  return !!actor.userId && m.author_id === actor.userId && m.kind === 'text' && !m.withdrawn_at;
}

/** Who hears a conversation's live events: the payload carries its audience (no database work). */
export interface ConversationAudience {
  userIds: string[];
  departmentId: string | null;
  record: { type: string; scope: Record<string, unknown> } | null;
}

export function mayHearConversation(actor: Actor, a: ConversationAudience): boolean {
  if (actor.userId && a.userIds.includes(actor.userId)) return true;
  if (a.departmentId && actor.departmentId === a.departmentId) return true;
  return !!a.record && canViewRecord(actor, a.record);
}

import type { HazardScope } from './policies.js';

export const HAZARD_CREATED = 'hazard.created';
export const HAZARD_UPDATED = 'hazard.updated';
/** A ledger import: lists refresh; the payload carries only the count. */
export const HAZARD_IMPORTED = 'hazard.imported';

/** Job: a hazard still unassessed 24 h after its report reminds the safety department. */
export const ASSESSMENT_REMINDER_JOB = 'hazards.assessment-reminder';
/** 24 h: the demo company's rule for first assessment of a reported hazard. */
export const ASSESSMENT_REMINDER_DELAY_MS = 24 * 3_600_000;

/** Payload of hazard events: enough to decide who may hear of it, no content. */
export type HazardEventPayload = HazardScope & { code: string };

/** Job: a rectification deadline stage (reminder, overdue, committee escalation) of one hazard. */
export const DEADLINE_JOB = 'hazards.deadline';

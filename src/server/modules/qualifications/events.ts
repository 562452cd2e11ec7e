import type { HazardScope } from '../hazards/policies.js';

/** A qualification check was created for a hazard (handler on hazard.created). */
export const QUALIFICATION_CREATED = 'qualification.created';
/** A qualification check changed (confirmed by HR). */
export const QUALIFICATION_UPDATED = 'qualification.updated';

/** Payload: enough to decide who may hear of it (ids and scope, no personal data). */
export interface QualificationEventPayload {
  hazardId: string;
  hazard: HazardScope;
  action: 'created' | 'confirmed';
}

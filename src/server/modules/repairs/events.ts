import type { HazardScope } from '../hazards/policies.js';

/** A repair order was opened for a hazard about equipment (handler on hazard.created). */
export const REPAIR_CREATED = 'repair.created';
/** A repair order was started or completed. */
export const REPAIR_UPDATED = 'repair.updated';

/** Payload: who may hear of it — the repairing department and whoever may see the hazard. */
export interface RepairEventPayload {
  code: string;
  departmentId: string;
  hazardId: string;
  hazard: HazardScope;
  action: 'created' | 'started' | 'completed';
}

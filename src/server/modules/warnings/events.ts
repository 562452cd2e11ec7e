/** Something changed in a warning (received, updated, cancelled, a department answered, a timer fired). */
export const WARNING_UPDATED = 'warning.updated';

/** Payload: who may hear of it — everyone for an actual warning, else the view-all roles and the departments named. */
export interface WarningEventPayload {
  departmentIds: string[];
  status: string;
}

/** Job names. Timer keys are `warning:<warning>:<response>:<kind>`, the poller's `warnings:poll:<source>`. */
export const WARNING_JOBS = {
  overdue: 'warnings.overdue',
  escalate: 'warnings.escalate',
  poll: 'warnings.poll',
} as const;

export const timerPrefix = (warningId: string) => `warning:${warningId}:`;
export const pollKey = (sourceId: string) => `warnings:poll:${sourceId}`;

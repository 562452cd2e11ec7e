/** Something changed in a collaboration case (launch, a task step, a comment, a timer). */
export const FLOW_UPDATED = 'flow.updated';

/** Payload: who may hear of it — the initiator and the departments with a task in the case. */
export interface FlowEventPayload {
  code: string;
  initiatorId: string | null;
  departmentIds: string[];
  change: string;
}

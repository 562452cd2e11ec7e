/** What each realtime event invalidates, by module key factories. */
import type { QueryClient } from '@tanstack/react-query';
import type { RealtimeEvent } from '../platform/api/types';
import { meKey } from '../platform/auth/AuthProvider';
import { hazardKeys } from '../modules/hazards/queries';
import { notificationKeys } from '../modules/notifications/queries';
import { invalidateFlows } from '../modules/flows/queries';
import { invalidateWarnings } from '../modules/warnings/queries';
import { invalidateSensors } from '../modules/sensors/queries';
import { invalidateComms } from '../modules/comms/queries';

export function invalidateForEvent(event: RealtimeEvent, qc: QueryClient): void {
  const kind = event.type.split('.')[0];
  if (kind === 'hazard' || event.subjectType === 'hazard') {
    void qc.invalidateQueries({ queryKey: hazardKeys.lists() });
    if (event.subjectId) void qc.invalidateQueries({ queryKey: hazardKeys.detail(event.subjectId) });
  }
  if (kind === 'notification') void qc.invalidateQueries({ queryKey: notificationKeys.all });
  // flow.updated (subject flow_instance = the case): its board, the case lists and the task lists
  if (kind === 'flow' || event.subjectType === 'flow_instance') invalidateFlows(qc, event.subjectType === 'flow_instance' ? event.subjectId : null);
  // warning.updated (subject warning): the lists (new warnings appear live) and that warning's board
  if (kind === 'warning' || event.subjectType === 'warning') invalidateWarnings(qc, event.subjectType === 'warning' ? event.subjectId : null);
  // sensor.updated / sensor.breach (subject sensor): sent on state changes only, not per reading
  // comms.message / comms.read (subject: the conversation): unread counts, and that conversation's history
  if (kind === 'comms') invalidateComms(qc, event.subjectId, event.type === 'comms.read' ? 'read' : 'message');
  if (kind === 'sensor' || event.subjectType === 'sensor') invalidateSensors(qc, event.subjectType === 'sensor' ? event.subjectId : null);
}

/** The socket keeps failing: maybe the session ended; /me answers that (401 → login page). */
export function recheckSession(qc: QueryClient): void {
  void qc.invalidateQueries({ queryKey: meKey });
}

import { fileURLToPath } from 'node:url';
import { defineModule } from '../../platform/module.js';
import { FLOW_UPDATED } from '../flows/events.js';
import { HAZARD_UPDATED } from '../hazards/events.js';
import { CommsService } from './service.js';
import { commsRoutes } from './routes.js';
import { MeetingService } from './meetings.js';
import { meetingRoutes } from './meeting-routes.js';
import { mayHearConversation } from './policies.js';
import { COMMS_MESSAGE, COMMS_READ, MEETING_SIGNAL, MEETING_UPDATED, type MeetingEventPayload, type MessageEventPayload, type ReadEventPayload, type SignalEventPayload } from './events.js';

export { seedComms } from './demo.js';

/** Real-time communication (C6): chat in conversations and the rooms of records. */
export const commsModule = defineModule({
  name: 'comms',
  migrations: fileURLToPath(new URL('./migrations', import.meta.url)),
  register(p, api) {
    const service = new CommsService(p);
    commsRoutes(api, service);
    const meetings = new MeetingService(p, service);
    service.meetingsOf = (w, conversationId) => meetings.meetingsOf(w, conversationId);
    meetingRoutes(api, meetings);

    // The conversation's audience travels in the payload: members, the department, the record's scope.
    p.bus.pushTo(COMMS_MESSAGE, (e, actor) => mayHearConversation(actor, e.payload as unknown as MessageEventPayload));
    // Read positions go to the reader's own sockets only (their other tabs and phone).
    // A meeting's changes reach whoever reads its conversation and everyone invited (the ringing).
    p.bus.pushTo(MEETING_UPDATED, (e, actor) => {
      const payload = e.payload as unknown as MeetingEventPayload;
      return (!!actor.userId && payload.invited.includes(actor.userId)) || mayHearConversation(actor, payload);
    });
    // A session description goes to its one recipient, on whichever instance their browser is.
    p.bus.pushTo(MEETING_SIGNAL, (e, actor) => !!actor.userId && actor.userId === (e.payload as unknown as SignalEventPayload).toUserId);
    p.bus.pushTo(COMMS_READ, (e, actor) => !!actor.userId && (e.payload as unknown as ReadEventPayload).userIds.includes(actor.userId));

    // A case's room opens when the case starts; departments added to a case (or a hazard) join its room.
    p.bus.on(FLOW_UPDATED, 'comms.case-room', async (w, event) => {
      const change = String(event.payload.change ?? '');
      if (event.subjectType !== 'flow_instance' || !event.subjectId || change === 'reminded') return; // a reminder adds no one
      await service.onRecordChanged(w, 'flow_instance', event.subjectId, change === 'launched');
    });
    p.bus.on(HAZARD_UPDATED, 'comms.hazard-room', async (w, event) => {
      if (!event.subjectId) return;
      await service.onRecordChanged(w, 'hazard', event.subjectId, false);
    });
  },
});

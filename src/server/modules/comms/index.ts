import { fileURLToPath } from 'node:url';
import { defineModule } from '../../platform/module.js';
import { FLOW_UPDATED } from '../flows/events.js';
import { HAZARD_UPDATED } from '../hazards/events.js';
import { CommsService } from './service.js';
import { commsRoutes } from './routes.js';
import { mayHearConversation } from './policies.js';
import { COMMS_MESSAGE, COMMS_READ, type MessageEventPayload, type ReadEventPayload } from './events.js';

export { seedComms } from './demo.js';

/** Real-time communication (C6): chat in conversations and the rooms of records. */
export const commsModule = defineModule({
  name: 'comms',
  migrations: fileURLToPath(new URL('./migrations', import.meta.url)),
  register(p, api) {
    const service = new CommsService(p);
    commsRoutes(api, service);

    // The conversation's audience travels in the payload: members, the department, the record's scope.
    p.bus.pushTo(COMMS_MESSAGE, (e, actor) => mayHearConversation(actor, e.payload as unknown as MessageEventPayload));
    // Read positions go to the reader's own sockets only (their other tabs and phone).
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

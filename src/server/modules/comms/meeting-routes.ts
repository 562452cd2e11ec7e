import { z } from 'zod';
import type { Api } from '../../platform/module.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import type { MeetingService } from './meetings.js';

const uuid = z.uuid();
const IdParams = z.object({ id: uuid });
const SUBJECT_TYPES = ['flow_instance', 'hazard', 'warning'] as const;
const StartBody = z.strictObject({ invite: z.array(uuid).max(50).optional(), title: z.string().trim().max(200).optional() });
/** An SDP is a few KB; with its candidates well under the socket's and the body limit's size. */
const SignalBody = z.strictObject({
  to: uuid,
  kind: z.enum(['offer', 'answer', 'candidate', 'bye']),
  data: z.union([
    z.strictObject({ type: z.enum(['offer', 'answer']), sdp: z.string().max(60_000) }),
    z.strictObject({ candidate: z.string().max(2000), sdpMid: z.string().max(100).nullable().optional(), sdpMLineIndex: z.number().int().min(0).max(100).nullable().optional() }),
    z.strictObject({}),
  ]),
});

/** Video meetings: who may start, join and signal is decided by the conversation and the invitation. */
export function meetingRoutes(api: Api, meetings: MeetingService): void {
  api.post(
    '/comms/conversations/:id/meetings',
    { schema: { tags: ['comms'], summary: 'Start a video meeting in a conversation; the invited (default: its members) ring live', params: IdParams, body: StartBody } },
    async (request, reply) => {
      reply.status(201);
      return meetings.start(actorOf(request), request.params.id, request.body.invite, request.body.title);
    },
  );
  api.post(
    '/comms/records/:type/:id/meetings',
    { schema: { tags: ['comms'], summary: 'Start a video meeting from a case, hazard or warning (in its room)', params: z.object({ type: z.enum(SUBJECT_TYPES), id: uuid }), body: StartBody } },
    async (request, reply) => {
      reply.status(201);
      return meetings.startFromRecord(actorOf(request), request.params.type, request.params.id, request.body.invite, request.body.title);
    },
  );
  api.get(
    '/comms/meetings/ringing',
    { schema: { tags: ['comms'], summary: 'Open meetings the caller is invited to and has not joined' } },
    async (request) => meetings.ringing(actorOf(request)),
  );
  api.get(
    '/comms/meetings/monthly',
    { schema: { tags: ['comms', 'analytics'], summary: 'Meetings per month and how many were cross-department (view-all analytics)', querystring: z.strictObject({ months: z.coerce.number().int().min(1).max(36).default(12) }) } },
    async (request) => meetings.monthly(actorOf(request), request.query.months),
  );
  api.get(
    '/comms/meetings/:id',
    { schema: { tags: ['comms'], summary: 'A meeting: who is invited, who is in it, attendance, the record and its live data, ICE servers', params: IdParams } },
    async (request) => meetings.get(actorOf(request), request.params.id),
  );
  api.post(
    '/comms/meetings/:id/join',
    { schema: { tags: ['comms'], summary: 'Join (the invited only; at most six at once in a mesh)', params: IdParams } },
    async (request) => meetings.join(actorOf(request), request.params.id),
  );
  api.post(
    '/comms/meetings/:id/leave',
    { schema: { tags: ['comms'], summary: 'Leave; the last one out ends the meeting', params: IdParams } },
    async (request) => meetings.leave(actorOf(request), request.params.id),
  );
  api.post(
    '/comms/meetings/:id/signals',
    { schema: { tags: ['comms'], summary: 'A WebRTC offer, answer or candidate for one participant (kept as a row; its id travels by NOTIFY and WebSocket)', params: IdParams, body: SignalBody } },
    async (request, reply) => {
      reply.status(201);
      return meetings.signal(actorOf(request), request.params.id, request.body);
    },
  );
  api.get(
    '/comms/signals/:id',
    { schema: { tags: ['comms'], summary: 'Read a signal addressed to the caller', params: IdParams } },
    async (request) => meetings.readSignal(actorOf(request), request.params.id),
  );
}

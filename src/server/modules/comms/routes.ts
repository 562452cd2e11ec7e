import { z } from 'zod';
import type { Api } from '../../platform/module.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import type { CommsService } from './service.js';

const uuid = z.uuid();
const IdParams = z.object({ id: uuid });
const SUBJECT_TYPES = ['flow_instance', 'hazard', 'warning'] as const;
const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });
const Version = z.number().int().min(1);

const MessageBody = z.strictObject({
  body: z.string().max(4000).default(''),
  replyTo: uuid.nullable().optional(),
  mentions: z.strictObject({ userIds: z.array(uuid).max(50).optional(), departmentIds: z.array(uuid).max(20).optional() }).optional(),
  files: z.array(uuid).max(9).optional(),
  links: z.array(z.strictObject({ type: z.enum(SUBJECT_TYPES), id: uuid })).max(10).optional(),
});

/** Chat routes: everyone logged in talks; what each may see is decided per conversation in the service. */
export function commsRoutes(api: Api, service: CommsService): void {
  api.get(
    '/comms/conversations',
    { schema: { tags: ['comms'], summary: 'My conversations (one-to-one, my department channel, rooms I take part in), newest first, with unread counts' } },
    async (request) => service.list(actorOf(request)),
  );
  api.get(
    '/comms/conversations/:id',
    { schema: { tags: ['comms'], summary: 'One conversation with its members and what the caller may do (404 if the caller may not see it)', params: IdParams } },
    async (request) => service.get(actorOf(request), request.params.id),
  );
  api.post(
    '/comms/direct',
    { schema: { tags: ['comms'], summary: 'Open (or find) the one-to-one conversation with a person', body: z.strictObject({ userId: uuid }) } },
    async (request) => service.openDirect(actorOf(request), request.body.userId),
  );
  api.post(
    '/comms/departments/:id/channel',
    { schema: { tags: ['comms'], summary: 'Open a department channel (its members and those it invited)', params: IdParams } },
    async (request) => service.openDepartment(actorOf(request), request.params.id),
  );
  api.post(
    '/comms/records/:type/:id/room',
    { schema: { tags: ['comms'], summary: 'Open the room of a case, hazard or warning; it starts with the record’s participants', params: z.object({ type: z.enum(SUBJECT_TYPES), id: uuid }) } },
    async (request) => service.openRecordRoom(actorOf(request), request.params.type, request.params.id),
  );
  api.get(
    '/comms/records/:type/:id/history',
    { schema: { tags: ['comms'], summary: 'The whole discussion of a record’s room, oldest first (part of its timeline and export)', params: z.object({ type: z.enum(SUBJECT_TYPES), id: uuid }) } },
    async (request) => service.recordHistory(actorOf(request), request.params.type, request.params.id),
  );
  api.get(
    '/comms/conversations/:id/messages',
    {
      schema: {
        tags: ['comms'],
        summary: 'A page of history: the newest messages before `before` (a position), oldest first within the page',
        params: IdParams,
        querystring: z.strictObject({ before: z.coerce.number().int().min(1).optional(), limit: z.coerce.number().int().min(1).max(100).default(30) }),
      },
    },
    async (request) => service.messages(actorOf(request), request.params.id, request.query.before ?? null, request.query.limit),
  );
  api.post(
    '/comms/conversations/:id/messages',
    {
      schema: {
        tags: ['comms'],
        summary: 'Write a message: text, @mentions (people or departments, notified on their channels), a reply, uploaded files, record links. Send an Idempotency-Key to make retries safe.',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: MessageBody,
      },
    },
    async (request, reply) => {
      reply.status(201);
      return service.post(actorOf(request), request.params.id, request.body, request.headers['idempotency-key']);
    },
  );
  api.post(
    '/comms/conversations/:id/read',
    { schema: { tags: ['comms'], summary: 'Mark read up to a position', params: IdParams, body: z.strictObject({ seq: z.number().int().min(0) }) } },
    async (request) => service.read(actorOf(request), request.params.id, request.body.seq),
  );
  api.patch(
    '/comms/messages/:id',
    { schema: { tags: ['comms'], summary: 'Edit one’s own message; the earlier text is kept', params: IdParams, body: z.strictObject({ body: z.string().min(1).max(4000), version: Version }) } },
    async (request) => service.edit(actorOf(request), request.params.id, request.body.body, request.body.version),
  );
  api.post(
    '/comms/messages/:id/withdraw',
    { schema: { tags: ['comms'], summary: 'Withdraw one’s own message; its text is kept for the audit', params: IdParams, body: z.strictObject({ version: Version }) } },
    async (request) => service.withdraw(actorOf(request), request.params.id, request.body.version),
  );
  api.get(
    '/comms/messages/:id/history',
    { schema: { tags: ['comms'], summary: 'Earlier texts of a message (its author and auditors)', params: IdParams } },
    async (request) => service.history(actorOf(request), request.params.id),
  );
  api.get(
    '/comms/search',
    { schema: { tags: ['comms'], summary: 'Search messages in the conversations the caller may see', querystring: z.strictObject({ q: z.string().trim().min(1).max(100), limit: z.coerce.number().int().min(1).max(100).default(30) }) } },
    async (request) => service.search(actorOf(request), request.query.q, request.query.limit),
  );
  api.get(
    '/comms/directory',
    { schema: { tags: ['comms'], summary: 'People and departments one may talk to or mention' } },
    async (request) => service.directory(actorOf(request)),
  );
}

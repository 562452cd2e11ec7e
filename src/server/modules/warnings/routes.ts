import { z } from 'zod';
import type { Api } from '../../platform/module.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { EVENT_TYPES, WARNING_COLORS } from '../../../core/warnings/index.js';
import type { WarningService } from './service.js';
import type { RuleService } from './rules.js';
import type { SourceService } from './sources.js';
import type { CapIngest, KeySource } from './ingest.js';

const uuid = z.uuid();
const IdParams = z.object({ id: uuid });
const ResponseParams = z.object({ id: uuid, responseId: uuid });
const Version = z.number().int().min(1);
const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });
const paging = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};
const SOURCE_KINDS = ['cap', 'sensor', 'manual', 'neighbour'] as const;
const STATUSES = ['Actual', 'Exercise', 'Test', 'System', 'Draft'] as const;
const STATES = ['active', 'cancelled', 'closed', 'expired'] as const;
const Photos = z.array(uuid).max(9);

/** CAP documents are small; a national feed's largest messages stay far below this. */
export const CAP_BODY_LIMIT = 512 * 1024;
const CAP_TYPES = ['application/cap+xml', 'application/xml', 'text/xml'];

const RuleBody = {
  name: z.string().trim().min(1).max(100),
  enabled: z.boolean().optional(),
  when: z.strictObject({
    sourceKinds: z.array(z.enum(SOURCE_KINDS)).max(SOURCE_KINDS.length).optional(),
    eventTypes: z.array(z.enum(EVENT_TYPES)).max(EVENT_TYPES.length).optional(),
    minColor: z.enum(WARNING_COLORS),
    areaIds: z.array(uuid).max(100).optional(),
  }),
  instruct: z.array(z.strictObject({ departmentId: uuid, instruction: z.string().trim().min(1).max(1000) })).min(1).max(20),
  responseHours: z.number().positive().max(24 * 30),
  escalateAfterHours: z.number().min(0).max(24 * 30),
  raiseHazard: z.boolean().optional(),
  flowTemplateKey: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/).nullable().optional(),
};

const SourceFields = {
  name: z.string().trim().min(1).max(100),
  senderAllowlist: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
  feedUrl: z.url({ protocol: /^https?$/ }).max(2000).nullable().optional(),
  pollSeconds: z.number().int().min(30).max(86400).optional(),
  enabled: z.boolean().optional(),
};

export function warningRoutes(api: Api, service: WarningService, rules: RuleService, sources: SourceService): void {
  // ——— warnings ———
  api.get(
    '/warnings',
    {
      schema: {
        tags: ['warnings'],
        summary: 'Warnings the caller may see, newest first (tests and exercises only for view-all roles and the departments they name)',
        querystring: z.strictObject({ state: z.enum(STATES).optional(), sourceKind: z.enum(SOURCE_KINDS).optional(), status: z.enum(STATUSES).optional(),
          from: z.coerce.date().optional(), to: z.coerce.date().optional(), ...paging }),
      },
    },
    async (request) => {
      const q = request.query;
      return service.list(actorOf(request), { state: q.state, sourceKind: q.sourceKind, status: q.status, from: q.from, to: q.to }, q.page, q.pageSize);
    },
  );
  api.post(
    '/warnings',
    {
      schema: {
        tags: ['warnings'],
        summary: 'Raise a warning by hand, or record one a neighbouring company gave; the linkage rules instruct departments. Send an Idempotency-Key to make retries safe.',
        headers: IdempotencyHeaders,
        body: z.strictObject({
          sourceKind: z.enum(['manual', 'neighbour']),
          eventType: z.enum(EVENT_TYPES),
          color: z.enum(WARNING_COLORS),
          title: z.string().trim().min(1).max(200),
          description: z.string().max(4000).optional(),
          areaId: uuid.optional(),
          neighbourName: z.string().trim().max(100).optional(),
          photos: Photos.optional(),
          departmentIds: z.array(uuid).max(50).optional().describe('departments to instruct besides those the linkage rules name'),
        }),
      },
    },
    async (request, reply) => {
      const { body, replayed } = await service.createManual(actorOf(request), request.body, request.headers['idempotency-key']);
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send(body);
    },
  );
  api.get(
    '/warnings/linkage-preview',
    {
      schema: {
        tags: ['warnings'],
        summary: 'Before raising a warning by hand: the departments the linkage rules would instruct, with their instruction and deadline',
        querystring: z.strictObject({
          sourceKind: z.enum(['manual', 'neighbour']),
          eventType: z.enum(EVENT_TYPES),
          color: z.enum(WARNING_COLORS),
          areaId: uuid.optional(),
          title: z.string().max(200).optional(),
        }),
      },
    },
    async (request) => service.preview(actorOf(request), request.query),
  );
  // ——— rules (before /warnings/:id so the static paths are declared first; the router prefers them anyway) ———
  api.get('/warnings/rules', { schema: { tags: ['warnings'], summary: 'Linkage rules: which warnings instruct which departments, with what and by when' } }, async (request) =>
    rules.list(actorOf(request)),
  );
  api.get('/warnings/rules/:id', { schema: { tags: ['warnings'], summary: 'One linkage rule', params: IdParams } }, async (request) => rules.get(actorOf(request), request.params.id));
  api.post(
    '/warnings/rules',
    { schema: { tags: ['warnings'], summary: 'A new linkage rule (departments must exist; instruction placeholders {{event}} {{color}} {{level}} {{headline}} {{area}} {{expires}})', body: z.strictObject(RuleBody) } },
    async (request, reply) => reply.code(201).send(await rules.create(actorOf(request), request.body)),
  );
  api.put(
    '/warnings/rules/:id',
    { schema: { tags: ['warnings'], summary: 'Replace a linkage rule (send the version you read)', params: IdParams, body: z.strictObject({ version: Version, ...RuleBody }) } },
    async (request) => {
      const { version, ...input } = request.body;
      return rules.update(actorOf(request), request.params.id, version, input);
    },
  );
  api.delete(
    '/warnings/rules/:id',
    { schema: { tags: ['warnings'], summary: 'Delete a linkage rule; answers already given stay', params: IdParams, querystring: z.strictObject({ version: z.coerce.number().int().min(1).optional() }) } },
    async (request, reply) => {
      await rules.remove(actorOf(request), request.params.id, request.query.version);
      return reply.code(204).send();
    },
  );
  // ——— sources ———
  api.get('/warnings/sources', { schema: { tags: ['warnings'], summary: 'Warning sources: CAP feeds and pushers, neighbours' } }, async (request) => sources.list(actorOf(request)));
  api.post(
    '/warnings/sources',
    { schema: { tags: ['warnings'], summary: 'A new source; issue its API key with POST /warnings/sources/{id}/keys', body: z.strictObject({ kind: z.enum(['cap', 'neighbour']), ...SourceFields }) } },
    async (request, reply) => reply.code(201).send(await sources.create(actorOf(request), request.body)),
  );
  api.patch(
    '/warnings/sources/:id',
    {
      schema: {
        tags: ['warnings'],
        summary: 'Change a source (allowlist, feed, interval, on/off); send the version you read',
        params: IdParams,
        body: z.strictObject({ version: Version, ...SourceFields, name: SourceFields.name.optional() }),
      },
    },
    async (request) => sources.update(actorOf(request), request.params.id, request.body),
  );
  api.post(
    '/warnings/sources/:id/keys',
    { schema: { tags: ['warnings'], summary: 'Issue a new API key for the source (replaces the old one); the key is shown only in this response', params: IdParams } },
    async (request, reply) => reply.code(201).send(await sources.issueKey(actorOf(request), request.params.id)),
  );
  api.get(
    '/warnings/quarantine',
    { schema: { tags: ['warnings'], summary: 'Messages refused (malformed, sender not allowed, unknown reference), newest first', querystring: z.strictObject({ ...paging }) } },
    async (request) => sources.quarantine(actorOf(request), request.query.page, request.query.pageSize),
  );

  // ——— one warning ———
  api.get('/warnings/:id', { schema: { tags: ['warnings'], summary: 'The warning board: text, messages, every department’s answer', params: IdParams } }, async (request) =>
    service.get(actorOf(request), request.params.id),
  );
  api.post(
    '/warnings/:id/cancel',
    { schema: { tags: ['warnings'], summary: 'Cancel a manual, neighbour or sensor warning: open answers stand down, timers stop', params: IdParams, body: z.strictObject({ version: Version, reason: z.string().trim().min(1).max(1000) }) } },
    async (request) => service.cancel(actorOf(request), request.params.id, request.body.version, request.body.reason),
  );
  api.post(
    '/warnings/:id/responses/:responseId/acknowledge',
    { schema: { tags: ['warnings'], summary: '确认: the department received the instruction (its members only; send the answer’s version)', params: ResponseParams, body: z.strictObject({ version: Version }) } },
    async (request) => service.acknowledge(actorOf(request), request.params.id, request.params.responseId, request.body.version),
  );
  api.post(
    '/warnings/:id/responses/:responseId/measures',
    {
      schema: {
        tags: ['warnings'],
        summary: '反馈措施: the measures taken, photos optional (file ids from POST /files); closes the loop when every department has answered',
        params: ResponseParams,
        body: z.strictObject({ version: Version, measures: z.string().trim().min(1).max(4000), photos: Photos.optional() }),
      },
    },
    async (request) => service.reportMeasures(actorOf(request), request.params.id, request.params.responseId, request.body),
  );
}

/**
 * POST /warnings/cap in a context of its own: only here are XML bodies accepted (as a raw string,
 * size-limited); everywhere else they stay an unsupported media type. No session: the source's
 * API key names the tenant.
 */
export async function capRoute(api: Api, ingest: CapIngest): Promise<void> {
  const sources = new WeakMap<object, KeySource>();
  const headerOf = (h: string | string[] | undefined) => (Array.isArray(h) ? h[0] : h);
  await api.register(async (cap: Api) => {
    cap.addContentTypeParser(CAP_TYPES, { parseAs: 'string', bodyLimit: CAP_BODY_LIMIT }, (_request, body, done) => done(null, body));
    cap.post(
      '/warnings/cap',
      {
        config: { machine: true },
        bodyLimit: CAP_BODY_LIMIT,
        schema: {
          tags: ['warnings'],
          summary: 'Receive a CAP 1.2 message (GB/T 35965.1): Alert creates, Update changes, Cancel stands down. Header X-Api-Key names the source; refused messages (422) are kept in quarantine.',
          consumes: CAP_TYPES,
          security: [],
          headers: z.object({ 'x-api-key': z.string().max(200).optional() }),
          body: z.string().min(1).max(CAP_BODY_LIMIT),
        },
        // the key is checked before the body is read: a stranger learns nothing about our parser
        onRequest: async (request) => {
          sources.set(request, await ingest.authenticate(headerOf(request.headers['x-api-key'])));
        },
      },
      async (request, reply) => {
        const result = await ingest.push(sources.get(request)!, request.body);
        return reply.code(result.outcome === 'created' ? 201 : 200).send(result);
      },
    );
  });
}

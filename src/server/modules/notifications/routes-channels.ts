import { z } from 'zod';
import type { Api } from '../../platform/module.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { CATEGORIES, CHANNEL_KINDS, PREFERENCE_CHANNELS } from './categories.js';
import type { ChannelService } from './channels-service.js';
import type { PreferenceService } from './preferences-service.js';

const IdParams = z.object({ id: z.uuid() });
const STATES = ['pending', 'sent', 'failed', 'dead'] as const;
const name = z.string().trim().min(1).max(60);
const categories = z.array(z.enum(CATEGORIES)).max(CATEGORIES.length);
const httpUrl = z
  .string()
  .trim()
  .max(500)
  .refine((s) => /^https?:\/\/[^\s]+$/i.test(s) && URL.canParse(s), 'an http(s) URL');
/** Write-only secrets: absent = keep the stored one, '' = remove it. */
const secret = z.string().max(200).optional();
const EmailConfig = z.strictObject({
  host: z.string().trim().min(1).max(200).optional(),
  port: z.number().int().min(1).max(65535).optional(),
  secure: z.boolean().optional(),
  user: z.string().trim().max(200).optional(),
  password: secret,
  from: z.string().trim().min(3).max(200).optional(),
});
const RobotConfig = z.strictObject({ webhookUrl: httpUrl.optional(), secret });
const Common = {
  name,
  departmentId: z.uuid().nullable().default(null),
  categories: categories.default([]),
  enabled: z.boolean().default(true),
};
const CreateChannel = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('email'), ...Common, config: EmailConfig }),
  z.strictObject({ kind: z.enum(['dingtalk', 'wecom', 'feishu']), ...Common, config: RobotConfig }),
]);
const PatchChannel = z.strictObject({
  version: z.number().int().min(1),
  name: name.optional(),
  departmentId: z.uuid().nullable().optional(),
  categories: categories.optional(),
  enabled: z.boolean().optional(),
  config: z.union([EmailConfig, RobotConfig]).optional(),
});

/** Preferences (every user), channels and deliveries (notifications.manage). */
export function channelRoutes(api: Api, channels: ChannelService, prefs: PreferenceService): void {
  api.get(
    '/notifications/preferences',
    { schema: { tags: ['notifications'], summary: "The caller's channel choices per category, and the department defaults they may set" } },
    async (request) => prefs.get(actorOf(request)),
  );
  api.put(
    '/notifications/preferences',
    {
      schema: {
        tags: ['notifications'],
        summary: "Set the caller's own choices (scope user) or a department's defaults (scope department: its head or an administrator); channels null = inherit. In-app stays on.",
        body: z.strictObject({
          scope: z.enum(['user', 'department']),
          departmentId: z.uuid().optional(),
          items: z
            .array(z.strictObject({ category: z.enum(CATEGORIES), channels: z.array(z.enum(PREFERENCE_CHANNELS)).max(3).nullable() }))
            .min(1)
            .max(CATEGORIES.length),
        }),
      },
    },
    async (request) => prefs.save(actorOf(request), request.body.scope, request.body.departmentId, request.body.items),
  );

  api.get(
    '/notifications/channels',
    { schema: { tags: ['notifications'], summary: 'Notification channels (secrets never shown) and the count of failed / dead deliveries' } },
    async (request) => channels.list(actorOf(request)),
  );
  api.get(
    '/notifications/channels/:id',
    { schema: { tags: ['notifications'], summary: 'One notification channel', params: IdParams } },
    async (request) => channels.get(actorOf(request), request.params.id),
  );
  api.post(
    '/notifications/channels',
    {
      schema: {
        tags: ['notifications'],
        summary: `Add a channel: ${CHANNEL_KINDS.join(' / ')}. E-mail: SMTP host, port, secure, user, password, from; robots: webhookUrl and the signing secret (DingTalk, Feishu)`,
        body: CreateChannel,
      },
    },
    async (request, reply) => {
      const { kind, ...input } = request.body;
      return reply.code(201).send(await channels.create(actorOf(request), kind, input));
    },
  );
  api.patch(
    '/notifications/channels/:id',
    { schema: { tags: ['notifications'], summary: 'Change a channel (send the version you read); secrets: absent = keep, "" = remove', params: IdParams, body: PatchChannel } },
    async (request) => {
      const { version, ...patch } = request.body;
      return channels.update(actorOf(request), request.params.id, version, patch);
    },
  );
  api.delete(
    '/notifications/channels/:id',
    { schema: { tags: ['notifications'], summary: 'Remove a channel with its delivery records', params: IdParams } },
    async (request, reply) => {
      await channels.remove(actorOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
  api.post(
    '/notifications/channels/:id/test',
    {
      schema: {
        tags: ['notifications'],
        summary: "Send a test message now and report the outcome (e-mail: to the given address or the caller's)",
        params: IdParams,
        body: z.strictObject({ to: z.email().optional() }).optional(),
      },
    },
    async (request) => channels.test(actorOf(request), request.params.id, request.body?.to),
  );
  api.get(
    '/notifications/deliveries',
    {
      schema: {
        tags: ['notifications'],
        summary: 'External deliveries, newest first, with counts of the pending, failed and dead ones',
        querystring: z.strictObject({
          state: z
            .string()
            .optional()
            .transform((s) => (s ? s.split(',') : undefined))
            .pipe(z.array(z.enum(STATES)).max(STATES.length).optional()),
          channelId: z.uuid().optional(),
          page: z.coerce.number().int().min(1).max(100000).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      return channels.deliveries(actorOf(request), { states: q.state, channelId: q.channelId, page: q.page, pageSize: q.pageSize });
    },
  );
  api.post(
    '/notifications/deliveries/:id/retry',
    { schema: { tags: ['notifications'], summary: 'Send a failed or dead delivery again (a fresh round of attempts)', params: IdParams } },
    async (request) => channels.retry(actorOf(request), request.params.id),
  );
}

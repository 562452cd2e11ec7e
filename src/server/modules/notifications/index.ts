import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { defineModule } from '../../platform/module.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { NotificationService, NOTIFICATION_CREATED } from './service.js';
import { ChannelService } from './channels-service.js';
import { PreferenceService } from './preferences-service.js';
import { DeliveryWorker } from './delivery.js';
import { DELIVER_JOB } from './routing.js';
import { channelRoutes } from './routes-channels.js';

export { seedNotificationChannels } from './demo.js';
export type { ExternalNotification } from './routing.js';

/**
 * In-app notifications, and their external channels (C8): e-mail and DingTalk / WeCom / Feishu
 * group robots chosen by per-user and per-department preferences, sent by a job with retries.
 */
export const notificationsModule = defineModule({
  name: 'notifications',
  migrations: fileURLToPath(new URL('./migrations', import.meta.url)),
  register(p, api) {
    const service = new NotificationService(p);
    const worker = new DeliveryWorker(p.config.publicOrigins[0] ?? null, p.outbound);
    // All due delivery jobs of a tenant in one run: it drains whatever is due, whichever job woke it.
    p.jobs.registerBatch(DELIVER_JOB, (w) => worker.run(w));
    channelRoutes(api, new ChannelService(p), new PreferenceService(p));
    // Only the recipient hears about a new notification.
    p.bus.pushTo(NOTIFICATION_CREATED, (event, actor) => event.payload.userId === actor.userId);

    api.get(
      '/notifications',
      {
        schema: {
          tags: ['notifications'],
          summary: "The caller's notifications, newest first, with the unread count",
          querystring: z.strictObject({
            limit: z.coerce.number().int().min(1).max(100).default(20),
            unread: z.enum(['true', 'false']).optional(),
          }),
        },
      },
      async (request) => service.inbox(actorOf(request), request.query.limit, request.query.unread === 'true'),
    );
    api.post(
      '/notifications/:id/read',
      { schema: { tags: ['notifications'], summary: 'Mark one notification read', params: z.object({ id: z.uuid() }) } },
      async (request) => service.markRead(actorOf(request), request.params.id),
    );
    api.post('/notifications/read-all', { schema: { tags: ['notifications'], summary: 'Mark all read' } }, async (request) =>
      service.markRead(actorOf(request), null),
    );
  },
});

import { z } from 'zod';
import { defineModule } from '../../platform/module.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { NotificationService, NOTIFICATION_CREATED } from './service.js';

export const notificationsModule = defineModule({
  name: 'notifications',
  register(p, api) {
    const service = new NotificationService(p);
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

import type { Work } from '../../platform/work.js';
import type { Actor } from '../../platform/access.js';
import type { Platform } from '../../platform/platform.js';
import { NotFoundError } from '../../platform/errors.js';
import { NotificationStore } from './store.js';
import { routeExternal, type ExternalNotification } from './routing.js';

export const NOTIFICATION_CREATED = 'notification.created';

/**
 * In-app notifications. Other modules call `notify` inside their own unit of work, so a
 * notification exists exactly when the change that caused it does; each new one is announced on
 * the outbox so the recipient's browser updates live. In the same transaction the external
 * deliveries (e-mail, group robots) are decided for the rows actually created; a job sends them.
 */
export class NotificationService {
  readonly store = new NotificationStore();
  constructor(private readonly p: Platform) {}

  notify(work: Work, userIds: string[], n: ExternalNotification): Promise<number> {
    return this.notifyMany(work, [{ userIds, n }]);
  }

  /**
   * Many at once (timers falling due together): one insert, and one event per recipient (not per
   * notification: a burst of reminders to one person is one refetch of their inbox), naming the
   * newest of theirs and how many arrived.
   */
  async notifyMany(work: Work, items: { userIds: string[]; n: ExternalNotification }[]): Promise<number> {
    const unique = items.map(({ userIds, n }) => ({ userIds: [...new Set(userIds.filter(Boolean))], n }));
    const created = await this.store.insertMany(work.tx, work.tenantId, unique);
    const byUser = new Map<string, { id: string; count: number }>();
    for (const row of created) byUser.set(row.user_id, { id: row.id, count: (byUser.get(row.user_id)?.count ?? 0) + 1 });
    for (const [userId, { id, count }] of byUser) {
      work.emit({ type: NOTIFICATION_CREATED, subjectType: 'notification', subjectId: id, payload: { userId, count } });
    }
    await routeExternal(work, unique, created);
    return created.length;
  }

  inbox(actor: Actor, limit: number, unreadOnly: boolean) {
    return this.p.run(actor, async (w) => {
      const { items, unread } = await this.store.inbox(w.tx, actor.userId!, limit, unreadOnly);
      return {
        unread,
        items: items.map((r) => ({
          id: r.id,
          kind: r.kind,
          title: r.title,
          body: r.body,
          link: r.link,
          subjectType: r.subject_type,
          subjectId: r.subject_id,
          readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
          createdAt: new Date(r.created_at).toISOString(),
        })),
      };
    });
  }

  markRead(actor: Actor, id: string | null) {
    return this.p.run(actor, async (w) => {
      const n = await this.store.markRead(w.tx, actor.userId!, id, this.p.clock.now());
      if (id && n === 0) {
        const exists = await w.tx.selectFrom('notifications').select('id').where('id', '=', id).where('user_id', '=', actor.userId!).executeTakeFirst();
        if (!exists) throw new NotFoundError('notification', id);
      }
      return { updated: n };
    });
  }
}

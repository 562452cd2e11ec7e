import { randomUUID } from 'node:crypto';
import { sql, type Insertable } from 'kysely';
import type { NotificationDeliveriesTable } from '../../platform/db/schema-notify-channels.js';
import type { Work } from '../../platform/work.js';
import type { NewNotification } from './store.js';
import { categoryOf, Preferences, type PreferenceRow } from './categories.js';

export const DELIVER_JOB = 'notifications.deliver';

/** What other modules pass to notify/notifyMany; the extra fields only matter for external channels. */
export type ExternalNotification = NewNotification & {
  /** Sent on every enabled channel regardless of preferences (e.g. an orange or red warning). */
  urgent?: boolean;
  /** The departments concerned: their group robots get one message. Default: the recipients' departments. */
  departmentIds?: string[];
};

interface ChannelRow {
  id: string;
  kind: string;
  department_id: string | null;
  categories: string[];
}

/**
 * Turns the in-app notifications a call actually created into external deliveries, inside the
 * caller's transaction: an e-mail per user who wants e-mail for the category, one message per
 * group robot (bound to a concerned department or to the whole company) that carries it.
 *
 * Set-based on purpose (P6: ten thousand reminders in one call): one query for the channels —
 * and nothing more when none is enabled — one for the recipients, one for the preferences, bulk
 * inserts. The unique dedupe key makes the same notification twice one delivery.
 */
export async function routeExternal(
  work: Work,
  items: { userIds: string[]; n: ExternalNotification }[],
  created: { id: string; user_id: string; dedupe_key: string }[],
): Promise<number> {
  if (!created.length) return 0;
  const channels = await work.tx
    .selectFrom('notification_channels')
    .select(['id', 'kind', 'department_id', 'categories'])
    .where('enabled', '=', true)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  if (!channels.length) return 0;

  const itemOf = new Map<string, number>();
  items.forEach((it, i) => {
    for (const u of it.userIds) {
      const k = `${u}\u0000${it.n.dedupeKey}`;
      if (!itemOf.has(k)) itemOf.set(k, i);
    }
  });
  const createdBy = new Map<number, { userId: string; notificationId: string }[]>();
  for (const row of created) {
    const i = itemOf.get(`${row.user_id}\u0000${row.dedupe_key}`);
    if (i === undefined) continue;
    createdBy.set(i, [...(createdBy.get(i) ?? []), { userId: row.user_id, notificationId: row.id }]);
  }

  const userIds = [...new Set(created.map((r) => r.user_id))];
  const users = new Map(
    (
      await work.tx
        .selectFrom('users')
        .select(['id', 'email', 'department_id'])
        .where(sql<boolean>`id = ANY(${sql.val(userIds)}::uuid[])`)
        .where('active', '=', true)
        .execute()
    ).map((u) => [u.id, u]),
  );
  const departmentIds = new Set<string>();
  for (const u of users.values()) if (u.department_id) departmentIds.add(u.department_id);
  for (const it of items) for (const d of it.n.departmentIds ?? []) departmentIds.add(d);
  for (const c of channels) if (c.department_id) departmentIds.add(c.department_id);
  const categories = [...new Set(items.map((it) => categoryOf(it.n.kind)))];
  const prefs = new Preferences(
    (await work.tx
      .selectFrom('notification_preferences')
      .select(['scope', 'scope_id', 'category', 'channels'])
      .where(sql<boolean>`category = ANY(${sql.val(categories)}::text[])`)
      .where(
        sql<boolean>`((scope = 'user' AND scope_id = ANY(${sql.val(userIds)}::uuid[]))
                      OR (scope = 'department' AND scope_id = ANY(${sql.val([...departmentIds])}::uuid[])))`,
      )
      .execute()) as PreferenceRow[],
  );

  const emailFor = emailChannels(channels);
  const robots = channels.filter((c) => c.kind !== 'email');
  const now = work.clock.now();
  const rows: DeliveryInsert[] = [];
  for (const [i, recipients] of createdBy) {
    const { n } = items[i];
    const category = categoryOf(n.kind);
    const urgent = n.urgent === true;
    const base = { tenant_id: work.tenantId, category, kind: n.kind, title: n.title, body: n.body ?? '', link: n.link ?? null, urgent, next_attempt_at: now };
    for (const r of recipients) {
      const u = users.get(r.userId);
      if (!u?.email) continue;
      const channel = emailFor(u.department_id);
      if (!channel) continue;
      if (!urgent && !prefs.user(u.id, u.department_id, category).channels.includes('email')) continue;
      rows.push({ ...base, channel_id: channel.id, notification_id: r.notificationId, user_id: u.id, recipient: u.email, dedupe_key: `email:${u.id}:${n.dedupeKey}` });
    }
    const concerned = new Set(n.departmentIds ?? recipients.map((r) => users.get(r.userId)?.department_id).filter((d): d is string => !!d));
    for (const c of robots) {
      if (c.department_id && !concerned.has(c.department_id)) continue;
      if (!urgent) {
        if (!c.categories.includes(category)) continue;
        // a department may keep its own robots quiet for a category
        if (c.department_id && !prefs.department(c.department_id, category).channels.includes('robot')) continue;
      }
      rows.push({ ...base, channel_id: c.id, notification_id: null, user_id: null, recipient: c.kind, dedupe_key: `robot:${c.id}:${n.dedupeKey}` });
    }
  }
  if (!rows.length) return 0;
  let inserted = 0;
  for (let i = 0; i < rows.length; i += 2000) {
    const r = await work.tx
      .insertInto('notification_deliveries')
      .values(rows.slice(i, i + 2000))
      .onConflict((oc) => oc.columns(['tenant_id', 'dedupe_key']).doNothing())
      .returning('id')
      .execute();
    inserted += r.length;
  }
  // A job of its own per unit of work: a shared singleton key could fall on a run already past its claim.
  if (inserted) await work.schedule({ name: DELIVER_JOB, runAt: now, singletonKey: `notify:deliver:${randomUUID()}` });
  return inserted;
}

/** A delivery row as routing writes it: everything but what the database or the sender fills in. */
type DeliveryInsert = Omit<
  Insertable<NotificationDeliveriesTable>,
  'id' | 'body' | 'urgent' | 'state' | 'attempts' | 'last_error' | 'sent_at' | 'created_at' | 'updated_at' | 'next_attempt_at'
> & { body: string; urgent: boolean; next_attempt_at: Date };

/** The SMTP channel for a user: their department's own, else the company's. */
function emailChannels(channels: ChannelRow[]) {
  const email = channels.filter((c) => c.kind === 'email');
  const byDept = new Map<string, ChannelRow>();
  for (const c of email) if (c.department_id && !byDept.has(c.department_id)) byDept.set(c.department_id, c);
  const company = email.find((c) => !c.department_id) ?? null;
  return (departmentId: string | null) => (departmentId ? byDept.get(departmentId) : undefined) ?? company;
}

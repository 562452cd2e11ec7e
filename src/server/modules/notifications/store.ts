import { sql } from 'kysely';
import type { Tx } from '../../platform/work.js';

export interface NewNotification {
  kind: string;
  title: string;
  body?: string;
  link?: string;
  subjectType?: string;
  subjectId?: string;
  /** Same key for the same user → stored once (retries, duplicate events). */
  dedupeKey: string;
}

export class NotificationStore {
  /** Insert for each user unless already there; returns the rows actually created. */
  insert(tx: Tx, tenantId: string, userIds: string[], n: NewNotification) {
    return this.insertMany(tx, tenantId, [{ userIds, n }]);
  }

  /** Many notifications in as few statements as the parameter limit allows. */
  async insertMany(tx: Tx, tenantId: string, items: { userIds: string[]; n: NewNotification }[]) {
    const rows = items.flatMap(({ userIds, n }) =>
      userIds.map((userId) => ({
        tenant_id: tenantId,
        user_id: userId,
        kind: n.kind,
        title: n.title,
        body: n.body ?? '',
        link: n.link ?? null,
        subject_type: n.subjectType ?? null,
        subject_id: n.subjectId ?? null,
        dedupe_key: n.dedupeKey,
      })),
    );
    const created: { id: string; user_id: string; dedupe_key: string }[] = [];
    for (let i = 0; i < rows.length; i += 5000) {
      created.push(
        ...(await tx
          .insertInto('notifications')
          .values(rows.slice(i, i + 5000))
          .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'dedupe_key']).doNothing())
          .returning(['id', 'user_id', 'dedupe_key'])
          .execute()),
      );
    }
    return created;
  }

  async inbox(tx: Tx, userId: string, limit: number, unreadOnly: boolean) {
    let q = tx
      .selectFrom('notifications')
      .select(['id', 'kind', 'title', 'body', 'link', 'subject_type', 'subject_id', 'read_at', 'created_at'])
      .where('user_id', '=', userId);
    if (unreadOnly) q = q.where('read_at', 'is', null);
    const items = await q.orderBy('created_at', 'desc').limit(limit).execute();
    const unread = await tx
      .selectFrom('notifications')
      .select(sql<string>`count(*)`.as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return { items, unread: Number(unread.n) };
  }

  async markRead(tx: Tx, userId: string, id: string | null, now: Date) {
    let q = tx.updateTable('notifications').set({ read_at: now }).where('user_id', '=', userId).where('read_at', 'is', null);
    if (id) q = q.where('id', '=', id);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** Users holding any of the roles (e.g. everyone who assesses hazards). */
  async usersWithRoles(tx: Tx, roles: string[]) {
    const rows = await tx
      .selectFrom('users')
      .select('id')
      .where('active', '=', true)
      .where(sql<boolean>`roles && ${sql.val(roles)}::text[]`)
      .execute();
    return rows.map((r) => r.id);
  }

  /** The safety committee: members of a committee-kind department and holders of the committee role. */
  async committeeMembers(tx: Tx): Promise<string[]> {
    const rows = await tx
      .selectFrom('users as u')
      .leftJoin('departments as d', 'd.id', 'u.department_id')
      .select('u.id')
      .where('u.active', '=', true)
      .where((eb) => eb.or([eb('d.kind', '=', 'committee'), eb(sql<string>`'committee'`, '=', eb.fn.any('u.roles'))]))
      .execute();
    return rows.map((r) => r.id);
  }

  async departmentHead(tx: Tx, departmentId: string) {
    const row = await tx.selectFrom('departments').select('head_user_id').where('id', '=', departmentId).executeTakeFirst();
    return row?.head_user_id ?? null;
  }
}

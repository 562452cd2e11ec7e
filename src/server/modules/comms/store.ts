import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import type { Tx } from '../../platform/work.js';
import type { CommsConversationsTable, CommsMessagesTable } from '../../platform/db/schema-comms.js';

export type ConversationRow = Selectable<CommsConversationsTable>;
export type MessageRow = Selectable<CommsMessagesTable>;
export type SubjectType = 'flow_instance' | 'hazard' | 'warning';

/** The parts of a record that decide who sees its room and who is in it. */
export interface RecordFacts {
  type: SubjectType;
  id: string;
  code: string;
  title: string;
  status: string;
  /** People named on the record (reporter, initiator, responsible person, supervisor). */
  userIds: string[];
  /** Departments taking part (tasks of a case, the hazard's departments, instructed departments). */
  departmentIds: string[];
  /** Record-specific fields the record's own view policy reads. */
  scope: Record<string, unknown>;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

/** All SQL of the comms module. Runs inside the caller's unit of work (RLS: one tenant). */
export class CommsStore {
  // ——— conversations ———

  conversation(tx: Tx, id: string, lock = false) {
    let q = tx.selectFrom('comms_conversations').selectAll().where('id', '=', id);
    if (lock) q = q.forUpdate();
    return q.executeTakeFirst();
  }

  conversationOfRecord(tx: Tx, type: string, id: string) {
    return tx.selectFrom('comms_conversations').selectAll().where('kind', '=', 'record').where('subject_type', '=', type).where('subject_id', '=', id).executeTakeFirst();
  }

  conversationOfDepartment(tx: Tx, departmentId: string) {
    return tx.selectFrom('comms_conversations').selectAll().where('kind', '=', 'department').where('department_id', '=', departmentId).executeTakeFirst();
  }

  /** Insert or find (the unique indexes decide): two requests opening the same room get one. */
  async ensureConversation(tx: Tx, v: { tenantId: string; kind: 'direct' | 'department' | 'record'; title: string; departmentId?: string; subjectType?: string; subjectId?: string; directKey?: string; now: Date }): Promise<{ row: ConversationRow; created: boolean }> {
    const inserted = await sql<ConversationRow>`
      INSERT INTO comms_conversations (tenant_id, kind, title, department_id, subject_type, subject_id, direct_key, created_at)
      VALUES (${v.tenantId}, ${v.kind}, ${v.title}, ${v.departmentId ?? null}, ${v.subjectType ?? null}, ${v.subjectId ?? null}, ${v.directKey ?? null}, ${v.now})
      ON CONFLICT DO NOTHING RETURNING *`.execute(tx);
    if (inserted.rows[0]) return { row: inserted.rows[0], created: true };
    let q = tx.selectFrom('comms_conversations').selectAll().where('kind', '=', v.kind);
    if (v.kind === 'department') q = q.where('department_id', '=', v.departmentId!);
    else if (v.kind === 'record') q = q.where('subject_type', '=', v.subjectType!).where('subject_id', '=', v.subjectId!);
    else q = q.where('direct_key', '=', v.directKey!);
    return { row: await q.executeTakeFirstOrThrow(), created: false };
  }

  /** Add members (existing ones keep their read state); returns the users actually added. */
  async addMembers(tx: Tx, tenantId: string, conversationId: string, userIds: string[], reason: string, now: Date): Promise<string[]> {
    const ids = [...new Set(userIds.filter(Boolean))];
    if (!ids.length) return [];
    const rows = await tx
      .insertInto('comms_members')
      .values(ids.map((user_id) => ({ tenant_id: tenantId, conversation_id: conversationId, user_id, reason, last_read_seq: 0, joined_at: now })))
      .onConflict((oc) => oc.columns(['conversation_id', 'user_id']).doNothing())
      .returning('user_id')
      .execute();
    return rows.map((r) => r.user_id);
  }

  async memberIds(tx: Tx, conversationId: string): Promise<string[]> {
    const rows = await tx.selectFrom('comms_members').select('user_id').where('conversation_id', '=', conversationId).execute();
    return rows.map((r) => r.user_id);
  }

  member(tx: Tx, conversationId: string, userId: string) {
    return tx.selectFrom('comms_members').selectAll().where('conversation_id', '=', conversationId).where('user_id', '=', userId).executeTakeFirst();
  }

  async markRead(tx: Tx, conversationId: string, userId: string, seq: number): Promise<void> {
    await tx
      .updateTable('comms_members')
      .set({ last_read_seq: sql`greatest(last_read_seq, ${seq})` })
      .where('conversation_id', '=', conversationId)
      .where('user_id', '=', userId)
      .execute();
  }

  /**
   * The user's conversations (member rows, plus their department's channel), newest first, each
   * with its unread count (messages of others after the read position) and last message.
   */
  async listFor(tx: Tx, userId: string, departmentId: string | null) {
    const r = await sql<{
      id: string; kind: string; title: string; department_id: string | null; subject_type: string | null; subject_id: string | null; direct_key: string | null;
      last_seq: string; last_message_at: Date | null; created_at: Date; last_read_seq: string | null; unread: number; last_body: string | null; last_author: string | null; last_withdrawn: boolean | null;
    }>`
      SELECT c.id, c.kind, c.title, c.department_id, c.subject_type, c.subject_id, c.direct_key, c.last_seq::text, c.last_message_at, c.created_at,
             m.last_read_seq::text,
             (SELECT count(*)::int FROM comms_messages x WHERE x.conversation_id = c.id AND x.seq > coalesce(m.last_read_seq, 0)
                AND x.author_id IS DISTINCT FROM ${userId}::uuid AND x.withdrawn_at IS NULL) AS unread,
             l.body AS last_body, (SELECT display_name FROM users u WHERE u.id = l.author_id) AS last_author, l.withdrawn_at IS NOT NULL AS last_withdrawn
      FROM comms_conversations c
      LEFT JOIN comms_members m ON m.conversation_id = c.id AND m.user_id = ${userId}::uuid
      LEFT JOIN comms_messages l ON l.conversation_id = c.id AND l.seq = c.last_seq
      WHERE m.user_id IS NOT NULL OR (c.kind = 'department' AND c.department_id = ${departmentId}::uuid)
      ORDER BY coalesce(c.last_message_at, c.created_at) DESC, c.id
      LIMIT 300`.execute(tx);
    return r.rows;
  }

  // ——— messages ———

  /** The next position in the conversation; the row lock orders concurrent writers. */
  async nextSeq(tx: Tx, conversationId: string, now: Date): Promise<number> {
    const r = await tx
      .updateTable('comms_conversations')
      .set({ last_seq: sql`last_seq + 1`, last_message_at: now })
      .where('id', '=', conversationId)
      .returning('last_seq')
      .executeTakeFirstOrThrow();
    return Number(r.last_seq);
  }

  insertMessage(tx: Tx, v: { tenantId: string; conversationId: string; seq: number; authorId: string | null; kind?: 'text' | 'system'; body: string; replyTo: string | null; mentionUsers: string[]; mentionDepartments: string[]; files: string[]; links: { type: string; id: string }[]; now: Date }) {
    return tx
      .insertInto('comms_messages')
      .values({
        tenant_id: v.tenantId, conversation_id: v.conversationId, seq: v.seq, author_id: v.authorId, kind: v.kind ?? 'text', body: v.body, reply_to: v.replyTo,
        mention_users: v.mentionUsers, mention_departments: v.mentionDepartments, files: v.files, links: JSON.stringify(v.links), created_at: v.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  message(tx: Tx, id: string, lock = false) {
    let q = tx.selectFrom('comms_messages').selectAll().where('id', '=', id);
    if (lock) q = q.forUpdate();
    return q.executeTakeFirst();
  }

  /** A page of history: the newest `limit` messages before `beforeSeq` (or the newest of all). */
  page(tx: Tx, conversationId: string, beforeSeq: number | null, limit: number) {
    let q = tx.selectFrom('comms_messages').selectAll().where('conversation_id', '=', conversationId);
    if (beforeSeq !== null) q = q.where('seq', '<', String(beforeSeq));
    return q.orderBy('seq', 'desc').limit(limit).execute();
  }

  messagesByIds(tx: Tx, ids: string[]) {
    if (!ids.length) return Promise.resolve([] as MessageRow[]);
    return tx.selectFrom('comms_messages').selectAll().where('id', 'in', ids).execute();
  }

  async updateMessage(tx: Tx, id: string, version: number, patch: { body?: string; files?: string[]; edited_at?: Date; withdrawn_at?: Date; links?: string; mention_users?: string[] }): Promise<MessageRow | undefined> {
    return tx.updateTable('comms_messages').set({ ...patch, version: sql`version + 1` }).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
  }

  async insertRevision(tx: Tx, v: { tenantId: string; messageId: string; action: 'edit' | 'withdraw'; body: string; files: string[]; actorId: string | null; at: Date }) {
    await tx.insertInto('comms_message_revisions').values({ tenant_id: v.tenantId, message_id: v.messageId, action: v.action, body: v.body, files: v.files, actor_id: v.actorId, at: v.at }).execute();
  }

  revisions(tx: Tx, messageId: string) {
    return tx.selectFrom('comms_message_revisions').selectAll().where('message_id', '=', messageId).orderBy('id').execute();
  }

  /** Messages containing the text, in the given conversations, newest first. */
  search(tx: Tx, conversationIds: string[], q: string, limit: number) {
    if (!conversationIds.length) return Promise.resolve([] as MessageRow[]);
    return tx
      .selectFrom('comms_messages')
      .selectAll()
      .where('conversation_id', 'in', conversationIds)
      .where('withdrawn_at', 'is', null)
      .where(sql<boolean>`body ILIKE ${'%' + escapeLike(q) + '%'}`)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
  }

  // ——— people, departments, files ———

  users(tx: Tx, ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return tx.selectFrom('users').select(['id', 'display_name', 'department_id', 'username']).where('id', 'in', ids).execute();
  }

  departments(tx: Tx, ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return tx.selectFrom('departments').select(['id', 'name']).where('id', 'in', ids).execute();
  }

  async activeMembersOf(tx: Tx, departmentIds: string[]): Promise<string[]> {
    if (!departmentIds.length) return [];
    const rows = await tx.selectFrom('users').select('id').where('department_id', 'in', departmentIds).where('active', '=', true).execute();
    return rows.map((r) => r.id);
  }

  /** Everyone one may talk to (the person picker and @mentions): active users with their department. */
  directory(tx: Tx) {
    return tx
      .selectFrom('users as u')
      .leftJoin('departments as d', 'd.id', 'u.department_id')
      .select(['u.id', 'u.display_name', 'u.username', 'u.department_id', 'd.name as department_name'])
      .where('u.active', '=', true)
      .orderBy('d.sort')
      .orderBy('u.display_name')
      .execute();
  }

  allDepartments(tx: Tx) {
    return tx.selectFrom('departments').select(['id', 'name']).orderBy('sort').orderBy('name').execute();
  }

  files(tx: Tx, ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return tx.selectFrom('files').select(['id', 'mime', 'size', 'original_name', 'width', 'height', 'thumb_sha256']).where('id', 'in', ids).execute();
  }

  // ——— meetings ———

  insertMeeting(tx: Tx, v: { tenantId: string; conversationId: string; title: string; startedBy: string; invited: string[]; now: Date }) {
    return tx
      .insertInto('comms_meetings')
      .values({ tenant_id: v.tenantId, conversation_id: v.conversationId, title: v.title, started_by: v.startedBy, invited: v.invited, state: 'open', started_at: v.now })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  meeting(tx: Tx, id: string, lock = false) {
    let q = tx.selectFrom('comms_meetings').selectAll().where('id', '=', id);
    if (lock) q = q.forUpdate();
    return q.executeTakeFirst();
  }

  async setInvited(tx: Tx, id: string, invited: string[]) {
    await tx.updateTable('comms_meetings').set({ invited }).where('id', '=', id).execute();
  }

  async endMeeting(tx: Tx, id: string, now: Date) {
    await tx.updateTable('comms_meetings').set({ state: 'ended', ended_at: now }).where('id', '=', id).where('state', '=', 'open').execute();
  }

  /** Open meetings the user is invited to and has not joined (ringing on any page). */
  ringing(tx: Tx, userId: string) {
    return tx
      .selectFrom('comms_meetings as m')
      .selectAll('m')
      .where('m.state', '=', 'open')
      .where(sql<boolean>`${userId}::uuid = ANY(m.invited)`)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('comms_meeting_attendance as a').select('a.id').whereRef('a.meeting_id', '=', 'm.id').where('a.user_id', '=', userId).where('a.left_at', 'is', null))),
      )
      .orderBy('m.started_at', 'desc')
      .limit(5)
      .execute();
  }

  attendance(tx: Tx, meetingIds: string[]) {
    if (!meetingIds.length) return Promise.resolve([]);
    return tx
      .selectFrom('comms_meeting_attendance as a')
      .innerJoin('users as u', 'u.id', 'a.user_id')
      .leftJoin('departments as d', 'd.id', 'a.department_id')
      .select(['a.id', 'a.meeting_id', 'a.user_id', 'a.department_id', 'a.joined_at', 'a.left_at', 'u.display_name', 'd.name as department_name'])
      .where('a.meeting_id', 'in', meetingIds)
      .orderBy('a.joined_at')
      .execute();
  }

  /** Joining twice (a second tab) keeps the one open presence. */
  async join(tx: Tx, v: { tenantId: string; meetingId: string; userId: string; departmentId: string | null; now: Date }): Promise<boolean> {
    const r = await sql`INSERT INTO comms_meeting_attendance (tenant_id, meeting_id, user_id, department_id, joined_at)
      VALUES (${v.tenantId}, ${v.meetingId}, ${v.userId}, ${v.departmentId}, ${v.now})
      ON CONFLICT (meeting_id, user_id) WHERE left_at IS NULL DO NOTHING`.execute(tx);
    return Number(r.numAffectedRows ?? 0) > 0;
  }

  async leave(tx: Tx, meetingId: string, userId: string, now: Date): Promise<boolean> {
    const r = await tx.updateTable('comms_meeting_attendance').set({ left_at: now }).where('meeting_id', '=', meetingId).where('user_id', '=', userId).where('left_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async presentIds(tx: Tx, meetingId: string): Promise<string[]> {
    const rows = await tx.selectFrom('comms_meeting_attendance').select('user_id').where('meeting_id', '=', meetingId).where('left_at', 'is', null).execute();
    return rows.map((r) => r.user_id);
  }

  meetingsOf(tx: Tx, conversationId: string) {
    return tx.selectFrom('comms_meetings').selectAll().where('conversation_id', '=', conversationId).orderBy('started_at').execute();
  }

  insertSignal(tx: Tx, v: { tenantId: string; meetingId: string; from: string; to: string; kind: string; data: unknown; now: Date }) {
    return tx
      .insertInto('comms_signals')
      .values({ tenant_id: v.tenantId, meeting_id: v.meetingId, from_user: v.from, to_user: v.to, kind: v.kind, data: JSON.stringify(v.data), created_at: v.now })
      .returning('id')
      .executeTakeFirstOrThrow();
  }

  signal(tx: Tx, id: string) {
    return tx.selectFrom('comms_signals').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Meetings per month, and those whose attendees came from two departments or more. */
  async monthlyMeetings(tx: Tx, from: Date) {
    const r = await sql<{ month: string; meetings: number; cross_department: number }>`
      SELECT to_char(date_trunc('month', m.started_at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM') AS month,
             count(*)::int AS meetings,
             count(*) FILTER (WHERE (SELECT count(DISTINCT a.department_id) FROM comms_meeting_attendance a WHERE a.meeting_id = m.id) >= 2)::int AS cross_department
      FROM comms_meetings m WHERE m.started_at >= ${from}
      GROUP BY 1 ORDER BY 1`.execute(tx);
    return r.rows;
  }

  /** The equipment and sensor a record concerns: what a meeting shows live beside the video. */
  async liveOf(tx: Tx, type: SubjectType, id: string): Promise<{ equipmentId: string | null; sensorId: string | null }> {
    if (type === 'hazard') {
      const h = await tx.selectFrom('hazards').select('equipment_id').where('id', '=', id).executeTakeFirst();
      return { equipmentId: h?.equipment_id ?? null, sensorId: null };
    }
    if (type === 'warning') {
      const w = await tx.selectFrom('warnings').select(['equipment_id', 'sensor_id']).where('id', '=', id).executeTakeFirst();
      return { equipmentId: w?.equipment_id ?? null, sensorId: w?.sensor_id ?? null };
    }
    const c = await tx.selectFrom('flow_instances').select(['subject_type', 'subject_id']).where('id', '=', id).executeTakeFirst();
    if (c?.subject_id && (c.subject_type === 'hazard' || c.subject_type === 'warning')) return this.liveOf(tx, c.subject_type, c.subject_id);
    return { equipmentId: null, sensorId: null };
  }

  // ——— the records rooms belong to (read only: they are other modules' tables) ———

  async record(tx: Tx, type: SubjectType, id: string): Promise<RecordFacts | null> {
    if (type === 'hazard') {
      const h = await tx
        .selectFrom('hazards')
        .select(['id', 'code', 'title', 'status', 'grade', 'reporter_id', 'department_id', 'reporter_department_id', 'responsible_department_id', 'responsible_user_id', 'supervisor_id'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!h) return null;
      return {
        type, id, code: h.code, title: h.title, status: h.status,
        userIds: [h.reporter_id, h.responsible_user_id, h.supervisor_id].filter((x): x is string => !!x),
        departmentIds: [...new Set([h.department_id, h.responsible_department_id].filter((x): x is string => !!x))],
        scope: {
          status: h.status, grade: h.grade, reporterId: h.reporter_id, departmentId: h.department_id, reporterDepartmentId: h.reporter_department_id,
          responsibleDepartmentId: h.responsible_department_id, responsibleUserId: h.responsible_user_id, supervisorId: h.supervisor_id,
        },
      };
    }
    if (type === 'flow_instance') {
      const c = await tx.selectFrom('flow_instances').select(['id', 'code', 'title', 'status', 'initiator_id']).where('id', '=', id).executeTakeFirst();
      if (!c) return null;
      const tasks = await tx.selectFrom('flow_tasks').select('department_id').distinct().where('instance_id', '=', id).execute();
      const departmentIds = tasks.map((t) => t.department_id);
      return {
        type, id, code: c.code, title: c.title, status: c.status,
        userIds: c.initiator_id ? [c.initiator_id] : [], departmentIds,
        scope: { initiatorId: c.initiator_id, departmentIds, status: c.status },
      };
    }
    const w = await tx.selectFrom('warnings').select(['id', 'identifier', 'headline', 'state', 'status', 'department_ids']).where('id', '=', id).executeTakeFirst();
    if (!w) return null;
    return {
      type, id, code: w.identifier, title: w.headline, status: w.state,
      userIds: [], departmentIds: w.department_ids,
      scope: { status: w.status, departmentIds: w.department_ids },
    };
  }
}

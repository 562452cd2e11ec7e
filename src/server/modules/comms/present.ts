import type { Actor } from '../../platform/access.js';
import type { Work } from '../../platform/work.js';
import { fileUrls } from '../../platform/files/routes.js';
import { canViewRecord } from './policies.js';
import type { CommsStore, MessageRow, RecordFacts, SubjectType } from './store.js';

export interface LinkRef {
  type: SubjectType;
  id: string;
}

const RECORD_PATHS: Record<SubjectType, string> = { hazard: '/hazards/', flow_instance: '/flows/instances/', warning: '/warnings/' };

/** A record as a card in a message; a record the reader may not see shows as such, nothing of it. */
export function recordLink(r: RecordFacts, visible: boolean) {
  return visible
    ? { type: r.type, id: r.id, visible: true, code: r.code, title: r.title, status: r.status, path: RECORD_PATHS[r.type] + r.id }
    : { type: r.type, id: r.id, visible: false, code: null, title: null, status: null, path: null };
}

interface ListedConversation {
  id: string;
  kind: string;
  title: string;
  department_id: string | null;
  subject_type: string | null;
  subject_id: string | null;
  direct_key: string | null;
  last_seq: string | number;
  last_read_seq: string | null;
  last_message_at: Date | null;
  created_at: Date;
  unread: number;
  last_body: string | null;
  last_author: string | null;
  last_withdrawn: boolean | null;
}

export async function presentConversation(w: Work, store: CommsStore, c: ListedConversation, actor: Actor, known?: RecordFacts | null) {
  let title = c.title;
  let subject = null;
  if (c.kind === 'direct') {
    const otherId = c.direct_key!.split(':').find((id) => id !== actor.userId) ?? '';
    const [other] = await store.users(w.tx, [otherId]);
    title = other?.display_name ?? title;
  } else if (c.kind === 'record') {
    const record = known ?? (await store.record(w.tx, c.subject_type as SubjectType, c.subject_id!));
    if (record) subject = recordLink(record, canViewRecord(actor, record));
  }
  return {
    id: c.id,
    kind: c.kind,
    title,
    departmentId: c.department_id,
    subject,
    unread: Number(c.unread ?? 0),
    lastSeq: Number(c.last_seq),
    lastReadSeq: c.last_read_seq === null ? 0 : Number(c.last_read_seq),
    lastMessage: c.last_body === null ? null : { body: c.last_withdrawn ? null : c.last_body.slice(0, 80), author: c.last_author, withdrawn: !!c.last_withdrawn },
    lastMessageAt: c.last_message_at ? new Date(c.last_message_at).toISOString() : null,
  };
}

/** Messages with their authors, files, the message they answer and record cards, in one pass. */
export async function presentMessages(w: Work, store: CommsStore, rows: MessageRow[], actor: Actor) {
  const replyIds = [...new Set(rows.map((r) => r.reply_to).filter((x): x is string => !!x))];
  const replies = new Map((await store.messagesByIds(w.tx, replyIds)).map((r) => [r.id, r]));
  const userIds = new Set<string>();
  for (const r of [...rows, ...replies.values()]) if (r.author_id) userIds.add(r.author_id);
  for (const r of rows) for (const u of r.mention_users) userIds.add(u);
  const users = new Map((await store.users(w.tx, [...userIds])).map((u) => [u.id, u]));
  const depts = new Map((await store.departments(w.tx, [...new Set(rows.flatMap((r) => r.mention_departments))])).map((d) => [d.id, d]));
  const files = new Map((await store.files(w.tx, [...new Set(rows.flatMap((r) => (r.withdrawn_at ? [] : r.files)))])).map((f) => [f.id, f]));
  const cards = new Map<string, ReturnType<typeof recordLink>>();
  for (const r of rows) {
    for (const l of r.links as LinkRef[]) {
      const key = `${l.type}:${l.id}`;
      if (cards.has(key) || r.withdrawn_at) continue;
      const rec = await store.record(w.tx, l.type, l.id);
      if (rec) cards.set(key, recordLink(rec, canViewRecord(actor, rec)));
    }
  }
  const person = (id: string | null) => (id && users.get(id) ? { id, displayName: users.get(id)!.display_name } : null);
  return rows.map((r) => {
    const withdrawn = !!r.withdrawn_at;
    const parent = r.reply_to ? replies.get(r.reply_to) : undefined;
    return {
      id: r.id,
      conversationId: r.conversation_id,
      seq: Number(r.seq),
      kind: r.kind,
      author: person(r.author_id),
      mine: !!actor.userId && r.author_id === actor.userId,
      body: withdrawn ? null : r.body,
      withdrawn,
      edited: !!r.edited_at,
      replyTo: parent ? { id: parent.id, author: person(parent.author_id), body: parent.withdrawn_at ? null : parent.body.slice(0, 80) } : null,
      mentions: {
        users: r.mention_users.map((u) => person(u)).filter((x) => !!x),
        departments: r.mention_departments.map((d) => (depts.get(d) ? { id: d, name: depts.get(d)!.name } : null)).filter((x) => !!x),
      },
      files: withdrawn
        ? []
        : r.files.flatMap((id) => {
            const f = files.get(id);
            return f ? [{ id, mime: f.mime, size: f.size, name: f.original_name, width: f.width, height: f.height, ...fileUrls(id, !!f.thumb_sha256) }] : [];
          }),
      links: withdrawn ? [] : (r.links as LinkRef[]).flatMap((l) => cards.get(`${l.type}:${l.id}`) ?? []),
      createdAt: new Date(r.created_at).toISOString(),
      editedAt: r.edited_at ? new Date(r.edited_at).toISOString() : null,
      version: r.version,
      can: { change: !withdrawn && r.kind === 'text' && !!actor.userId && r.author_id === actor.userId },
    };
  });
}

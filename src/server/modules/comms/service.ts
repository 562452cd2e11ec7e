import type { Actor } from '../../platform/access.js';
import type { Platform } from '../../platform/platform.js';
import type { Work } from '../../platform/work.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { idempotent } from '../../platform/idempotency.js';
import { NotificationService } from '../notifications/service.js';
import { CommsStore, type ConversationRow, type MessageRow, type RecordFacts, type SubjectType } from './store.js';
import { canChangeMessage, canPost, canSeeConversation, canViewRecord, type ConversationAudience } from './policies.js';
import { COMMS_MESSAGE, COMMS_READ, type MessageEventPayload } from './events.js';
import { presentConversation, presentMessages, recordLink, type LinkRef } from './present.js';

export interface NewMessage {
  body: string;
  replyTo?: string | null;
  mentions?: { userIds?: string[]; departmentIds?: string[] };
  files?: string[];
  links?: LinkRef[];
}

/** A conversation the caller may see, with what decided it. */
export interface Visible {
  conv: ConversationRow;
  isMember: boolean;
  record: RecordFacts | null;
}

const RECORD_LINK = /\/(hazards|flows\/instances|warnings)\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/gi;
const LINK_TYPES: Record<string, SubjectType> = { hazards: 'hazard', 'flows/instances': 'flow_instance', warnings: 'warning' };

/**
 * Chat (C6): one-to-one, department channels and the rooms of records. Every access check runs
 * first, in the unit of work that does the change; messages are never changed without a revision.
 */
export class CommsService {
  readonly store = new CommsStore();
  private readonly notifications: NotificationService;
  /** The meetings held in a conversation (set by the module: meetings build on chat, not the reverse). */
  meetingsOf: (w: Work, conversationId: string) => Promise<unknown[]> = async () => [];
  constructor(private readonly p: Platform) {
    this.notifications = new NotificationService(p);
  }

  // ——— access ———

  /** The conversation if the caller may see it; 404 otherwise (its existence is not revealed). */
  async visible(w: Work, id: string, lock = false): Promise<Visible> {
    const conv = await this.store.conversation(w.tx, id, lock);
    if (!conv) throw new NotFoundError('conversation', id);
    const isMember = !!w.actor.userId && !!(await this.store.member(w.tx, id, w.actor.userId));
    const record = conv.kind === 'record' ? await this.store.record(w.tx, conv.subject_type as SubjectType, conv.subject_id!) : null;
    if (!canSeeConversation(w.actor, { kind: conv.kind, departmentId: conv.department_id, isMember, record })) throw new NotFoundError('conversation', id);
    return { conv, isMember, record };
  }

  audience(v: { conv: ConversationRow; record: RecordFacts | null }, memberIds: string[]): ConversationAudience {
    return {
      userIds: memberIds,
      departmentId: v.conv.kind === 'department' ? v.conv.department_id : null,
      record: v.record ? { type: v.record.type, scope: v.record.scope } : null,
    };
  }

  // ——— conversations ———

  list(actor: Actor) {
    return this.p.run(actor, async (w) => {
      if (actor.departmentId) await this.ensureDepartmentChannel(w, actor.departmentId);
      const rows = await this.store.listFor(w.tx, actor.userId!, actor.departmentId);
      const items = [];
      for (const r of rows) items.push(await presentConversation(w, this.store, r, actor));
      return { items, unread: items.reduce((n, i) => n + i.unread, 0) };
    });
  }

  /** A department's channel exists from the first look; its members are the department's people. */
  async ensureDepartmentChannel(w: Work, departmentId: string): Promise<ConversationRow> {
    const existing = await this.store.conversationOfDepartment(w.tx, departmentId);
    if (existing) {
      if (w.actor.userId && w.actor.departmentId === departmentId) await this.store.addMembers(w.tx, w.tenantId, existing.id, [w.actor.userId], 'participant', w.clock.now());
      return existing;
    }
    const [dept] = await this.store.departments(w.tx, [departmentId]);
    if (!dept) throw new NotFoundError('department', departmentId);
    const { row } = await this.store.ensureConversation(w.tx, { tenantId: w.tenantId, kind: 'department', title: `${dept.name}频道`, departmentId, now: w.clock.now() });
    await this.store.addMembers(w.tx, w.tenantId, row.id, await this.store.activeMembersOf(w.tx, [departmentId]), 'participant', w.clock.now());
    return row;
  }

  get(actor: Actor, id: string) {
    return this.p.read(actor, async (w) => {
      const v = await this.visible(w, id);
      const rows = await this.store.listFor(w.tx, actor.userId!, actor.departmentId);
      const mine = rows.find((r) => r.id === id);
      const base = mine ?? { ...v.conv, last_seq: String(v.conv.last_seq), last_read_seq: null, unread: 0, last_body: null, last_author: null, last_withdrawn: null };
      const members = await this.store.users(w.tx, await this.store.memberIds(w.tx, id));
      return {
        ...(await presentConversation(w, this.store, base, actor, v.record)),
        members: members.map((u) => ({ id: u.id, displayName: u.display_name, departmentId: u.department_id })),
        can: { post: canPost(actor, { kind: v.conv.kind, departmentId: v.conv.department_id, isMember: v.isMember, record: v.record }), meet: true },
      };
    });
  }

  openDirect(actor: Actor, userId: string) {
    return this.p.run(actor, async (w) => {
      if (userId === actor.userId) throw new ValidationError('a conversation needs another person', [{ path: 'userId', message: 'is yourself' }]);
      const [other] = await this.store.users(w.tx, [userId]);
      if (!other) throw new NotFoundError('user', userId);
      const key = [actor.userId!, userId].sort().join(':');
      const { row, created } = await this.store.ensureConversation(w.tx, { tenantId: w.tenantId, kind: 'direct', title: '', directKey: key, now: w.clock.now() });
      await this.store.addMembers(w.tx, w.tenantId, row.id, [actor.userId!, userId], 'participant', w.clock.now());
      if (created) w.audit({ action: 'comms.conversation.open', entityType: 'comms_conversation', entityId: row.id, after: { kind: 'direct', with: userId } });
      return { id: row.id };
    });
  }

  openDepartment(actor: Actor, departmentId: string) {
    return this.p.run(actor, async (w) => {
      const existing = await this.store.conversationOfDepartment(w.tx, departmentId);
      if (existing) {
        await this.visible(w, existing.id);
        return { id: existing.id };
      }
      if (actor.departmentId !== departmentId) throw new NotFoundError('conversation', departmentId);
      return { id: (await this.ensureDepartmentChannel(w, departmentId)).id };
    });
  }

  /** The room of a record: opened (with the record's participants) by whoever may see the record. */
  openRecordRoom(actor: Actor, type: SubjectType, id: string) {
    return this.p.run(actor, async (w) => ({ id: (await this.ensureRecordRoom(w, type, id, true)).id }));
  }

  async ensureRecordRoom(w: Work, type: SubjectType, id: string, checkActor: boolean): Promise<ConversationRow> {
    const record = await this.store.record(w.tx, type, id);
    if (!record || (checkActor && !canViewRecord(w.actor, record))) throw new NotFoundError(type, id);
    const { row, created } = await this.store.ensureConversation(w.tx, {
      tenantId: w.tenantId, kind: 'record', title: `${record.code} ${record.title}`.slice(0, 200), subjectType: type, subjectId: id, now: w.clock.now(),
    });
    if (created) {
      await this.syncParticipants(w, row, record);
      w.audit({ action: 'comms.room.open', entityType: 'comms_conversation', entityId: row.id, after: { subjectType: type, subjectId: id } });
    }
    return row;
  }

  /** The record's people and the members of its departments are in its room (departments added later join). */
  async syncParticipants(w: Work, room: ConversationRow, record: RecordFacts): Promise<string[]> {
    const people = [...record.userIds, ...(await this.store.activeMembersOf(w.tx, record.departmentIds))];
    return this.store.addMembers(w.tx, w.tenantId, room.id, people, 'participant', w.clock.now());
  }

  /** Called when a record changed: if it has a room, departments newly involved join it. */
  async onRecordChanged(w: Work, type: SubjectType, id: string, openIfMissing: boolean): Promise<void> {
    const room = await this.store.conversationOfRecord(w.tx, type, id);
    if (!room) {
      if (openIfMissing && (await this.store.record(w.tx, type, id))) await this.ensureRecordRoom(w, type, id, false);
      return;
    }
    const record = await this.store.record(w.tx, type, id);
    if (!record) return;
    const added = await this.syncParticipants(w, room, record);
    if (added.length) {
      const members = await this.store.memberIds(w.tx, room.id);
      w.emit({ type: COMMS_MESSAGE, subjectType: 'comms_conversation', subjectId: room.id,
        payload: { ...this.audience({ conv: room, record }, members), conversationId: room.id, change: 'joined' } satisfies MessageEventPayload });
    }
  }

  // ——— messages ———

  messages(actor: Actor, id: string, beforeSeq: number | null, limit: number) {
    return this.p.read(actor, async (w) => {
      const v = await this.visible(w, id);
      const rows = await this.store.page(w.tx, id, beforeSeq, limit + 1);
      const more = rows.length > limit;
      const page = rows.slice(0, limit).reverse();
      return { items: await presentMessages(w, this.store, page, actor), hasMore: more, lastSeq: Number(v.conv.last_seq) };
    });
  }

  post(actor: Actor, id: string, m: NewMessage, idempotencyKey?: string) {
    return this.p.run(actor, async (w) => {
      const r = await idempotent(w, idempotencyKey, { id, m }, async () => {
        const v = await this.visible(w, id, true);
        if (!canPost(actor, { kind: v.conv.kind, departmentId: v.conv.department_id, isMember: v.isMember, record: v.record })) throw new ForbiddenError('may not write here');
        const row = await this.write(w, v, m);
        return (await presentMessages(w, this.store, [row], actor))[0];
      });
      return r.body;
    });
  }

  /** Writes a message in a visible conversation: validation, mentions (invite + notify), the event. */
  async write(w: Work, v: Visible, m: NewMessage, kind: 'text' | 'system' = 'text'): Promise<MessageRow> {
    const now = w.clock.now();
    const body = m.body.trim();
    const files = [...new Set(m.files ?? [])];
    if (!body && !files.length) throw new ValidationError('a message needs text or a file', [{ path: 'body', message: 'empty' }]);
    if (files.length && (await this.store.files(w.tx, files)).length !== files.length) {
      throw new ValidationError('unknown file', [{ path: 'files', message: 'each file must be uploaded first (POST /api/v1/files)' }]);
    }
    if (m.replyTo) {
      const parent = await this.store.message(w.tx, m.replyTo);
      if (!parent || parent.conversation_id !== v.conv.id) throw new ValidationError('the reply must answer a message of this conversation', [{ path: 'replyTo', message: 'not in this conversation' }]);
    }
    const mentionUsers = [...new Set(m.mentions?.userIds ?? [])];
    const mentionDepts = [...new Set(m.mentions?.departmentIds ?? [])];
    const users = await this.store.users(w.tx, mentionUsers);
    if (users.length !== mentionUsers.length) throw new ValidationError('unknown person mentioned', [{ path: 'mentions.userIds', message: 'not a user of this company' }]);
    const depts = await this.store.departments(w.tx, mentionDepts);
    if (depts.length !== mentionDepts.length) throw new ValidationError('unknown department mentioned', [{ path: 'mentions.departmentIds', message: 'not a department of this company' }]);
    if (v.conv.kind === 'direct' && mentionDepts.length) {
      throw new ValidationError('a department cannot be mentioned in a one-to-one chat', [{ path: 'mentions.departmentIds', message: 'one-to-one' }]);
    }
    const links = dedupeLinks([...(m.links ?? []), ...linksIn(body)]).slice(0, 10);

    const seq = await this.store.nextSeq(w.tx, v.conv.id, now);
    const row = await this.store.insertMessage(w.tx, {
      tenantId: w.tenantId, conversationId: v.conv.id, seq, authorId: w.actor.userId, kind, body, replyTo: m.replyTo ?? null,
      mentionUsers, mentionDepartments: mentionDepts, files, links, now,
    });
    if (w.actor.userId) {
      await this.store.addMembers(w.tx, w.tenantId, v.conv.id, [w.actor.userId], 'author', now);
      await this.store.markRead(w.tx, v.conv.id, w.actor.userId, seq);
    }
    // A mention in a channel or room invites: the person (or department) joins and is notified on their channels.
    const deptPeople = await this.store.activeMembersOf(w.tx, mentionDepts);
    const mentioned = [...new Set([...mentionUsers, ...deptPeople])].filter((u) => u !== w.actor.userId);
    if (v.conv.kind !== 'direct') await this.store.addMembers(w.tx, w.tenantId, v.conv.id, mentioned, 'invited', now);
    else if (mentioned.some((u) => !v.conv.direct_key!.includes(u))) {
      throw new ValidationError('only the two people of a one-to-one chat can be mentioned there', [{ path: 'mentions.userIds', message: 'not in this chat' }]);
    }
    if (mentioned.length) {
      const where = v.record ? `${v.record.code} ${v.record.title}` : v.conv.title || '私聊';
      await this.notifications.notify(w, mentioned, {
        kind: 'comms.mention',
        title: `${w.actor.displayName} 在「${where}」中提到了${mentionUsers.length ? '你' : '你的部门'}`,
        body: body.slice(0, 200),
        link: `/messages/${v.conv.id}?seq=${seq}`,
        subjectType: 'comms_conversation',
        subjectId: v.conv.id,
        dedupeKey: `comms.mention:${row.id}`,
      });
    }
    const members = await this.store.memberIds(w.tx, v.conv.id);
    w.emit({ type: COMMS_MESSAGE, subjectType: 'comms_conversation', subjectId: v.conv.id,
      payload: { ...this.audience(v, members), conversationId: v.conv.id, change: 'posted' } satisfies MessageEventPayload });
    w.audit({
      action: 'comms.message.post', entityType: 'comms_message', entityId: row.id,
      after: { conversationId: v.conv.id, seq, body, files, mentions: { userIds: mentionUsers, departmentIds: mentionDepts }, replyTo: m.replyTo ?? null },
    });
    return row;
  }

  edit(actor: Actor, messageId: string, body: string, version: number) {
    return this.change(actor, messageId, version, 'edit', body);
  }

  withdraw(actor: Actor, messageId: string, version: number) {
    return this.change(actor, messageId, version, 'withdraw', null);
  }

  /** An edit or withdrawal: the text before it goes to the revisions and the audit, never lost. */
  private change(actor: Actor, messageId: string, version: number, action: 'edit' | 'withdraw', body: string | null) {
    return this.p.run(actor, async (w) => {
      const msg = await this.store.message(w.tx, messageId, true);
      if (!msg) throw new NotFoundError('message', messageId);
      const v = await this.visible(w, msg.conversation_id).catch(() => {
        throw new NotFoundError('message', messageId);
      });
      if (!canChangeMessage(actor, msg)) throw new ForbiddenError('only the author changes a message, once withdrawn never');
      if (msg.version !== version) throw new ConflictError('the message was changed meanwhile', 'VERSION_CONFLICT', [{ path: 'version', message: `current is ${msg.version}` }]);
      const now = w.clock.now();
      if (action === 'edit' && !body!.trim()) throw new ValidationError('an edit needs text (withdraw the message instead)', [{ path: 'body', message: 'empty' }]);
      await this.store.insertRevision(w.tx, { tenantId: w.tenantId, messageId, action, body: msg.body, files: msg.files, actorId: actor.userId, at: now });
      const updated = await this.store.updateMessage(w.tx, messageId, version,
        action === 'edit' ? { body: body!.trim(), edited_at: now, links: JSON.stringify(dedupeLinks([...(msg.links as LinkRef[]), ...linksIn(body!)])) } : { withdrawn_at: now });
      if (!updated) throw new ConflictError('the message was changed meanwhile', 'VERSION_CONFLICT');
      w.audit({ action: `comms.message.${action}`, entityType: 'comms_message', entityId: messageId, before: { body: msg.body, files: msg.files }, after: action === 'edit' ? { body: updated.body } : { withdrawn: true } });
      const members = await this.store.memberIds(w.tx, msg.conversation_id);
      w.emit({ type: COMMS_MESSAGE, subjectType: 'comms_conversation', subjectId: msg.conversation_id,
        payload: { ...this.audience(v, members), conversationId: msg.conversation_id, change: action === 'edit' ? 'edited' : 'withdrawn' } satisfies MessageEventPayload });
      return (await presentMessages(w, this.store, [updated], actor))[0];
    });
  }

  /** Earlier texts of a message: for its author and for those who read the audit. */
  history(actor: Actor, messageId: string) {
    return this.p.read(actor, async (w) => {
      const msg = await this.store.message(w.tx, messageId);
      if (!msg) throw new NotFoundError('message', messageId);
      await this.visible(w, msg.conversation_id).catch(() => {
        throw new NotFoundError('message', messageId);
      });
      if (msg.author_id !== actor.userId && !actor.permissions.has('audit.view')) throw new ForbiddenError('only the author and auditors see earlier texts');
      const revs = await this.store.revisions(w.tx, messageId);
      return { items: revs.map((r) => ({ action: r.action, body: r.body, files: r.files, at: new Date(r.at).toISOString(), actorId: r.actor_id })) };
    });
  }

  read(actor: Actor, id: string, seq: number) {
    return this.p.run(actor, async (w) => {
      const v = await this.visible(w, id);
      if (!v.isMember) await this.store.addMembers(w.tx, w.tenantId, id, [actor.userId!], 'participant', w.clock.now());
      await this.store.markRead(w.tx, id, actor.userId!, Math.min(seq, Number(v.conv.last_seq)));
      w.emit({ type: COMMS_READ, subjectType: 'comms_conversation', subjectId: id, payload: { userIds: [actor.userId!], conversationId: id } });
      return { ok: true };
    });
  }

  /** Text search across the conversations the caller is in and their department's channel. */
  search(actor: Actor, q: string, limit: number) {
    return this.p.read(actor, async (w) => {
      const convs = await this.store.listFor(w.tx, actor.userId!, actor.departmentId);
      const visibleIds: string[] = [];
      for (const c of convs) {
        const record = c.kind === 'record' ? await this.store.record(w.tx, c.subject_type as SubjectType, c.subject_id!) : null;
        if (canSeeConversation(actor, { kind: c.kind, departmentId: c.department_id, isMember: c.last_read_seq !== null, record })) visibleIds.push(c.id);
      }
      const rows = await this.store.search(w.tx, visibleIds, q, limit);
      const titles = new Map(await Promise.all(convs.filter((c) => rows.some((r) => r.conversation_id === c.id)).map(async (c) => [c.id, (await presentConversation(w, this.store, c, actor)).title] as const)));
      return { items: (await presentMessages(w, this.store, rows, actor)).map((m) => ({ ...m, conversationTitle: titles.get(m.conversationId) ?? '' })) };
    });
  }

  directory(actor: Actor) {
    return this.p.read(actor, async (w) => {
      const [people, departments] = await Promise.all([this.store.directory(w.tx), this.store.allDepartments(w.tx)]);
      return {
        people: people.map((u) => ({ id: u.id, displayName: u.display_name, username: u.username, departmentId: u.department_id, departmentName: u.department_name })),
        departments: departments.map((d) => ({ id: d.id, name: d.name })),
      };
    });
  }

  /** A record's room and its whole history, oldest first (for the record's timeline and export). */
  recordHistory(actor: Actor, type: SubjectType, id: string) {
    return this.p.read(actor, async (w) => {
      const record = await this.store.record(w.tx, type, id);
      if (!record || !canViewRecord(actor, record)) throw new NotFoundError(type, id);
      const room = await this.store.conversationOfRecord(w.tx, type, id);
      if (!room) return { conversationId: null, items: [], meetings: [], card: recordLink(record, true) };
      const rows = (await this.store.page(w.tx, room.id, null, 500)).reverse();
      return { conversationId: room.id, items: await presentMessages(w, this.store, rows, actor), meetings: await this.meetingsOf(w, room.id), card: recordLink(record, true) };
    });
  }
}

function linksIn(body: string): LinkRef[] {
  const out: LinkRef[] = [];
  for (const m of body.matchAll(RECORD_LINK)) out.push({ type: LINK_TYPES[m[1].toLowerCase()], id: m[2].toLowerCase() });
  return out;
}

function dedupeLinks(links: LinkRef[]): LinkRef[] {
  const seen = new Set<string>();
  return links.filter((l) => (seen.has(`${l.type}:${l.id}`) ? false : (seen.add(`${l.type}:${l.id}`), true)));
}

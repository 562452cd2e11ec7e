import { requirePermission, type Actor } from '../../platform/access.js';
import type { Platform } from '../../platform/platform.js';
import type { Work } from '../../platform/work.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { NotificationService } from '../notifications/service.js';
import type { CommsService } from './service.js';
import type { SubjectType } from './store.js';
import { MEETING_SIGNAL, MEETING_UPDATED, type MeetingEventPayload, type SignalEventPayload } from './events.js';
import { recordLink } from './present.js';

/** A mesh: every browser sends to every other, so beyond a handful the uplinks give out (README: an SFU takes over). */
export const MESH_LIMIT = 6;

const minutes = (from: Date, to: Date) => Math.max(1, Math.round((to.getTime() - from.getTime()) / 60_000));

/**
 * Video meetings (C6): started from a room or a record, the invited ring live and join; the
 * browsers exchange their session descriptions as rows (ids go through NOTIFY, the recipient
 * fetches). Who joined, when and for how long stays in the record's history.
 */
export class MeetingService {
  private readonly notifications: NotificationService;
  constructor(
    private readonly p: Platform,
    private readonly chat: CommsService,
  ) {
    this.notifications = new NotificationService(p);
  }

  private get store() {
    return this.chat.store;
  }

  /** The meeting if the caller may see its conversation (404 otherwise). */
  private async visible(w: Work, id: string, lock = false) {
    const meeting = await this.store.meeting(w.tx, id, lock);
    if (!meeting) throw new NotFoundError('meeting', id);
    const v = await this.chat.visible(w, meeting.conversation_id).catch(() => {
      throw new NotFoundError('meeting', id);
    });
    return { meeting, v };
  }

  private async emit(w: Work, meetingId: string, change: string) {
    const meeting = (await this.store.meeting(w.tx, meetingId))!;
    const v = await this.chat.visible(w, meeting.conversation_id);
    const members = await this.store.memberIds(w.tx, meeting.conversation_id);
    w.emit({
      type: MEETING_UPDATED, subjectType: 'comms_meeting', subjectId: meetingId,
      payload: { ...this.chat.audience(v, [...new Set([...members, ...meeting.invited])]), conversationId: meeting.conversation_id, change, invited: meeting.invited } satisfies MeetingEventPayload,
    });
  }

  start(actor: Actor, conversationId: string, invite: string[] | undefined, title: string | undefined) {
    return this.p.run(actor, async (w) => this.startIn(w, conversationId, invite, title));
  }

  startFromRecord(actor: Actor, type: SubjectType, id: string, invite: string[] | undefined, title: string | undefined) {
    return this.p.run(actor, async (w) => {
      const room = await this.chat.ensureRecordRoom(w, type, id, true);
      return this.startIn(w, room.id, invite, title);
    });
  }

  private async startIn(w: Work, conversationId: string, invite: string[] | undefined, title: string | undefined) {
    const actor = w.actor;
    const v = await this.chat.visible(w, conversationId, true);
    const members = await this.store.memberIds(w.tx, conversationId);
    const invited = [...new Set([actor.userId!, ...(invite?.length ? invite : members)])];
    const known = await this.store.users(w.tx, invited);
    if (known.length !== invited.length) throw new ValidationError('unknown person invited', [{ path: 'invite', message: 'not a user of this company' }]);
    // the invited join the conversation, so they can read what the meeting is about
    await this.store.addMembers(w.tx, w.tenantId, conversationId, invited, 'invited', w.clock.now());
    const name = title?.trim() || `${v.record ? v.record.code : v.conv.title} 视频会议`.trim();
    const meeting = await this.store.insertMeeting(w.tx, { tenantId: w.tenantId, conversationId, title: name.slice(0, 200), startedBy: actor.userId!, invited, now: w.clock.now() });
    await this.chat.write(w, { ...v, isMember: true }, { body: `${actor.displayName} 发起了视频会议「${meeting.title}」` }, 'system');
    await this.notifications.notify(w, invited.filter((u) => u !== actor.userId), {
      kind: 'comms.meeting',
      title: `${actor.displayName} 邀请你参加视频会议`,
      body: meeting.title,
      link: `/meetings/${meeting.id}`,
      subjectType: 'comms_meeting',
      subjectId: meeting.id,
      dedupeKey: `comms.meeting:${meeting.id}`,
    });
    w.audit({ action: 'comms.meeting.start', entityType: 'comms_meeting', entityId: meeting.id, after: { conversationId, title: meeting.title, invited } });
    await this.emit(w, meeting.id, 'started');
    return { id: meeting.id };
  }

  get(actor: Actor, id: string) {
    return this.p.read(actor, async (w) => {
      const { meeting, v } = await this.visible(w, id);
      return this.present(w, meeting.id, v.record ? { type: v.record.type, id: v.record.id } : null);
    });
  }

  private async present(w: Work, id: string, subject: { type: SubjectType; id: string } | null) {
    const meeting = (await this.store.meeting(w.tx, id))!;
    const [attendance, invitedUsers] = await Promise.all([this.store.attendance(w.tx, [id]), this.store.users(w.tx, meeting.invited)]);
    const record = subject ? await this.store.record(w.tx, subject.type, subject.id) : null;
    const now = w.clock.now();
    return {
      id: meeting.id,
      conversationId: meeting.conversation_id,
      title: meeting.title,
      state: meeting.state,
      startedAt: new Date(meeting.started_at).toISOString(),
      endedAt: meeting.ended_at ? new Date(meeting.ended_at).toISOString() : null,
      invited: invitedUsers.map((u) => ({ id: u.id, displayName: u.display_name })),
      present: attendance.filter((a) => !a.left_at).map((a) => ({ id: a.user_id, displayName: a.display_name, departmentName: a.department_name, joinedAt: new Date(a.joined_at).toISOString() })),
      attendance: attendance.map((a) => ({
        userId: a.user_id, displayName: a.display_name, departmentName: a.department_name,
        joinedAt: new Date(a.joined_at).toISOString(), leftAt: a.left_at ? new Date(a.left_at).toISOString() : null,
        minutes: minutes(new Date(a.joined_at), a.left_at ? new Date(a.left_at) : now),
      })),
      record: record ? recordLink(record, true) : null,
      live: subject ? await this.store.liveOf(w.tx, subject.type, subject.id) : { equipmentId: null, sensorId: null },
      iceServers: this.p.config.iceServers,
      meshLimit: MESH_LIMIT,
      can: { join: meeting.state === 'open' && !!w.actor.userId && meeting.invited.includes(w.actor.userId) },
    };
  }

  /** Only the invited are admitted; a mesh holds at most MESH_LIMIT people at once. */
  join(actor: Actor, id: string) {
    return this.p.run(actor, async (w) => {
      const { meeting, v } = await this.visible(w, id, true);
      if (meeting.state !== 'open') throw new ConflictError('the meeting has ended', 'MEETING_ENDED');
      if (!meeting.invited.includes(actor.userId!)) throw new ForbiddenError('only the invited join a meeting', 'NOT_INVITED');
      const present = await this.store.presentIds(w.tx, id);
      if (!present.includes(actor.userId!) && present.length >= MESH_LIMIT) {
        throw new ConflictError(`a meeting holds at most ${MESH_LIMIT} people`, 'MEETING_FULL');
      }
      if (await this.store.join(w.tx, { tenantId: w.tenantId, meetingId: id, userId: actor.userId!, departmentId: actor.departmentId, now: w.clock.now() })) {
        w.audit({ action: 'comms.meeting.join', entityType: 'comms_meeting', entityId: id });
        await this.chat.write(w, { ...v, isMember: true }, { body: `${actor.displayName} 加入了视频会议` }, 'system');
        await this.emit(w, id, 'joined');
      }
      return this.present(w, id, v.record ? { type: v.record.type, id: v.record.id } : null);
    });
  }

  leave(actor: Actor, id: string) {
    return this.p.run(actor, async (w) => {
      const { meeting, v } = await this.visible(w, id, true);
      const attendance = (await this.store.attendance(w.tx, [id])).find((a) => a.user_id === actor.userId && !a.left_at);
      if (!attendance) return { left: false };
      const now = w.clock.now();
      await this.store.leave(w.tx, id, actor.userId!, now);
      w.audit({ action: 'comms.meeting.leave', entityType: 'comms_meeting', entityId: id, after: { minutes: minutes(new Date(attendance.joined_at), now) } });
      await this.chat.write(w, { ...v, isMember: true }, { body: `${actor.displayName} 离开了视频会议（${minutes(new Date(attendance.joined_at), now)} 分钟）` }, 'system');
      if (!(await this.store.presentIds(w.tx, id)).length) {
        await this.store.endMeeting(w.tx, id, now);
        await this.chat.write(w, { ...v, isMember: true }, { body: `视频会议「${meeting.title}」结束，时长 ${minutes(new Date(meeting.started_at), now)} 分钟` }, 'system');
        w.audit({ action: 'comms.meeting.end', entityType: 'comms_meeting', entityId: id });
      }
      await this.emit(w, id, 'left');
      return { left: true };
    });
  }

  /** A session description (or candidate) for one other participant; both must be in the meeting. */
  signal(actor: Actor, id: string, s: { to: string; kind: 'offer' | 'answer' | 'candidate' | 'bye'; data: unknown }) {
    return this.p.run(actor, async (w) => {
      const { meeting } = await this.visible(w, id);
      const present = await this.store.presentIds(w.tx, id);
      if (meeting.state !== 'open' || !present.includes(actor.userId!)) throw new ForbiddenError('join the meeting first', 'NOT_IN_MEETING');
      if (!present.includes(s.to)) throw new ConflictError('that person is not in the meeting', 'PEER_GONE');
      const row = await this.store.insertSignal(w.tx, { tenantId: w.tenantId, meetingId: id, from: actor.userId!, to: s.to, kind: s.kind, data: s.data, now: w.clock.now() });
      w.emit({ type: MEETING_SIGNAL, subjectType: 'comms_signal', subjectId: row.id, payload: { toUserId: s.to, meetingId: id } satisfies SignalEventPayload });
      return { id: row.id };
    });
  }

  /** The recipient fetches what the event named; nobody else may read it. */
  readSignal(actor: Actor, id: string) {
    return this.p.read(actor, async (w) => {
      const s = await this.store.signal(w.tx, id);
      if (!s || s.to_user !== actor.userId) throw new NotFoundError('signal', id);
      return { id: s.id, meetingId: s.meeting_id, from: s.from_user, kind: s.kind, data: s.data };
    });
  }

  ringing(actor: Actor) {
    return this.p.read(actor, async (w) => {
      const rows = await this.store.ringing(w.tx, actor.userId!);
      const starters = new Map((await this.store.users(w.tx, rows.map((r) => r.started_by!).filter(Boolean))).map((u) => [u.id, u.display_name]));
      return { items: rows.map((r) => ({ id: r.id, title: r.title, startedBy: starters.get(r.started_by ?? '') ?? '', startedAt: new Date(r.started_at).toISOString() })) };
    });
  }

  /** The meetings held in a conversation with who attended, when and for how long (the record's timeline). */
  async meetingsOf(w: Work, conversationId: string) {
    const meetings = await this.store.meetingsOf(w.tx, conversationId);
    const attendance = await this.store.attendance(w.tx, meetings.map((m) => m.id));
    const now = w.clock.now();
    return meetings.map((m) => ({
      id: m.id, title: m.title, state: m.state, startedAt: new Date(m.started_at).toISOString(), endedAt: m.ended_at ? new Date(m.ended_at).toISOString() : null,
      attendance: attendance.filter((a) => a.meeting_id === m.id).map((a) => ({
        userId: a.user_id, displayName: a.display_name, departmentName: a.department_name, joinedAt: new Date(a.joined_at).toISOString(),
        leftAt: a.left_at ? new Date(a.left_at).toISOString() : null, minutes: minutes(new Date(a.joined_at), a.left_at ? new Date(a.left_at) : now),
      })),
    }));
  }

  /** 跨部门会议: meetings per month, and how many brought two departments or more together. */
  monthly(actor: Actor, months: number) {
    requirePermission(actor, 'analytics.view_all');
    return this.p.read(actor, async (w) => {
      const now = w.clock.now();
      const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1), 1) - 8 * 3_600_000);
      const rows = await this.store.monthlyMeetings(w.tx, from);
      return { items: rows.map((r) => ({ month: r.month, meetings: r.meetings, crossDepartment: r.cross_department })) };
    });
  }
}

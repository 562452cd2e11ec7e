import type { ConversationAudience } from './policies.js';

/** A message was written, edited or withdrawn (subject: the conversation). */
export const COMMS_MESSAGE = 'comms.message';
/** A user's read position moved (their other tabs and devices update their unread counts). */
export const COMMS_READ = 'comms.read';
/** A meeting started, someone joined or left, or it ended (subject: the meeting). */
export const MEETING_UPDATED = 'meeting.updated';
/** A WebRTC offer or answer for one participant (subject: the signal row; only its recipient hears). */
export const MEETING_SIGNAL = 'meeting.signal';

export type MessageEventPayload = ConversationAudience & { conversationId: string; change: 'posted' | 'edited' | 'withdrawn' | 'joined' };
export interface ReadEventPayload {
  userIds: string[];
  conversationId: string;
}
export type MeetingEventPayload = ConversationAudience & { conversationId: string; change: string; invited: string[] };
export interface SignalEventPayload {
  toUserId: string;
  meetingId: string;
}

/** Typed calls to /api/v1/comms (conversations, messages, read state, search, record rooms). */
import { api, uuid } from '../../platform/api/client';
import type { Attendance } from './meetings/api';
import type { Conversation, ConversationDetail, Directory, Message, NewMessage, SubjectType } from './types';

const enc = encodeURIComponent;

export const commsApi = {
  list: (signal?: AbortSignal) => api.get<{ items: Conversation[]; unread: number }>('/comms/conversations', undefined, { signal }),
  get: (id: string, signal?: AbortSignal) => api.get<ConversationDetail>(`/comms/conversations/${enc(id)}`, undefined, { signal }),
  messages: (id: string, before: number | null, signal?: AbortSignal) =>
    api.get<{ items: Message[]; hasMore: boolean; lastSeq: number }>(`/comms/conversations/${enc(id)}/messages`, { before: before ?? undefined, limit: 30 }, { signal }),
  post: (id: string, body: NewMessage) => api.post<Message>(`/comms/conversations/${enc(id)}/messages`, body, { headers: { 'Idempotency-Key': uuid() } }),
  read: (id: string, seq: number) => api.post<{ ok: boolean }>(`/comms/conversations/${enc(id)}/read`, { seq }),
  edit: (id: string, body: string, version: number) => api.patch<Message>(`/comms/messages/${enc(id)}`, { body, version }),
  withdraw: (id: string, version: number) => api.post<Message>(`/comms/messages/${enc(id)}/withdraw`, { version }),
  direct: (userId: string) => api.post<{ id: string }>('/comms/direct', { userId }),
  recordRoom: (type: SubjectType, id: string) => api.post<{ id: string }>(`/comms/records/${type}/${enc(id)}/room`, {}),
  recordHistory: (type: SubjectType, id: string, signal?: AbortSignal) =>
    api.get<{ conversationId: string | null; items: Message[]; meetings: { id: string; title: string; state: string; startedAt: string; attendance: Attendance[] }[] }>(`/comms/records/${type}/${enc(id)}/history`, undefined, { signal }),
  search: (q: string, signal?: AbortSignal) => api.get<{ items: Message[] }>('/comms/search', { q }, { signal }),
  directory: (signal?: AbortSignal) => api.get<Directory>('/comms/directory', undefined, { signal }),
};

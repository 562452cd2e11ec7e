/** Typed calls to the video-meeting routes of /api/v1/comms. */
import { api } from '../../../platform/api/client';
import type { RecordCard, SubjectType } from '../types';

export interface Attendance {
  userId: string;
  displayName: string;
  departmentName: string | null;
  joinedAt: string;
  leftAt: string | null;
  minutes: number;
}

export interface Meeting {
  id: string;
  conversationId: string;
  title: string;
  state: 'open' | 'ended';
  startedAt: string;
  endedAt: string | null;
  invited: { id: string; displayName: string }[];
  present: { id: string; displayName: string; departmentName: string | null; joinedAt: string }[];
  attendance: Attendance[];
  record: RecordCard | null;
  live: { equipmentId: string | null; sensorId: string | null };
  iceServers: RTCIceServer[];
  meshLimit: number;
  can: { join: boolean };
}

export interface Signal {
  id: string;
  meetingId: string;
  from: string;
  kind: 'offer' | 'answer' | 'candidate' | 'bye';
  data: RTCSessionDescriptionInit | Record<string, never>;
}

const enc = encodeURIComponent;

export const meetingApi = {
  start: (conversationId: string) => api.post<{ id: string }>(`/comms/conversations/${enc(conversationId)}/meetings`, {}),
  startFromRecord: (type: SubjectType, id: string) => api.post<{ id: string }>(`/comms/records/${type}/${enc(id)}/meetings`, {}),
  get: (id: string, signal?: AbortSignal) => api.get<Meeting>(`/comms/meetings/${enc(id)}`, undefined, { signal }),
  join: (id: string) => api.post<Meeting>(`/comms/meetings/${enc(id)}/join`, {}),
  leave: (id: string) => api.post<{ left: boolean }>(`/comms/meetings/${enc(id)}/leave`, {}),
  signal: (id: string, to: string, kind: Signal['kind'], data: object) => api.post<{ id: string }>(`/comms/meetings/${enc(id)}/signals`, { to, kind, data }),
  readSignal: (id: string) => api.get<Signal>(`/comms/signals/${enc(id)}`),
  ringing: (signal?: AbortSignal) => api.get<{ items: { id: string; title: string; startedBy: string; startedAt: string }[] }>('/comms/meetings/ringing', undefined, { signal }),
};

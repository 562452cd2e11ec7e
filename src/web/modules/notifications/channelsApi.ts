/** Preferences, channels and deliveries (C8): types mirror the server's answers. */
import { api, request } from '../../platform/api/client';

export const CATEGORIES = ['warning', 'hazard', 'flow', 'repair', 'qualification'] as const;
export type Category = (typeof CATEGORIES)[number];
export type PrefChannel = 'inapp' | 'email' | 'robot';
export const CHANNEL_KINDS = ['email', 'dingtalk', 'wecom', 'feishu'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
export const DELIVERY_STATES = ['pending', 'sent', 'failed', 'dead'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export interface CategoryChoice {
  category: Category;
  channels: PrefChannel[];
  source: 'user' | 'department' | 'default';
}

export interface Preferences {
  categories: Category[];
  email: { address: string | null; channelEnabled: boolean };
  mine: CategoryChoice[];
  departments: { id: string; name: string; defaults: CategoryChoice[] }[];
}

export interface PreferenceSave {
  scope: 'user' | 'department';
  departmentId?: string;
  items: { category: Category; channels: PrefChannel[] | null }[];
}

export interface EmailConfigView {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  from: string;
  passwordSet: boolean;
}
export interface RobotConfigView {
  webhookUrl: string;
  secretSet: boolean;
}

export interface Channel {
  id: string;
  kind: ChannelKind;
  name: string;
  department: { id: string; name: string } | null;
  categories: Category[];
  enabled: boolean;
  config: EmailConfigView | RobotConfigView;
  stats: { failed: number; dead: number; lastSentAt: string | null };
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ChannelList {
  items: Channel[];
  failures: { failed: number; dead: number };
}

export interface ChannelConfigInput {
  host?: string;
  port?: number;
  secure?: boolean;
  user?: string;
  password?: string;
  from?: string;
  webhookUrl?: string;
  secret?: string;
}

export interface ChannelInput {
  name: string;
  departmentId: string | null;
  categories: Category[];
  enabled: boolean;
  config: ChannelConfigInput;
}

export interface TestResult {
  ok: boolean;
  error: string | null;
  recipient: string;
  at: string;
}

export interface Delivery {
  id: string;
  channel: { id: string; name: string; kind: ChannelKind };
  recipient: string;
  kind: string;
  category: string;
  title: string;
  urgent: boolean;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
}

export interface DeliveryList {
  items: Delivery[];
  total: number;
  counts: Partial<Record<DeliveryState, number>>;
}

export interface DeliveryQuery {
  state?: DeliveryState[];
  channelId?: string;
  page: number;
  pageSize: number;
}

const id = (s: string) => encodeURIComponent(s);

export const notifyApi = {
  preferences: (signal?: AbortSignal) => api.get<Preferences>('/notifications/preferences', undefined, { signal }),
  savePreferences: (body: PreferenceSave) => request<Preferences>('PUT', '/notifications/preferences', { body }),
  channels: (signal?: AbortSignal) => api.get<ChannelList>('/notifications/channels', undefined, { signal }),
  createChannel: (body: ChannelInput & { kind: ChannelKind }) => api.post<Channel>('/notifications/channels', body),
  updateChannel: (channelId: string, body: Partial<ChannelInput> & { version: number }) => api.patch<Channel>(`/notifications/channels/${id(channelId)}`, body),
  deleteChannel: (channelId: string) => request<void>('DELETE', `/notifications/channels/${id(channelId)}`),
  testChannel: (channelId: string, to?: string) => api.post<TestResult>(`/notifications/channels/${id(channelId)}/test`, to ? { to } : {}),
  deliveries: (q: DeliveryQuery, signal?: AbortSignal) =>
    api.get<DeliveryList>('/notifications/deliveries', { state: q.state?.join(','), channelId: q.channelId, page: q.page, pageSize: q.pageSize }, { signal }),
  retryDelivery: (deliveryId: string) => api.post<{ id: string; state: DeliveryState }>(`/notifications/deliveries/${id(deliveryId)}/retry`),
  departments: (signal?: AbortSignal) => api.get<{ items: { id: string; name: string }[] }>('/departments', undefined, { signal }).then((r) => r.items),
};

import type { ColumnType, Generated } from 'kysely';

/** Kysely table types of the notify-channels module. They mirror its SQL migrations, which are the source of truth. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined, string>;

export interface NotificationChannelsTable {
  tenant_id: string;
  id: Generated<string>;
  kind: 'email' | 'dingtalk' | 'wecom' | 'feishu';
  name: string;
  department_id: string | null;
  config: Json;
  categories: string[];
  enabled: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface NotificationPreferencesTable {
  tenant_id: string;
  scope: 'user' | 'department';
  scope_id: string;
  category: string;
  channels: string[];
  updated_at: Timestamp;
}

export interface NotificationDeliveriesTable {
  tenant_id: string;
  id: Generated<string>;
  channel_id: string;
  notification_id: string | null;
  user_id: string | null;
  recipient: string;
  category: string;
  kind: string;
  title: string;
  body: Generated<string>;
  link: string | null;
  urgent: Generated<boolean>;
  state: Generated<'pending' | 'sent' | 'failed' | 'dead'>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  sent_at: Timestamp | null;
  dedupe_key: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface NotifyChannelsTables {
  notification_channels: NotificationChannelsTable;
  notification_preferences: NotificationPreferencesTable;
  notification_deliveries: NotificationDeliveriesTable;
}

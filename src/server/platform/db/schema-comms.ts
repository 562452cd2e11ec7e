import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the comms module's tables (migrations 1040–1059 are the source of truth). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined, string>;
type Ids = ColumnType<string[], string[] | undefined, string[]>;
type BigintNumber = ColumnType<string, number | string | bigint | undefined, number | string | bigint>;

export interface CommsConversationsTable {
  tenant_id: string;
  id: Generated<string>;
  kind: 'direct' | 'department' | 'record';
  title: Generated<string>;
  department_id: string | null;
  subject_type: string | null;
  subject_id: string | null;
  direct_key: string | null;
  last_seq: BigintNumber;
  last_message_at: Timestamp | null;
  created_at: Timestamp;
}

export interface CommsMembersTable {
  tenant_id: string;
  conversation_id: string;
  user_id: string;
  reason: Generated<string>;
  last_read_seq: BigintNumber;
  joined_at: Timestamp;
}

export interface CommsMessagesTable {
  tenant_id: string;
  id: Generated<string>;
  conversation_id: string;
  seq: BigintNumber;
  author_id: string | null;
  kind: Generated<'text' | 'system'>;
  body: string;
  reply_to: string | null;
  mention_users: Ids;
  mention_departments: Ids;
  files: Ids;
  links: Json;
  created_at: Timestamp;
  edited_at: Timestamp | null;
  withdrawn_at: Timestamp | null;
  version: Generated<number>;
}

export interface CommsMessageRevisionsTable {
  tenant_id: string;
  id: Generated<string>;
  message_id: string;
  action: 'edit' | 'withdraw';
  body: string;
  files: Ids;
  actor_id: string | null;
  at: Timestamp;
}

export interface CommsMeetingsTable {
  tenant_id: string;
  id: Generated<string>;
  conversation_id: string;
  title: string;
  started_by: string | null;
  invited: Ids;
  state: 'open' | 'ended';
  started_at: Timestamp;
  ended_at: Timestamp | null;
}

export interface CommsMeetingAttendanceTable {
  tenant_id: string;
  id: Generated<string>;
  meeting_id: string;
  user_id: string;
  department_id: string | null;
  joined_at: Timestamp;
  left_at: Timestamp | null;
}

export interface CommsSignalsTable {
  tenant_id: string;
  id: Generated<string>;
  meeting_id: string;
  from_user: string;
  to_user: string;
  kind: string;
  data: Json;
  created_at: Timestamp;
}

export interface CommsTables {
  comms_conversations: CommsConversationsTable;
  comms_members: CommsMembersTable;
  comms_messages: CommsMessagesTable;
  comms_message_revisions: CommsMessageRevisionsTable;
  comms_meetings: CommsMeetingsTable;
  comms_meeting_attendance: CommsMeetingAttendanceTable;
  comms_signals: CommsSignalsTable;
}

import type { ColumnType, Generated } from 'kysely';

/** Kysely table types of the warnings module. They mirror its SQL migrations, which are the source of truth. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<unknown, string | undefined, string>;
type Numeric = ColumnType<string | number, number | string, number | string>;

export interface WarningSourcesTable {
  tenant_id: string;
  id: Generated<string>;
  kind: string;
  name: string;
  key_hash: string | null;
  key_prefix: string | null;
  key_issued_at: NullableTimestamp;
  sender_allowlist: Generated<string[]>;
  feed_url: string | null;
  poll_seconds: Generated<number>;
  enabled: Generated<boolean>;
  last_polled_at: NullableTimestamp;
  last_poll_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface WarningsTable {
  tenant_id: string;
  id: Generated<string>;
  identifier: string;
  source_id: string | null;
  source_kind: string;
  source_name: string;
  status: string;
  msg_type: string;
  event_type: string;
  event: string;
  color: string;
  headline: string;
  description: Generated<string>;
  instruction: Generated<string>;
  sender: Generated<string>;
  sender_name: string | null;
  area_desc: Generated<string>;
  area_id: string | null;
  equipment_id: string | null;
  sensor_id: string | null;
  neighbour_name: string | null;
  photos: Generated<string[]>;
  references: Json;
  effective: NullableTimestamp;
  expires: NullableTimestamp;
  sent_at: Timestamp;
  state: Generated<string>;
  loop: Generated<string>;
  matched_rules: Json;
  department_ids: Generated<string[]>;
  /** Departments chosen by hand when raising it (besides the rules). */
  chosen_department_ids: Generated<string[]>;
  /** Each rise of a sensor warning's colour: { from, to, at, value }. */
  color_rises: Json;
  hazard_id: string | null;
  flow_instance_id: string | null;
  raised_by: string | null;
  cleared_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  cancelled_at: NullableTimestamp;
  cancel_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface WarningMessagesTable {
  tenant_id: string;
  id: Generated<string>;
  warning_id: string | null;
  source_id: string | null;
  sender: string;
  identifier: string;
  msg_type: string;
  status: string;
  sent_at: Timestamp;
  received_at: Timestamp;
  raw: string;
}

export interface WarningQuarantineTable {
  tenant_id: string;
  id: Generated<string>;
  source_id: string | null;
  reason: string;
  message: string;
  details: Json;
  raw: Generated<string>;
  sender: string | null;
  identifier: string | null;
  received_at: Timestamp;
}

export interface WarningRulesTable {
  tenant_id: string;
  id: Generated<string>;
  name: string;
  enabled: Generated<boolean>;
  source_kinds: Generated<string[]>;
  event_types: Generated<string[]>;
  min_color: string;
  area_ids: Generated<string[]>;
  instruct: Json;
  response_hours: Numeric;
  escalate_after_hours: Numeric;
  raise_hazard: Generated<boolean>;
  flow_template_key: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface WarningResponsesTable {
  tenant_id: string;
  id: Generated<string>;
  warning_id: string;
  department_id: string;
  instruction: string;
  rule_ids: Generated<string[]>;
  state: string;
  escalate_after_hours: Numeric;
  instructed_at: Timestamp;
  due_at: Timestamp;
  acknowledged_at: NullableTimestamp;
  acknowledged_by: string | null;
  reported_at: NullableTimestamp;
  reported_by: string | null;
  measures: string | null;
  photos: Generated<string[]>;
  overdue_at: NullableTimestamp;
  escalated_at: NullableTimestamp;
  stood_down_at: NullableTimestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface WarningsTables {
  warning_sources: WarningSourcesTable;
  warnings: WarningsTable;
  warning_messages: WarningMessagesTable;
  warning_quarantine: WarningQuarantineTable;
  warning_rules: WarningRulesTable;
  warning_responses: WarningResponsesTable;
}

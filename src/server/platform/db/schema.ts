import type { ColumnType, Generated } from 'kysely';
import type { WarningsTables } from './schema-warnings.js';
import type { SensorsTables } from './schema-sensors.js';
import type { NotifyChannelsTables } from './schema-notify-channels.js';
import type { AnalyticsTables } from './schema-analytics.js';
import type { CommsTables } from './schema-comms.js';
import type { AccountsTables } from './schema-accounts.js';

/** Kysely table types. They mirror the SQL migrations, which are the source of truth. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined, string>;

export interface TenantsTable {
  id: Generated<string>;
  code: string;
  name: string;
  created_at: Timestamp;
  demo: Generated<boolean>;
  sector: Generated<string>;
  address: Generated<string>;
  high_risk_sectors: Generated<string[]>;
  setup_completed_at: Timestamp | null;
}

export interface DepartmentsTable {
  tenant_id: string;
  id: Generated<string>;
  code: string;
  name: string;
  kind: Generated<string>;
  /** What the department does (core/org/functions.ts); several for e.g. 安全环保部. */
  functions: Generated<string[]>;
  head_user_id: string | null;
  sort: Generated<number>;
  created_at: Timestamp;
}

export interface UsersTable {
  tenant_id: string;
  id: Generated<string>;
  username: string;
  display_name: string;
  password_hash: string | null;
  department_id: string | null;
  roles: string[];
  position: string | null;
  employee_no: string | null;
  phone: string | null;
  email: string | null;
  locale: Generated<string>;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
  position_id: string | null;
  must_change_password: Generated<boolean>;
  last_login_at: Timestamp | null;
  disabled_at: Timestamp | null;
}

export interface AreasTable {
  tenant_id: string;
  id: Generated<string>;
  code: string;
  name: string;
  kind: string;
  department_id: string | null;
  description: Generated<string>;
  created_at: Timestamp;
}

export interface EquipmentTable {
  tenant_id: string;
  id: Generated<string>;
  code: string;
  name: string;
  category: string;
  model: string | null;
  area_id: string | null;
  department_id: string | null;
  special_type: string | null;
  status: Generated<string>;
  commissioned_on: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
}

export interface CountersTable {
  tenant_id: string;
  name: string;
  value: ColumnType<string, number | string, number | string>;
}

export interface FilesTable {
  tenant_id: string;
  id: Generated<string>;
  sha256: string;
  mime: string;
  size: number;
  original_name: string;
  width: number | null;
  height: number | null;
  thumb_sha256: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface NotificationsTable {
  tenant_id: string;
  id: Generated<string>;
  user_id: string;
  kind: string;
  title: string;
  body: Generated<string>;
  link: string | null;
  subject_type: string | null;
  subject_id: string | null;
  dedupe_key: string;
  read_at: Timestamp | null;
  created_at: Timestamp;
}

export interface ApiTokensTable {
  tenant_id: string;
  id: Generated<string>;
  name: string;
  token_hash: string;
  user_id: string;
  created_by: string | null;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  permissions: Generated<string[]>;
  expires_at: Timestamp | null;
  token_prefix: Generated<string>;
}

export interface IdempotencyKeysTable {
  tenant_id: string;
  user_id: string;
  key: string;
  request_hash: string;
  status: number;
  body: Json;
  created_at: Timestamp;
}

export interface AuditLogTable {
  tenant_id: string;
  seq: ColumnType<string, number | string, never>;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: Json | null;
  after: Json | null;
  basis: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadsTable {
  tenant_id: string;
  seq: ColumnType<string, number | string, number | string>;
  hash: string;
}

export interface SessionsTable {
  id_hash: string;
  tenant_id: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface AuthThrottleTable {
  key: string;
  failures: number;
  window_start: Timestamp;
  locked_until: Timestamp | null;
}

export interface EventsTable {
  id: Generated<string>;
  tenant_id: string;
  type: string;
  subject_type: string | null;
  subject_id: string | null;
  actor_id: string | null;
  payload: Json;
  created_at: Timestamp;
}

export interface JobsTable {
  id: Generated<string>;
  tenant_id: string | null;
  name: string;
  payload: Json;
  run_at: Timestamp;
  state: Generated<string>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  singleton_key: string | null;
  last_error: string | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface HazardsTable {
  tenant_id: string;
  id: Generated<string>;
  code: string;
  title: string;
  description: Generated<string>;
  area_id: string | null;
  equipment_id: string | null;
  department_id: string;
  reporter_id: string | null;
  reporter_department_id: string | null;
  source: Generated<string>;
  status: Generated<string>;
  grade: string | null;
  responsible_department_id: string | null;
  deadline: Timestamp | null;
  photos: ColumnType<string[], string[] | undefined, string[]>;
  location: Json | null;
  reported_at: Timestamp;
  assessed_at: Timestamp | null;
  closed_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
  potential_deaths: number | null;
  direct_loss_yuan: ColumnType<string | null, number | string | null, number | string | null>;
  risk_method: string | null;
  risk_input: Json | null;
  risk_score: ColumnType<string | null, number | string | null, number | string | null>;
  risk_level: string | null;
  risk_color: string | null;
  standards_version: number | null;
  assessment_basis: string | null;
  responsible_user_id: string | null;
  measures: string | null;
  budget_yuan: ColumnType<string | null, number | string | null, number | string | null>;
  supervisor_id: string | null;
  dispatched_at: Timestamp | null;
  rectification_note: string | null;
  after_photos: ColumnType<string[], string[] | undefined, string[]>;
  rectified_at: Timestamp | null;
  reject_count: Generated<number>;
  legacy_code: string | null;
}

export interface HazardTransitionsTable {
  tenant_id: string;
  id: Generated<string>;
  hazard_id: string;
  action: string;
  from_status: string;
  to_status: string;
  actor_id: string | null;
  actor_name: string;
  at: Timestamp;
  basis: string | null;
  data: Json;
}

/** A calendar date (always selected as text, 'YYYY-MM-DD'). */
type DateText = ColumnType<string, string, string>;

export interface EmployeeCertificatesTable {
  tenant_id: string;
  id: Generated<string>;
  user_id: string;
  cert_type: string;
  cert_no: string;
  issued_by: Generated<string>;
  issued_on: DateText;
  expires_on: DateText;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface EquipmentCertRequirementsTable {
  tenant_id: string;
  equipment_id: string;
  cert_type: string;
  created_at: Timestamp;
}

export interface EquipmentOperatorsTable {
  tenant_id: string;
  equipment_id: string;
  user_id: string;
  created_at: Timestamp;
}

export interface QualificationChecksTable {
  tenant_id: string;
  id: Generated<string>;
  hazard_id: string;
  equipment_id: string;
  result: Json;
  operator_count: Generated<number>;
  qualified_count: Generated<number>;
  status: Generated<string>;
  note: string | null;
  confirmed_by: string | null;
  confirmed_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface RepairOrdersTable {
  tenant_id: string;
  id: Generated<string>;
  code: string;
  hazard_id: string;
  equipment_id: string;
  department_id: string;
  status: Generated<string>;
  assignee_id: string | null;
  plan: string | null;
  plan_files: ColumnType<string[], string[] | undefined, string[]>;
  /** 诊断: the cause found (a case's 诊断 step, migration 0900). */
  diagnosis: string | null;
  diagnosed_at: Timestamp | null;
  result_note: string | null;
  started_at: Timestamp | null;
  done_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface FlowTemplatesTable {
  tenant_id: string;
  id: Generated<string>;
  key: string;
  version: number;
  name: string;
  description: Generated<string>;
  category: string;
  subject_types: ColumnType<string[], string[], string[]>;
  keywords: ColumnType<string[], string[] | undefined, string[]>;
  definition: Json;
  builtin: Generated<boolean>;
  active: Generated<boolean>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface FlowCalendarsTable {
  tenant_id: string;
  calendar: Json;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface FlowInstancesTable {
  tenant_id: string;
  id: Generated<string>;
  code: string;
  template_id: string;
  title: string;
  subject_type: Generated<string>;
  subject_id: string | null;
  initiator_id: string | null;
  initiator_department_id: string | null;
  status: Generated<string>;
  data: Json;
  edge_states: Json;
  node_states: Json;
  fired_rules: Json;
  overrides: Json;
  started_at: Timestamp;
  completed_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  cancel_reason: string | null;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface FlowTasksTable {
  tenant_id: string;
  id: Generated<string>;
  instance_id: string;
  key: string;
  rule_id: string | null;
  name: string;
  department_id: string;
  role: string | null;
  status: string;
  due_at: Timestamp;
  outputs: Json | null;
  rejections: Generated<number>;
  last_rejection: string | null;
  extension: Json | null;
  submitted_by: string | null;
  created_at: Timestamp;
  opened_at: Timestamp | null;
  started_at: Timestamp | null;
  submitted_at: Timestamp | null;
  approved_at: Timestamp | null;
  rejected_at: Timestamp | null;
  overdue_at: Timestamp | null;
  done_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  automated: Generated<boolean>;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface FlowTimelineTable {
  tenant_id: string;
  id: Generated<string>;
  instance_id: string;
  task_key: string | null;
  kind: string;
  actor_id: string | null;
  at: Timestamp;
  text: string;
  detail: Json;
}

export interface FlowCommentsTable {
  tenant_id: string;
  id: Generated<string>;
  instance_id: string;
  task_key: string | null;
  author_id: string;
  body: string;
  files: ColumnType<string[], string[] | undefined, string[]>;
  mentions: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Timestamp;
}

/** Modules with many tables keep their types beside this file (schema-<module>.ts). */
export interface DB extends WarningsTables, SensorsTables, NotifyChannelsTables, AnalyticsTables, CommsTables, AccountsTables {
  flow_templates: FlowTemplatesTable;
  flow_calendars: FlowCalendarsTable;
  flow_instances: FlowInstancesTable;
  flow_tasks: FlowTasksTable;
  flow_timeline: FlowTimelineTable;
  flow_comments: FlowCommentsTable;
  hazard_transitions: HazardTransitionsTable;
  tenants: TenantsTable;
  departments: DepartmentsTable;
  users: UsersTable;
  areas: AreasTable;
  equipment: EquipmentTable;
  counters: CountersTable;
  files: FilesTable;
  notifications: NotificationsTable;
  api_tokens: ApiTokensTable;
  idempotency_keys: IdempotencyKeysTable;
  audit_log: AuditLogTable;
  audit_heads: AuditHeadsTable;
  sessions: SessionsTable;
  auth_throttle: AuthThrottleTable;
  events: EventsTable;
  jobs: JobsTable;
  hazards: HazardsTable;
  employee_certificates: EmployeeCertificatesTable;
  equipment_cert_requirements: EquipmentCertRequirementsTable;
  equipment_operators: EquipmentOperatorsTable;
  qualification_checks: QualificationChecksTable;
  repair_orders: RepairOrdersTable;
}

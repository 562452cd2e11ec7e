import type { ColumnType, Generated } from 'kysely';

/** Kysely table types of the analytics, surveys and reports modules. They mirror 0700_analytics.sql, the source of truth. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A `date` column: read as a Date at 00:00 UTC of that day (pg and PGlite both), written as 'YYYY-MM-DD'. */
type DateColumn = ColumnType<Date, string, string>;

export interface AnalyticsChangesTable {
  tenant_id: string;
  source: 'hazards' | 'tasks' | 'cases' | 'actions';
  month: DateColumn;
  id: Generated<string>;
}

export interface AnalyticsHazardMonthlyTable {
  tenant_id: string;
  month: DateColumn;
  department_id: string;
  area_id: string | null;
  grade: string | null;
  reported: number;
  closed: number;
  closed_with_deadline: number;
  closed_on_time: number;
  first_pass: number;
  open_major: number;
}

export interface AnalyticsTaskMonthlyTable {
  tenant_id: string;
  month: DateColumn;
  template_id: string;
  task_key: string;
  task_name: string;
  department_id: string;
  tasks: number;
  cancelled: number;
  responded: number;
  response_minutes: number;
  done: number;
  done_minutes: number;
  first_pass: number;
  reworked: number;
  overdue: number;
  exceptions: number;
}

export interface AnalyticsCaseMonthlyTable {
  tenant_id: string;
  month: DateColumn;
  template_id: string;
  cases: number;
  completed: number;
  cancelled: number;
  cycle_minutes: number;
}

export interface AnalyticsActionMonthlyTable {
  tenant_id: string;
  month: DateColumn;
  template_id: string;
  actions: number;
  automated: number;
}

export interface AnalyticsDurationMonthlyTable {
  tenant_id: string;
  month: DateColumn;
  template_id: string | null;
  step: string;
  bucket: number;
  n: number;
  minutes: number;
}

export interface AnalyticsTargetsTable {
  tenant_id: string;
  key: string;
  target: number | null;
  benchmark: number | null;
  note: Generated<string>;
  updated_by: string | null;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface SurveyQuestion {
  key: string;
  zh: string;
  en: string;
}

export interface SurveyRoundsTable {
  tenant_id: string;
  id: Generated<string>;
  quarter: string;
  title: string;
  questions: ColumnType<SurveyQuestion[], string, string>;
  opens_at: Timestamp;
  closes_at: Timestamp;
  created_by: string | null;
  created_at: Timestamp;
}

export interface SurveyResponsesTable {
  tenant_id: string;
  id: Generated<string>;
  round_id: string;
  user_id: string;
  department_id: string | null;
  answers: ColumnType<Record<string, number>, string, string>;
  comment: Generated<string>;
  submitted_at: Timestamp;
}

export interface AnalyticsReportsTable {
  tenant_id: string;
  id: Generated<string>;
  kind: 'monthly' | 'quarterly';
  period: string;
  department_id: string | null;
  format: 'pdf' | 'xlsx';
  file_id: string;
  generated_by: string | null;
  generated_at: Timestamp;
}

export interface AnalyticsTables {
  analytics_changes: AnalyticsChangesTable;
  analytics_hazard_monthly: AnalyticsHazardMonthlyTable;
  analytics_task_monthly: AnalyticsTaskMonthlyTable;
  analytics_case_monthly: AnalyticsCaseMonthlyTable;
  analytics_action_monthly: AnalyticsActionMonthlyTable;
  analytics_duration_monthly: AnalyticsDurationMonthlyTable;
  analytics_targets: AnalyticsTargetsTable;
  survey_rounds: SurveyRoundsTable;
  survey_responses: SurveyResponsesTable;
  analytics_reports: AnalyticsReportsTable;
}

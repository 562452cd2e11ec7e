-- Analytics and evaluation (C14): monthly rollups of the hazard loop and the flow engine, kept
-- current incrementally. A statement-level trigger on each source table appends the months a
-- change touches to analytics_changes (append-only, so concurrent writers never wait on each
-- other); a refresh (analytics/rollup.ts) recomputes exactly those months from the source rows,
-- under a per-tenant advisory lock. Dashboards read the rollups, never the whole history.
--
-- Months are calendar months in China Standard Time (UTC+8, no daylight saving), stored as the
-- month's first day. Durations are in minutes; percentiles come from log-scale buckets
-- (analytics_bucket: four buckets per doubling, so a percentile is known to within ±9 %).

-- The month (UTC+8) of an instant.
CREATE FUNCTION analytics_month(at timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT date_trunc('month', (at AT TIME ZONE 'UTC') + interval '8 hours')::date $$;

-- Bucket of a duration in minutes: 0 below one minute, then 1 + floor(4·log2(minutes)), at most 100.
CREATE FUNCTION analytics_bucket(minutes double precision) RETURNS smallint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT CASE WHEN minutes < 1 THEN 0 ELSE least(100, 1 + floor(4 * ln(minutes) / ln(2)))::smallint END $$;

-- Months waiting for a refresh, per source. Appended by triggers; the refresh deletes what it handled.
CREATE TABLE analytics_changes (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  source text NOT NULL CHECK (source IN ('hazards', 'tasks', 'cases', 'actions')),
  month date NOT NULL,
  id bigserial PRIMARY KEY
);
CREATE INDEX analytics_changes_tenant ON analytics_changes (tenant_id, source, month);

-- Hazards by the month they were reported (a cohort: later closing updates that month's row).
CREATE TABLE analytics_hazard_monthly (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  month date NOT NULL,
  department_id uuid NOT NULL,
  area_id uuid,
  grade text,                         -- general | major | null (not assessed yet)
  reported int NOT NULL,
  closed int NOT NULL,
  closed_with_deadline int NOT NULL,
  closed_on_time int NOT NULL,        -- rectified_at (else closed_at) <= deadline
  first_pass int NOT NULL,            -- closed with no rejected acceptance (reject_count = 0)
  open_major int NOT NULL             -- major and not closed (as of the refresh)
);
CREATE INDEX analytics_hazard_monthly_month ON analytics_hazard_monthly (tenant_id, month);

-- Collaboration tasks by the month they were dispatched.
CREATE TABLE analytics_task_monthly (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  month date NOT NULL,
  template_id uuid NOT NULL,
  task_key text NOT NULL,
  task_name text NOT NULL,
  department_id uuid NOT NULL,
  tasks int NOT NULL,                 -- dispatched (cancelled ones included)
  cancelled int NOT NULL,
  responded int NOT NULL,             -- started or submitted at least once
  response_minutes double precision NOT NULL,  -- sum over responded: first answer − dispatch
  done int NOT NULL,
  done_minutes double precision NOT NULL,      -- sum over done: done − dispatch
  first_pass int NOT NULL,            -- done with no rejection
  reworked int NOT NULL,              -- rejected at least once
  overdue int NOT NULL,               -- went past its deadline
  exceptions int NOT NULL             -- overdue or rejected
);
CREATE INDEX analytics_task_monthly_month ON analytics_task_monthly (tenant_id, month);

-- Collaboration cases by the month they were launched.
CREATE TABLE analytics_case_monthly (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  month date NOT NULL,
  template_id uuid NOT NULL,
  cases int NOT NULL,
  completed int NOT NULL,
  cancelled int NOT NULL,
  cycle_minutes double precision NOT NULL     -- sum over completed: completed − started
);
CREATE INDEX analytics_case_monthly_month ON analytics_case_monthly (tenant_id, month);

-- Flow actions (timeline entries other than comments) by month; automated = no person acted.
CREATE TABLE analytics_action_monthly (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  month date NOT NULL,
  template_id uuid NOT NULL,
  actions int NOT NULL,
  automated int NOT NULL
);
CREATE INDEX analytics_action_monthly_month ON analytics_action_monthly (tenant_id, month);

-- Step durations for bottleneck analysis, bucketed. template_id null = the hazard loop, whose steps
-- are assess (reported→assessed), dispatch (assessed→dispatched), rectify (dispatched→rectified),
-- verify (rectified→closed); a flow's steps are its task keys (dispatch→done). step '_cycle' is
-- the whole case (hazard: reported→closed; flow: started→completed). The month is the cohort's
-- (hazard reported, task dispatched, case launched), so it is refreshed with that source.
CREATE TABLE analytics_duration_monthly (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  month date NOT NULL,
  template_id uuid,
  step text NOT NULL,
  bucket smallint NOT NULL,
  n int NOT NULL,
  minutes double precision NOT NULL
);
CREATE INDEX analytics_duration_monthly_month ON analytics_duration_monthly (tenant_id, month, template_id);

-- Targets and industry reference values an admin sets: key = a KPI key (src/core/analytics/kpis.ts),
-- or 'flow:<template id>' / 'flow:hazard' for a process's reference cycle time in hours.
CREATE TABLE analytics_targets (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  key text NOT NULL CHECK (key ~ '^[a-z_]{1,40}$' OR key ~ '^flow:[0-9a-z-]{1,40}$'),
  target double precision,
  benchmark double precision,
  note text NOT NULL DEFAULT '',
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  PRIMARY KEY (tenant_id, key)
);

-- Quarterly satisfaction survey (1–5 per question). One response per user and round; results are
-- shown only as means, per department only with at least three responses.
CREATE TABLE survey_rounds (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  quarter text NOT NULL CHECK (quarter ~ '^\d{4}-Q[1-4]$'),
  title text NOT NULL,
  -- [{ key, zh, en }]
  questions jsonb NOT NULL,
  opens_at timestamptz NOT NULL,
  closes_at timestamptz NOT NULL,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, quarter),
  CHECK (closes_at > opens_at)
);

CREATE TABLE survey_responses (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id uuid NOT NULL REFERENCES survey_rounds(id),
  user_id uuid NOT NULL REFERENCES users(id),
  department_id uuid REFERENCES departments(id),
  -- { questionKey: 1..5 }
  answers jsonb NOT NULL,
  comment text NOT NULL DEFAULT '',
  submitted_at timestamptz NOT NULL,
  UNIQUE (round_id, user_id)
);
CREATE INDEX survey_responses_round ON survey_responses (tenant_id, round_id, department_id);

-- Generated evaluation reports (scheduled or on demand), kept as files.
CREATE TABLE analytics_reports (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('monthly', 'quarterly')),
  period text NOT NULL,               -- YYYY-MM or YYYY-Qn
  department_id uuid REFERENCES departments(id),   -- null: the whole company
  format text NOT NULL CHECK (format IN ('pdf', 'xlsx')),
  file_id uuid NOT NULL REFERENCES files(id),
  generated_by uuid REFERENCES users(id),          -- null: the scheduled job
  generated_at timestamptz NOT NULL
);
CREATE INDEX analytics_reports_recent ON analytics_reports (tenant_id, generated_at DESC);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['analytics_changes', 'analytics_hazard_monthly', 'analytics_task_monthly', 'analytics_case_monthly',
    'analytics_action_monthly', 'analytics_duration_monthly', 'analytics_targets', 'survey_rounds',
    'survey_responses', 'analytics_reports'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant())', t);
  END LOOP;
END $$;

-- ——— change marks ———
-- Statement-level triggers with transition tables: one insert per statement and distinct month,
-- however many rows a bulk statement touches.
CREATE FUNCTION analytics_mark_hazards() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO analytics_changes (tenant_id, source, month)
      SELECT DISTINCT tenant_id, 'hazards', analytics_month(reported_at) FROM new_rows;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO analytics_changes (tenant_id, source, month)
      SELECT DISTINCT tenant_id, 'hazards', analytics_month(reported_at) FROM old_rows;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER analytics_hazards_ins AFTER INSERT ON hazards REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_mark_hazards();
CREATE TRIGGER analytics_hazards_upd AFTER UPDATE ON hazards REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_mark_hazards();
CREATE TRIGGER analytics_hazards_del AFTER DELETE ON hazards REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_mark_hazards();

CREATE FUNCTION analytics_mark_tasks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO analytics_changes (tenant_id, source, month)
      SELECT DISTINCT tenant_id, 'tasks', analytics_month(created_at) FROM new_rows;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO analytics_changes (tenant_id, source, month)
      SELECT DISTINCT tenant_id, 'tasks', analytics_month(created_at) FROM old_rows;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER analytics_tasks_ins AFTER INSERT ON flow_tasks REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_mark_tasks();
CREATE TRIGGER analytics_tasks_upd AFTER UPDATE ON flow_tasks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_mark_tasks();
CREATE TRIGGER analytics_tasks_del AFTER DELETE ON flow_tasks REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_mark_tasks();

CREATE FUNCTION analytics_mark_cases() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO analytics_changes (tenant_id, source, month)
      SELECT DISTINCT tenant_id, 'cases', analytics_month(started_at) FROM new_rows;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO analytics_changes (tenant_id, source, month)
      SELECT DISTINCT tenant_id, 'cases', analytics_month(started_at) FROM old_rows;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER analytics_cases_ins AFTER INSERT ON flow_instances REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_mark_cases();
CREATE TRIGGER analytics_cases_upd AFTER UPDATE ON flow_instances REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_mark_cases();
CREATE TRIGGER analytics_cases_del AFTER DELETE ON flow_instances REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_mark_cases();

-- The timeline is append-only.
CREATE FUNCTION analytics_mark_actions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_changes (tenant_id, source, month)
    SELECT DISTINCT tenant_id, 'actions', analytics_month(at) FROM new_rows;
  RETURN NULL;
END $$;
CREATE TRIGGER analytics_actions_ins AFTER INSERT ON flow_timeline REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_mark_actions();

-- Rows that exist before this migration: mark every month they touch, so the first refresh builds them.
INSERT INTO analytics_changes (tenant_id, source, month) SELECT DISTINCT tenant_id, 'hazards', analytics_month(reported_at) FROM hazards;
INSERT INTO analytics_changes (tenant_id, source, month) SELECT DISTINCT tenant_id, 'tasks', analytics_month(created_at) FROM flow_tasks;
INSERT INTO analytics_changes (tenant_id, source, month) SELECT DISTINCT tenant_id, 'cases', analytics_month(started_at) FROM flow_instances;
INSERT INTO analytics_changes (tenant_id, source, month) SELECT DISTINCT tenant_id, 'actions', analytics_month(at) FROM flow_timeline;

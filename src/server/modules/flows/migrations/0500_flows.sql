-- Flow engine (C5) and cross-department collaboration (C4).
-- Templates are versioned data; a case keeps the version it started with; every task keeps the
-- time of each step (created, opened, started, submitted, approved/rejected, overdue, done) so
-- analytics can see where the time goes.

CREATE TABLE flow_templates (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key text NOT NULL,
  version int NOT NULL,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  category text NOT NULL,
  subject_types text[] NOT NULL,
  keywords text[] NOT NULL DEFAULT '{}',
  -- json, not jsonb: the designer's order of steps and form fields is kept as drawn
  definition json NOT NULL,
  builtin boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, key, version)
);
ALTER TABLE flow_templates ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON flow_templates USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- The tenant's working calendar for deadlines in working hours (holidays change every year).
CREATE TABLE flow_calendars (
  tenant_id uuid PRIMARY KEY REFERENCES tenants(id),
  calendar jsonb NOT NULL,
  version int NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE flow_calendars ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON flow_calendars USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

CREATE TABLE flow_instances (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL,
  template_id uuid NOT NULL REFERENCES flow_templates(id),
  title text NOT NULL,
  subject_type text NOT NULL DEFAULT 'none',
  subject_id uuid,
  initiator_id uuid REFERENCES users(id),
  initiator_department_id uuid REFERENCES departments(id),
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'cancelled')),
  data jsonb NOT NULL DEFAULT '{}',
  -- the engine's token state (src/core/flows/machine.ts)
  edge_states jsonb NOT NULL DEFAULT '{}',
  node_states jsonb NOT NULL DEFAULT '{}',
  fired_rules jsonb NOT NULL DEFAULT '[]',
  -- launch adjustments per task: { key: { departmentId, deadlineHours } }
  overrides jsonb NOT NULL DEFAULT '{}',
  started_at timestamptz NOT NULL,
  completed_at timestamptz,
  cancelled_at timestamptz,
  cancel_reason text,
  version int NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, code)
);
CREATE INDEX flow_instances_recent ON flow_instances (tenant_id, started_at DESC, id);
CREATE INDEX flow_instances_subject ON flow_instances (tenant_id, subject_type, subject_id);
CREATE INDEX flow_instances_template ON flow_instances (tenant_id, template_id);
ALTER TABLE flow_instances ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON flow_instances USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

CREATE TABLE flow_tasks (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  instance_id uuid NOT NULL REFERENCES flow_instances(id),
  key text NOT NULL,
  rule_id text,
  name text NOT NULL,
  department_id uuid NOT NULL REFERENCES departments(id),
  role text,
  status text NOT NULL CHECK (status IN ('open', 'in_progress', 'submitted', 'done', 'cancelled')),
  due_at timestamptz NOT NULL,
  outputs jsonb,
  rejections int NOT NULL DEFAULT 0,
  last_rejection text,
  extension jsonb,
  submitted_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL,
  opened_at timestamptz,
  started_at timestamptz,
  submitted_at timestamptz,
  approved_at timestamptz,
  rejected_at timestamptz,
  overdue_at timestamptz,
  done_at timestamptz,
  cancelled_at timestamptz,
  -- set when the step finished by rule with no one acting (flow automation rate, C14)
  automated boolean NOT NULL DEFAULT false,
  version int NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (instance_id, key)
);
CREATE INDEX flow_tasks_department ON flow_tasks (tenant_id, department_id, status, due_at);
CREATE INDEX flow_tasks_instance ON flow_tasks (instance_id);
ALTER TABLE flow_tasks ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON flow_tasks USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- Everything that happened in a case, in order: the board's timeline.
CREATE TABLE flow_timeline (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id bigserial PRIMARY KEY,
  instance_id uuid NOT NULL REFERENCES flow_instances(id),
  task_key text,
  kind text NOT NULL,
  actor_id uuid REFERENCES users(id),
  at timestamptz NOT NULL,
  text text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX flow_timeline_instance ON flow_timeline (instance_id, id);
ALTER TABLE flow_timeline ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON flow_timeline USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

CREATE TABLE flow_comments (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  instance_id uuid NOT NULL REFERENCES flow_instances(id),
  task_key text,
  author_id uuid NOT NULL REFERENCES users(id),
  body text NOT NULL,
  files uuid[] NOT NULL DEFAULT '{}',
  mentions uuid[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL
);
CREATE INDEX flow_comments_instance ON flow_comments (instance_id, created_at);
ALTER TABLE flow_comments ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON flow_comments USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());


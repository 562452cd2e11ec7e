-- Warning linkage (C7): warnings from CAP feeds, sensors, neighbours and by hand become
-- instructions to departments, each answered with measures: 预警 → 响应 → 反馈.

-- Where warnings come from. A CAP source pushes with an API key (only its hash is kept) or is
-- polled at feed_url; its sender allowlist says whose messages it may carry ('*' = anyone,
-- for demos only).
CREATE TABLE warning_sources (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('cap', 'neighbour')),
  name text NOT NULL,
  -- sha256 of the key: looked up before the tenant is known, so unique across tenants
  key_hash text UNIQUE,
  key_prefix text,
  key_issued_at timestamptz,
  sender_allowlist text[] NOT NULL DEFAULT '{}',
  feed_url text,
  poll_seconds int NOT NULL DEFAULT 300 CHECK (poll_seconds BETWEEN 30 AND 86400),
  enabled boolean NOT NULL DEFAULT true,
  last_polled_at timestamptz,
  last_poll_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  UNIQUE (tenant_id, name)
);

CREATE TABLE warnings (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- the CAP identifier of the first message (GB/T 35965.1), or one we make for other kinds
  identifier text NOT NULL,
  source_id uuid REFERENCES warning_sources(id),
  source_kind text NOT NULL CHECK (source_kind IN ('cap', 'sensor', 'manual', 'neighbour')),
  source_name text NOT NULL,
  status text NOT NULL CHECK (status IN ('Actual', 'Exercise', 'Test', 'System', 'Draft')),
  msg_type text NOT NULL CHECK (msg_type IN ('Alert', 'Update', 'Cancel')),
  event_type text NOT NULL,
  event text NOT NULL,
  color text NOT NULL CHECK (color IN ('blue', 'yellow', 'orange', 'red')),
  headline text NOT NULL,
  description text NOT NULL DEFAULT '',
  instruction text NOT NULL DEFAULT '',
  sender text NOT NULL DEFAULT '',
  sender_name text,
  area_desc text NOT NULL DEFAULT '',
  area_id uuid REFERENCES areas(id),
  equipment_id uuid REFERENCES equipment(id),
  -- the sensors module's record; no foreign key so the modules stay independent
  sensor_id uuid,
  neighbour_name text,
  photos uuid[] NOT NULL DEFAULT '{}',
  "references" jsonb NOT NULL DEFAULT '[]',
  effective timestamptz,
  expires timestamptz,
  sent_at timestamptz NOT NULL,
  -- stored 'active' | 'cancelled' | 'closed'; 'expired' is derived from expires when read
  state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'cancelled', 'closed')),
  -- the response loop: 'none' (nobody instructed), 'open', 'closed' (every answer in, or cancelled)
  loop text NOT NULL DEFAULT 'none' CHECK (loop IN ('none', 'open', 'closed')),
  -- rules that matched ([{id, name}]); for tests and exercises only shown (a dry run)
  matched_rules jsonb NOT NULL DEFAULT '[]',
  -- departments instructed (or, for a dry run, that would be): who may see a test
  department_ids uuid[] NOT NULL DEFAULT '{}',
  hazard_id uuid,
  flow_instance_id uuid,
  raised_by uuid REFERENCES users(id),
  cleared_at timestamptz,
  closed_at timestamptz,
  cancelled_at timestamptz,
  cancel_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  UNIQUE (tenant_id, identifier)
);
CREATE INDEX warnings_recent ON warnings (tenant_id, sent_at DESC, id);
CREATE INDEX warnings_state ON warnings (tenant_id, state, sent_at DESC);

-- Every CAP message received and accepted. The same (sender, identifier) twice is one message.
CREATE TABLE warning_messages (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  warning_id uuid REFERENCES warnings(id),
  source_id uuid REFERENCES warning_sources(id),
  sender text NOT NULL,
  identifier text NOT NULL,
  msg_type text NOT NULL,
  status text NOT NULL,
  sent_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  raw text NOT NULL,
  UNIQUE (tenant_id, sender, identifier)
);
CREATE INDEX warning_messages_warning ON warning_messages (tenant_id, warning_id, received_at);

-- Messages refused (malformed, sender not allowed, unknown reference …), kept for the operator.
CREATE TABLE warning_quarantine (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  source_id uuid REFERENCES warning_sources(id),
  reason text NOT NULL,
  message text NOT NULL,
  details jsonb NOT NULL DEFAULT '[]',
  -- the first 64 KiB only
  raw text NOT NULL DEFAULT '',
  sender text,
  identifier text,
  received_at timestamptz NOT NULL
);
CREATE INDEX warning_quarantine_recent ON warning_quarantine (tenant_id, received_at DESC);

-- Linkage rules (core/warnings/rules.ts LinkageRuleDef as columns).
CREATE TABLE warning_rules (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  source_kinds text[] NOT NULL DEFAULT '{}',
  event_types text[] NOT NULL DEFAULT '{}',
  min_color text NOT NULL CHECK (min_color IN ('blue', 'yellow', 'orange', 'red')),
  area_ids uuid[] NOT NULL DEFAULT '{}',
  -- [{ departmentId, instruction }] in the order drawn
  instruct jsonb NOT NULL,
  response_hours numeric NOT NULL CHECK (response_hours > 0),
  escalate_after_hours numeric NOT NULL CHECK (escalate_after_hours >= 0),
  raise_hazard boolean NOT NULL DEFAULT false,
  flow_template_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1
);

-- One department's answer to one warning: instructed → acknowledged → reported (or overdue, stood down).
CREATE TABLE warning_responses (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  warning_id uuid NOT NULL REFERENCES warnings(id),
  department_id uuid NOT NULL REFERENCES departments(id),
  instruction text NOT NULL,
  rule_ids uuid[] NOT NULL DEFAULT '{}',
  state text NOT NULL CHECK (state IN ('instructed', 'acknowledged', 'reported', 'overdue', 'stood_down')),
  escalate_after_hours numeric NOT NULL DEFAULT 0,
  instructed_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  acknowledged_at timestamptz,
  acknowledged_by uuid REFERENCES users(id),
  reported_at timestamptz,
  reported_by uuid REFERENCES users(id),
  measures text,
  photos uuid[] NOT NULL DEFAULT '{}',
  overdue_at timestamptz,
  escalated_at timestamptz,
  stood_down_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  UNIQUE (warning_id, department_id)
);
CREATE INDEX warning_responses_department ON warning_responses (tenant_id, department_id, state);

DO $$
DECLARE t text;
BEGIN
  FOR t IN SELECT unnest(ARRAY['warning_sources','warnings','warning_messages','warning_quarantine','warning_rules','warning_responses'])
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant())', t);
  END LOOP;
END $$;

-- A pushed CAP message names its source only by the API key: the tenant is not known yet, so the
-- lookup runs as the owner and returns only what is needed to enter the tenant.
CREATE FUNCTION warnings_source_by_key(p_hash text)
RETURNS TABLE (tenant_id uuid, source_id uuid, enabled boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT s.tenant_id, s.id, s.enabled FROM warning_sources s WHERE s.key_hash = p_hash
$$;
REVOKE ALL ON FUNCTION warnings_source_by_key(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION warnings_source_by_key(text) TO zhian_app;

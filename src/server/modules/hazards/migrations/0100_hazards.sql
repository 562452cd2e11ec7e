-- Hazards (隐患): one shared record per reported hazard, seen by every department that needs it.
CREATE TABLE hazards (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  area_id uuid REFERENCES areas(id),
  equipment_id uuid REFERENCES equipment(id),
  -- the department where the hazard is (and, until assigned, the one answerable for it)
  department_id uuid NOT NULL REFERENCES departments(id),
  reporter_id uuid REFERENCES users(id),
  reporter_department_id uuid REFERENCES departments(id),
  source text NOT NULL DEFAULT 'report',
  -- closed loop: reported → assessed → rectifying → verifying → closed (see issue on dual prevention)
  status text NOT NULL DEFAULT 'reported',
  -- 'general' (一般隐患) | 'major' (重大隐患), set at assessment
  grade text,
  responsible_department_id uuid REFERENCES departments(id),
  deadline timestamptz,
  photos uuid[] NOT NULL DEFAULT '{}',
  location jsonb,
  reported_at timestamptz NOT NULL DEFAULT now(),
  assessed_at timestamptz,
  closed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  UNIQUE (tenant_id, code)
);
CREATE INDEX hazards_recent ON hazards (tenant_id, reported_at DESC, id);
CREATE INDEX hazards_status ON hazards (tenant_id, status, reported_at DESC);
CREATE INDEX hazards_department ON hazards (tenant_id, department_id, reported_at DESC);
CREATE INDEX hazards_area ON hazards (tenant_id, area_id, reported_at DESC);
CREATE INDEX hazards_reporter ON hazards (tenant_id, reporter_id, reported_at DESC);

ALTER TABLE hazards ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON hazards USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

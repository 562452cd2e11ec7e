-- Unified standards library (C2): the tenant's standards as versioned documents, and the
-- department intake mappings checked against them.

-- One row per version; the current version is the highest. Versions are never changed or
-- removed: records keep the version they were graded with and can always look it up.
CREATE TABLE standards_versions (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version int NOT NULL CHECK (version >= 1),
  -- a StandardsDocument (src/core/standards/types.ts)
  document jsonb NOT NULL,
  note text NOT NULL DEFAULT '',
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- two editors saving on the same version: the second insert fails and gets 409
  UNIQUE (tenant_id, version)
);

ALTER TABLE standards_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON standards_versions USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());
REVOKE UPDATE, DELETE, TRUNCATE ON standards_versions FROM zhian_app;

-- A department's own intake form and how its fields map onto the unified hazard fields.
CREATE TABLE intake_mappings (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_id uuid NOT NULL REFERENCES departments(id),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  -- IntakeForm: the department's field definitions
  form jsonb NOT NULL,
  -- IntakeMapping: form fields → title, description, area, equipment, grade, risk level
  mapping jsonb NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  -- the standards version the mapping was last checked against when saved
  standards_version int NOT NULL,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  UNIQUE (tenant_id, department_id, name)
);
CREATE INDEX intake_mappings_department ON intake_mappings (tenant_id, department_id);

ALTER TABLE intake_mappings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON intake_mappings USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- Dual prevention, part one (C3, 风险分级管控): risk points with their assessment and controls,
-- the tenant's site plan and the area outlines of the four-colour risk map.

-- An area's outline on the site plan, in image pixels: [[x, y], …] (x right, y down).
ALTER TABLE areas ADD COLUMN polygon jsonb;

-- The site-plan image of a tenant (one per tenant), and its size in pixels.
CREATE TABLE site_plans (
  tenant_id uuid PRIMARY KEY REFERENCES tenants(id),
  file_id uuid NOT NULL REFERENCES files(id),
  width int NOT NULL CHECK (width > 0),
  height int NOT NULL CHECK (height > 0),
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE site_plans ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON site_plans USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- Risk points (风险点): a place, a piece of equipment or a job whose risk is assessed and controlled.
CREATE TABLE risk_points (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL,                       -- FX-0001, per tenant
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('area', 'equipment', 'job')),
  area_id uuid NOT NULL REFERENCES areas(id),
  equipment_id uuid REFERENCES equipment(id),
  hazard_factors text NOT NULL DEFAULT '',  -- 主要危险因素
  accident_types text[] NOT NULL DEFAULT '{}', -- GB 6441-1986 categories (src/core/risks)
  -- the assessment, evaluated with the tenant's standards at the time (kept as it was then)
  method text NOT NULL CHECK (method IN ('lec', 'ls')),
  input jsonb NOT NULL,                     -- { l, e, c } or { l, s }
  score numeric(12, 2) NOT NULL,            -- D or R
  level text NOT NULL,                      -- the band's key (extreme … / major …)
  level_label text NOT NULL,                -- 显著危险, 较大风险 …
  color text NOT NULL CHECK (color IN ('red', 'orange', 'yellow', 'blue')),
  risk_level text NOT NULL,                 -- four-colour level: major | significant | general | low
  risk_level_label text NOT NULL,           -- 重大风险 / 较大风险 / 一般风险 / 低风险
  standards_version int NOT NULL,
  assessed_by uuid REFERENCES users(id),
  assessed_at timestamptz NOT NULL DEFAULT now(),
  -- 管控措施
  control_engineering text NOT NULL DEFAULT '',
  control_management text NOT NULL DEFAULT '',
  control_ppe text NOT NULL DEFAULT '',
  control_emergency text NOT NULL DEFAULT '',
  management_level text NOT NULL CHECK (management_level IN ('company', 'department', 'team', 'post')),
  department_id uuid NOT NULL REFERENCES departments(id),
  responsible_user_id uuid REFERENCES users(id),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  UNIQUE (tenant_id, code)
);
CREATE INDEX risk_points_area ON risk_points (tenant_id, area_id);
CREATE INDEX risk_points_department ON risk_points (tenant_id, department_id);
CREATE INDEX risk_points_color ON risk_points (tenant_id, color);

ALTER TABLE risk_points ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON risk_points USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

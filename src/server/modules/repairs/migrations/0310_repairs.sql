-- Repair orders (C1 设备部's lens): a hazard that concerns equipment becomes a repair item for the
-- equipment department: open → in_progress (assignee, repair plan, files) → done.
CREATE TABLE repair_orders (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL,
  hazard_id uuid NOT NULL UNIQUE REFERENCES hazards(id),
  equipment_id uuid NOT NULL REFERENCES equipment(id),
  -- the department that repairs (设备部)
  department_id uuid NOT NULL REFERENCES departments(id),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done')),
  assignee_id uuid REFERENCES users(id),
  plan text,
  plan_files uuid[] NOT NULL DEFAULT '{}',
  result_note text,
  started_at timestamptz,
  done_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  UNIQUE (tenant_id, code)
);
CREATE INDEX repair_orders_recent ON repair_orders (tenant_id, created_at DESC, id);
CREATE INDEX repair_orders_department ON repair_orders (tenant_id, department_id, status, created_at DESC);

ALTER TABLE repair_orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON repair_orders USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

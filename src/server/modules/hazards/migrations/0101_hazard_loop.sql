-- The hazard closed loop: assessment, dispatch, rectification, acceptance; supervision of major hazards.
ALTER TABLE hazards
  ADD COLUMN potential_deaths int,
  ADD COLUMN direct_loss_yuan numeric(16, 2),
  ADD COLUMN risk_method text,              -- 'lec' | 'ls'
  ADD COLUMN risk_input jsonb,              -- { l, e, c } or { l, s }
  ADD COLUMN risk_score numeric(10, 2),
  ADD COLUMN risk_level text,               -- label of the band, e.g. 显著危险
  ADD COLUMN risk_color text,               -- red | orange | yellow | blue
  ADD COLUMN standards_version int,         -- the standards version it was graded with
  ADD COLUMN assessment_basis text,
  ADD COLUMN responsible_user_id uuid REFERENCES users(id),
  ADD COLUMN measures text,
  ADD COLUMN budget_yuan numeric(14, 2),
  ADD COLUMN supervisor_id uuid REFERENCES users(id),   -- 挂牌督办 supervisor of a major hazard
  ADD COLUMN dispatched_at timestamptz,
  ADD COLUMN rectification_note text,
  ADD COLUMN after_photos uuid[] NOT NULL DEFAULT '{}',
  ADD COLUMN rectified_at timestamptz,
  ADD COLUMN reject_count int NOT NULL DEFAULT 0;

CREATE INDEX hazards_open_major ON hazards (tenant_id, deadline) WHERE grade = 'major' AND status <> 'closed';
CREATE INDEX hazards_deadline ON hazards (tenant_id, deadline) WHERE status IN ('assessed', 'rectifying');

-- Every step of the loop, timestamped, with who and on which basis (also raw material for analytics).
CREATE TABLE hazard_transitions (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hazard_id uuid NOT NULL REFERENCES hazards(id),
  action text NOT NULL,
  from_status text NOT NULL,
  to_status text NOT NULL,
  actor_id uuid REFERENCES users(id),
  actor_name text NOT NULL,
  at timestamptz NOT NULL,
  basis text,
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX hazard_transitions_hazard ON hazard_transitions (tenant_id, hazard_id, at);
ALTER TABLE hazard_transitions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON hazard_transitions USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

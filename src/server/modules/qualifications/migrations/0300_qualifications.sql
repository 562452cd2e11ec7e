-- Operator qualifications (C1 人事部's lens, C9): who holds which certificate, what each piece of
-- equipment requires, who operates it, and the check HR confirms when a hazard concerns equipment.

-- Certificates held by employees. cert_type is a code from qualifications/certificates.ts.
CREATE TABLE employee_certificates (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id),
  cert_type text NOT NULL,
  cert_no text NOT NULL,
  issued_by text NOT NULL DEFAULT '',
  issued_on date NOT NULL,
  expires_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  UNIQUE (tenant_id, user_id, cert_type, cert_no),
  CHECK (expires_on >= issued_on)
);
CREATE INDEX employee_certificates_user ON employee_certificates (tenant_id, user_id);

-- What operating a piece of equipment requires (one row per required certificate type).
CREATE TABLE equipment_cert_requirements (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  equipment_id uuid NOT NULL REFERENCES equipment(id),
  cert_type text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (equipment_id, cert_type)
);
CREATE INDEX equipment_cert_requirements_tenant ON equipment_cert_requirements (tenant_id, equipment_id);

-- Who operates a piece of equipment (the people whose qualification matters when it is at fault).
CREATE TABLE equipment_operators (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  equipment_id uuid NOT NULL REFERENCES equipment(id),
  user_id uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (equipment_id, user_id)
);
CREATE INDEX equipment_operators_user ON equipment_operators (tenant_id, user_id);

-- One check per hazard that concerns equipment: the computed verdict (snapshot at the time of the
-- report) and HR's confirmation.
CREATE TABLE qualification_checks (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hazard_id uuid NOT NULL UNIQUE REFERENCES hazards(id),
  equipment_id uuid NOT NULL REFERENCES equipment(id),
  result jsonb NOT NULL,
  operator_count int NOT NULL DEFAULT 0,
  qualified_count int NOT NULL DEFAULT 0,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed')),
  note text,
  confirmed_by uuid REFERENCES users(id),
  confirmed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1
);
CREATE INDEX qualification_checks_recent ON qualification_checks (tenant_id, created_at DESC, id);
CREATE INDEX qualification_checks_status ON qualification_checks (tenant_id, status, created_at DESC);

ALTER TABLE employee_certificates ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON employee_certificates USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());
ALTER TABLE equipment_cert_requirements ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON equipment_cert_requirements USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());
ALTER TABLE equipment_operators ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON equipment_operators USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());
ALTER TABLE qualification_checks ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON qualification_checks USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

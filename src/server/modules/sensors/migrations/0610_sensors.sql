-- Equipment sensors (C7): readings over MQTT and HTTP, thresholds with hold time and hysteresis.
-- A breach raises one warning through the warnings module; the state per threshold lives here so
-- several app instances sharing one MQTT subscription agree on it (rows locked per flush).

CREATE TABLE sensors (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- the MQTT topic's last level and the HTTP body's `sensor`
  code text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'),
  name text NOT NULL,
  equipment_id uuid REFERENCES equipment(id),
  area_id uuid REFERENCES areas(id),
  -- what is measured, e.g. dust_mg_m3, temperature, vibration_mm_s
  parameter text NOT NULL,
  unit text NOT NULL DEFAULT '',
  enabled boolean NOT NULL DEFAULT true,
  -- latest reading (by its own time, not arrival)
  last_value double precision,
  last_at timestamptz,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, code)
);
ALTER TABLE sensors ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sensors USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

CREATE TABLE sensor_thresholds (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  sensor_id uuid NOT NULL REFERENCES sensors(id) ON DELETE CASCADE,
  direction text NOT NULL CHECK (direction IN ('above', 'below')),
  "limit" double precision NOT NULL,
  -- hysteresis: a breach clears only once the value is back past this line
  clear_at double precision NOT NULL,
  hold_seconds int NOT NULL DEFAULT 0 CHECK (hold_seconds >= 0),
  color text NOT NULL CHECK (color IN ('blue', 'yellow', 'orange', 'red')),
  enabled boolean NOT NULL DEFAULT true,
  sort int NOT NULL DEFAULT 0,
  CHECK ((direction = 'above' AND clear_at <= "limit") OR (direction = 'below' AND clear_at >= "limit"))
);
CREATE INDEX sensor_thresholds_sensor ON sensor_thresholds (sensor_id);
ALTER TABLE sensor_thresholds ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sensor_thresholds USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- The state machine of core/sensors/threshold.ts, one row per threshold.
CREATE TABLE sensor_states (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  threshold_id uuid PRIMARY KEY REFERENCES sensor_thresholds(id) ON DELETE CASCADE,
  sensor_id uuid NOT NULL REFERENCES sensors(id) ON DELETE CASCADE,
  phase text NOT NULL DEFAULT 'normal' CHECK (phase IN ('normal', 'pending', 'breached')),
  since timestamptz,
  last_value double precision,
  last_at timestamptz,
  -- the warning raised for the current breach, if any
  warning_identifier text,
  changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sensor_states_sensor ON sensor_states (sensor_id);
ALTER TABLE sensor_states ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sensor_states USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- High volume: four columns and the one index the trend queries use. The key doubles as the
-- duplicate filter for redelivered MQTT messages (same sensor, same instant). No foreign key to
-- sensors (a key-share lock and a lookup per row): sensors are disabled, never deleted.
CREATE TABLE sensor_readings (
  tenant_id uuid NOT NULL,
  sensor_id uuid NOT NULL,
  at timestamptz NOT NULL,
  value double precision NOT NULL,
  PRIMARY KEY (sensor_id, at)
);
ALTER TABLE sensor_readings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sensor_readings USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- A real organisation moves in: the organisation's profile, demo tenants marked, positions as
-- records, account state (must change password, last login), scoped API tokens and one-time links
-- (setup, activation, password reset).

-- Demo tenants are marked, so that with demo mode off their accounts, tokens and keys are refused.
ALTER TABLE tenants
  ADD COLUMN demo boolean NOT NULL DEFAULT false,
  ADD COLUMN sector text NOT NULL DEFAULT 'manufacturing'
    CHECK (sector IN ('manufacturing','park','school','hospital','other')),
  ADD COLUMN address text NOT NULL DEFAULT '',
  -- 高危行业 (mines, hazardous chemicals, fireworks, metal smelting): later training rules need it
  ADD COLUMN high_risk_sectors text[] NOT NULL DEFAULT '{}'
    CHECK (high_risk_sectors <@ ARRAY['mines','hazardous_chemicals','fireworks','metal_smelting']::text[]),
  ADD COLUMN setup_completed_at timestamptz;
UPDATE tenants SET demo = true, setup_completed_at = created_at
  WHERE id IN (SELECT tenant_id FROM audit_log WHERE action = 'demo.seed' AND entity_type = 'tenant');
UPDATE tenants SET setup_completed_at = created_at WHERE setup_completed_at IS NULL;

-- Positions are records (training requirements attach to them later), not free text. users.position
-- stays as the position's name for readers; a trigger keeps the two together.
CREATE TABLE positions (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  department_id uuid REFERENCES departments(id),
  retired_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX positions_name ON positions
  (tenant_id, coalesce(department_id, '00000000-0000-0000-0000-000000000000'::uuid), name);
ALTER TABLE positions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON positions USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

ALTER TABLE users
  ADD COLUMN position_id uuid REFERENCES positions(id),
  ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
  ADD COLUMN last_login_at timestamptz,
  ADD COLUMN disabled_at timestamptz;
CREATE UNIQUE INDEX users_employee_no ON users (tenant_id, employee_no) WHERE employee_no IS NOT NULL;

INSERT INTO positions (tenant_id, name, department_id)
  SELECT DISTINCT tenant_id, position, department_id FROM users WHERE coalesce(position, '') <> '';
UPDATE users u SET position_id = p.id FROM positions p
  WHERE p.tenant_id = u.tenant_id AND p.name = u.position AND p.department_id IS NOT DISTINCT FROM u.department_id;

-- A user written with a position name and no position record gets the record (found or made in
-- the user's department); a position record given sets the name. Seeds and imports stay simple.
CREATE FUNCTION users_position_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- a new name written without a new record: find or make the record for the name
  IF TG_OP = 'UPDATE' AND NEW.position IS DISTINCT FROM OLD.position AND NEW.position_id IS NOT DISTINCT FROM OLD.position_id THEN
    NEW.position_id := NULL;
  END IF;
  IF NEW.position_id IS NOT NULL THEN
    IF TG_OP = 'INSERT' OR NEW.position_id IS DISTINCT FROM OLD.position_id THEN
      SELECT name INTO NEW.position FROM positions WHERE id = NEW.position_id;
    END IF;
  ELSIF coalesce(NEW.position, '') <> '' THEN
    INSERT INTO positions (tenant_id, name, department_id) VALUES (NEW.tenant_id, NEW.position, NEW.department_id)
      ON CONFLICT (tenant_id, coalesce(department_id, '00000000-0000-0000-0000-000000000000'::uuid), name)
      DO UPDATE SET name = EXCLUDED.name
      RETURNING id INTO NEW.position_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER users_position BEFORE INSERT OR UPDATE OF position, position_id ON users
  FOR EACH ROW EXECUTE FUNCTION users_position_record();

-- API tokens act as an integration with a set of permissions (never more than their creator's),
-- until they expire or are revoked. Tokens made before scopes existed get none.
ALTER TABLE api_tokens
  ADD COLUMN permissions text[] NOT NULL DEFAULT '{}',
  ADD COLUMN expires_at timestamptz,
  ADD COLUMN token_prefix text NOT NULL DEFAULT '';

-- One-time links: first-run setup (no tenant yet), account activation and password reset.
-- Only the SHA-256 of the link's secret is stored. A platform table like sessions.
CREATE TABLE auth_links (
  token_hash text PRIMARY KEY,
  purpose text NOT NULL CHECK (purpose IN ('setup','activation')),
  tenant_id uuid REFERENCES tenants(id),
  user_id uuid REFERENCES users(id),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX auth_links_user ON auth_links (user_id) WHERE used_at IS NULL;

-- Login and token lookups now say whether the tenant is a demo tenant and what the account must do.
DROP FUNCTION auth_find_user(text, text);
CREATE FUNCTION auth_find_user(p_tenant_code text, p_username text)
RETURNS TABLE (tenant_id uuid, user_id uuid, password_hash text, active boolean, demo boolean, must_change_password boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT u.tenant_id, u.id, u.password_hash, u.active, t.demo, u.must_change_password
  FROM users u JOIN tenants t ON t.id = u.tenant_id
  WHERE t.code = p_tenant_code AND u.username = p_username
$$;

DROP FUNCTION auth_session(text);
CREATE FUNCTION auth_session(p_id_hash text)
RETURNS TABLE (tenant_id uuid, user_id uuid, expires_at timestamptz, last_seen_at timestamptz,
               username text, display_name text, department_id uuid, roles text[], locale text, active boolean,
               demo boolean, must_change_password boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT s.tenant_id, s.user_id, s.expires_at, s.last_seen_at,
         u.username, u.display_name, u.department_id, u.roles, u.locale, u.active, t.demo, u.must_change_password
  FROM sessions s JOIN users u ON u.id = s.user_id JOIN tenants t ON t.id = s.tenant_id
  WHERE s.id_hash = p_id_hash
$$;

DROP FUNCTION auth_api_token(text);
CREATE FUNCTION auth_api_token(p_hash text)
RETURNS TABLE (tenant_id uuid, token_id uuid, token_name text, permissions text[], expires_at timestamptz,
               revoked boolean, last_used_at timestamptz, user_id uuid, username text, display_name text,
               department_id uuid, roles text[], locale text, active boolean, demo boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT k.tenant_id, k.id, k.name, k.permissions, k.expires_at, k.revoked_at IS NOT NULL, k.last_used_at,
         u.id, u.username, u.display_name, u.department_id, u.roles, u.locale, u.active, t.demo
  FROM api_tokens k JOIN users u ON u.id = k.created_by JOIN tenants t ON t.id = k.tenant_id
  WHERE k.token_hash = p_hash
$$;
-- A token's last use, kept at most once a minute (tokens are found before any tenant is set).
CREATE FUNCTION auth_api_token_used(p_token_id uuid, p_at timestamptz) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  UPDATE api_tokens SET last_used_at = p_at WHERE id = p_token_id
$$;

-- Tenant by code for machine entry points (MQTT), with its demo mark.
CREATE FUNCTION auth_tenant(p_tenant_code text) RETURNS TABLE (id uuid, demo boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT id, demo FROM tenants WHERE code = p_tenant_code
$$;

REVOKE ALL ON FUNCTION auth_find_user(text, text), auth_session(text), auth_api_token(text),
  auth_api_token_used(uuid, timestamptz), auth_tenant(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_find_user(text, text), auth_session(text), auth_api_token(text),
  auth_api_token_used(uuid, timestamptz), auth_tenant(text) TO zhian_app;

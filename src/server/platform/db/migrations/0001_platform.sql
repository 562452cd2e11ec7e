-- Platform: runtime role, tenancy, organisation, auth, audit, outbox, jobs, files, notifications.
-- Runs as the database owner. The application works as zhian_app, which owns nothing, is not a
-- superuser and has no BYPASSRLS, so row-level security applies to every query it makes.

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'zhian_app') THEN
    CREATE ROLE zhian_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- another database on this cluster raced us
END $$;

GRANT USAGE ON SCHEMA public TO zhian_app;
-- a server running as the runtime role checks that an operator has migrated the schema
GRANT SELECT ON schema_migrations TO zhian_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO zhian_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO zhian_app;

-- The tenant of the current transaction, set by the server with set_config('app.tenant_id', …, true).
-- Unset → NULL → every policy below matches nothing.
CREATE FUNCTION app_tenant() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

CREATE TABLE tenants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE departments (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL,
  name text NOT NULL,
  -- 'department' or 'committee' (安全委员会 is a body across departments)
  kind text NOT NULL DEFAULT 'department',
  head_user_id uuid,
  sort int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, code)
);

CREATE TABLE users (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL,
  display_name text NOT NULL,
  -- NULL for employees without a login (most of the staff list)
  password_hash text,
  department_id uuid REFERENCES departments(id),
  roles text[] NOT NULL DEFAULT '{}',
  position text,
  employee_no text,
  phone text,
  email text,
  locale text NOT NULL DEFAULT 'zh-CN',
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  UNIQUE (tenant_id, username)
);
CREATE INDEX users_department ON users (tenant_id, department_id);
ALTER TABLE departments ADD CONSTRAINT departments_head_fk FOREIGN KEY (head_user_id) REFERENCES users(id);

CREATE TABLE areas (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL,
  department_id uuid REFERENCES departments(id),
  description text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, code)
);

CREATE TABLE equipment (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL,
  name text NOT NULL,
  category text NOT NULL,
  model text,
  area_id uuid REFERENCES areas(id),
  department_id uuid REFERENCES departments(id),
  -- 特种设备 (special equipment under TSG rules) and its type
  special_type text,
  status text NOT NULL DEFAULT 'in_service',
  commissioned_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, code)
);
CREATE INDEX equipment_area ON equipment (tenant_id, area_id);

-- Per-tenant counters for human-readable record numbers (YH-202611-0001).
CREATE TABLE counters (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  name text NOT NULL,
  value bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, name)
);

CREATE TABLE files (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  sha256 text NOT NULL,
  mime text NOT NULL,
  size int NOT NULL,
  original_name text NOT NULL,
  width int,
  height int,
  thumb_sha256 text,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE notifications (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id),
  kind text NOT NULL,
  title text NOT NULL,
  body text NOT NULL DEFAULT '',
  link text,
  subject_type text,
  subject_id uuid,
  -- one notification per (user, dedupe_key): a retried handler cannot notify twice
  dedupe_key text NOT NULL,
  read_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, user_id, dedupe_key)
);
CREATE INDEX notifications_inbox ON notifications (tenant_id, user_id, created_at DESC);

CREATE TABLE api_tokens (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  user_id uuid NOT NULL REFERENCES users(id),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

CREATE TABLE idempotency_keys (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  user_id uuid NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  status int NOT NULL,
  body jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id, key)
);

-- Hash-chained audit log, one chain per tenant. The app may only append (no UPDATE/DELETE grant).
CREATE TABLE audit_log (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  seq bigint NOT NULL,
  at timestamptz NOT NULL,
  actor_id uuid,
  actor_name text NOT NULL,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text,
  before jsonb,
  after jsonb,
  basis text,
  ip text,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX audit_entity ON audit_log (tenant_id, entity_type, entity_id);
CREATE TABLE audit_heads (
  tenant_id uuid PRIMARY KEY REFERENCES tenants(id),
  seq bigint NOT NULL,
  hash text NOT NULL
);

-- Row-level security on every tenant table.
DO $$
DECLARE t text;
BEGIN
  FOR t IN SELECT unnest(ARRAY['departments','users','areas','equipment','counters','files',
                               'notifications','api_tokens','idempotency_keys','audit_log','audit_heads'])
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant())', t);
  END LOOP;
END $$;
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenants USING (id = app_tenant()) WITH CHECK (id = app_tenant());

REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM zhian_app;

-- Platform tables: no tenant data beyond ids, read across tenants by the dispatchers.
CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  user_id uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  ip text,
  user_agent text
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE auth_throttle (
  key text PRIMARY KEY,
  failures int NOT NULL DEFAULT 0,
  window_start timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz
);

-- Transactional outbox: written in the same transaction as the change it describes.
CREATE TABLE events (
  id bigserial PRIMARY KEY,
  tenant_id uuid NOT NULL,
  type text NOT NULL,
  subject_type text,
  subject_id text,
  actor_id uuid,
  payload jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_recent ON events (created_at);

-- Durable jobs and timers. A worker takes due rows FOR UPDATE SKIP LOCKED and completes them in
-- the same transaction as the handler's own writes: a crash rolls both back, so each runs once.
CREATE TABLE jobs (
  id bigserial PRIMARY KEY,
  tenant_id uuid,
  name text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  run_at timestamptz NOT NULL DEFAULT now(),
  state text NOT NULL DEFAULT 'pending',
  attempts int NOT NULL DEFAULT 0,
  max_attempts int NOT NULL DEFAULT 8,
  singleton_key text,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX jobs_due ON jobs (run_at) WHERE state = 'pending';
CREATE UNIQUE INDEX jobs_singleton ON jobs (singleton_key) WHERE state = 'pending' AND singleton_key IS NOT NULL;

-- Login needs the user before the tenant is known; these run as the owner and return only
-- what authentication needs.
CREATE FUNCTION auth_find_user(p_tenant_code text, p_username text)
RETURNS TABLE (tenant_id uuid, user_id uuid, password_hash text, active boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT u.tenant_id, u.id, u.password_hash, u.active
  FROM users u JOIN tenants t ON t.id = u.tenant_id
  WHERE t.code = p_tenant_code AND u.username = p_username
$$;

CREATE FUNCTION auth_default_tenant() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT code FROM tenants ORDER BY created_at, code LIMIT 1
$$;

CREATE FUNCTION auth_session(p_id_hash text)
RETURNS TABLE (tenant_id uuid, user_id uuid, expires_at timestamptz, last_seen_at timestamptz,
               username text, display_name text, department_id uuid, roles text[], locale text, active boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT s.tenant_id, s.user_id, s.expires_at, s.last_seen_at,
         u.username, u.display_name, u.department_id, u.roles, u.locale, u.active
  FROM sessions s JOIN users u ON u.id = s.user_id
  WHERE s.id_hash = p_id_hash
$$;

CREATE FUNCTION auth_api_token(p_hash text)
RETURNS TABLE (tenant_id uuid, user_id uuid, username text, display_name text, department_id uuid,
               roles text[], locale text, active boolean, revoked boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT t.tenant_id, u.id, u.username, u.display_name, u.department_id, u.roles, u.locale, u.active,
         t.revoked_at IS NOT NULL
  FROM api_tokens t JOIN users u ON u.id = t.user_id
  WHERE t.token_hash = p_hash
$$;

REVOKE ALL ON FUNCTION auth_find_user(text, text), auth_default_tenant(), auth_session(text), auth_api_token(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_find_user(text, text), auth_default_tenant(), auth_session(text), auth_api_token(text) TO zhian_app;

-- The administrator maintains the organisation: departments nest, merge and retire; areas retire;
-- the tenant defines its own roles from the permission list (the role editor).

ALTER TABLE departments
  ADD COLUMN parent_id uuid REFERENCES departments(id),
  ADD COLUMN retired_at timestamptz,
  ADD COLUMN version int NOT NULL DEFAULT 1;
ALTER TABLE areas
  ADD COLUMN retired_at timestamptz,
  ADD COLUMN version int NOT NULL DEFAULT 1;

-- Tenant-specific roles: a key (what users.roles holds), a name, the permissions it grants.
-- Built-in roles live in code (platform/access.ts); these add to them.
CREATE TABLE tenant_roles (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  key text NOT NULL CHECK (key ~ '^custom_[a-z0-9_]{1,40}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  description text NOT NULL DEFAULT '',
  permissions text[] NOT NULL DEFAULT '{}',
  retired_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  PRIMARY KEY (tenant_id, key)
);
ALTER TABLE tenant_roles ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_roles USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- Servers keep each tenant's roles in memory; a change is announced to all of them at once, so
-- a new permission takes effect at the user's next request, not their next login.
CREATE FUNCTION tenant_roles_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('zhian_roles', t.tenant_id::text) FROM (SELECT DISTINCT tenant_id FROM changed_rows) t;
  RETURN NULL;
END $$;
CREATE TRIGGER tenant_roles_inserted AFTER INSERT ON tenant_roles REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tenant_roles_changed();
CREATE TRIGGER tenant_roles_updated AFTER UPDATE ON tenant_roles REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tenant_roles_changed();

-- Read before a tenant is set (the per-request permission lookup): only what access needs.
CREATE FUNCTION auth_tenant_roles(p_tenant_id uuid) RETURNS TABLE (key text, permissions text[])
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT key, permissions FROM tenant_roles WHERE tenant_id = p_tenant_id AND retired_at IS NULL
$$;
REVOKE ALL ON FUNCTION auth_tenant_roles(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_tenant_roles(uuid) TO zhian_app;

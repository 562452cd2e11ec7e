-- The platform tables were readable across tenants by the runtime role inside any tenant's
-- transaction (other companies' sessions with IPs, events, jobs, throttled accounts). In a tenant's
-- transaction they now show that tenant's rows only; the platform context (no tenant set: the job
-- worker, the login and session code) still sees them all. auth_throttle belongs to no tenant and
-- is reachable only from the platform context.
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_or_platform ON sessions
  USING (app_tenant() IS NULL OR tenant_id = app_tenant()) WITH CHECK (app_tenant() IS NULL OR tenant_id = app_tenant());

ALTER TABLE events ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_or_platform ON events
  USING (app_tenant() IS NULL OR tenant_id = app_tenant()) WITH CHECK (app_tenant() IS NULL OR tenant_id = app_tenant());

ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_or_platform ON jobs
  USING (app_tenant() IS NULL OR tenant_id = app_tenant()) WITH CHECK (app_tenant() IS NULL OR tenant_id = app_tenant());

ALTER TABLE auth_throttle ENABLE ROW LEVEL SECURITY;
CREATE POLICY platform_only ON auth_throttle USING (app_tenant() IS NULL) WITH CHECK (app_tenant() IS NULL);

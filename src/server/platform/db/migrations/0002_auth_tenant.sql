-- Failed logins for unknown usernames are audited in the tenant they were aimed at.
CREATE FUNCTION auth_tenant_id(p_tenant_code text) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT id FROM tenants WHERE code = p_tenant_code
$$;
REVOKE ALL ON FUNCTION auth_tenant_id(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_tenant_id(text) TO zhian_app;

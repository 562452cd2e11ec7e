-- Servers keep a session's actor in memory for a few seconds (one lookup fewer per request). Any
-- change that could end or narrow a session is announced to every server at once: a session
-- deleted (logout, expiry clean-up) or a user's account changed (deactivated, roles, department).
CREATE FUNCTION auth_session_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('zhian_sessions', 'session:' || id_hash) FROM old_rows;
  RETURN NULL;
END $$;
CREATE TRIGGER sessions_deleted AFTER DELETE ON sessions REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION auth_session_deleted();

CREATE FUNCTION auth_user_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('zhian_sessions', 'user:' || n.id)
    FROM new_rows n JOIN old_rows o ON o.id = n.id
   WHERE (n.active, n.roles, n.department_id, n.username, n.display_name, n.locale)
         IS DISTINCT FROM (o.active, o.roles, o.department_id, o.username, o.display_name, o.locale);
  RETURN NULL;
END $$;
CREATE TRIGGER users_changed AFTER UPDATE ON users REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION auth_user_changed();

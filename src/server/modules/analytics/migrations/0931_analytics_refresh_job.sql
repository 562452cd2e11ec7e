-- The rollups are brought up to date by a job, not by the first reader after a write. Every
-- statement that marks months to recompute also queues a refresh of its tenant and wakes the
-- workers. One waiting refresh per tenant is enough: a refresh that is running (its row locked by
-- the worker) has already taken its marks, so a write meanwhile queues the next one.
CREATE INDEX jobs_analytics_refresh ON jobs (tenant_id) WHERE name = 'analytics.refresh' AND state = 'pending';

CREATE FUNCTION analytics_queue_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO jobs (tenant_id, name)
    SELECT DISTINCT c.tenant_id, 'analytics.refresh' FROM new_rows c
    WHERE NOT EXISTS (
      SELECT 1 FROM jobs j WHERE j.tenant_id = c.tenant_id AND j.name = 'analytics.refresh' AND j.state = 'pending'
      FOR UPDATE SKIP LOCKED);
  PERFORM pg_notify('zhian_jobs', '');
  RETURN NULL;
END $$;
CREATE TRIGGER analytics_changes_queue AFTER INSERT ON analytics_changes REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_queue_refresh();

-- The rollup refresh finds a month's tasks and timeline entries by a range on their time, like
-- hazards (hazards_recent) and cases (flow_instances_recent) already can; without these a one-month
-- refresh would read every task and timeline row of the tenant.
CREATE INDEX flow_tasks_created ON flow_tasks (tenant_id, created_at);
CREATE INDEX flow_timeline_at ON flow_timeline (tenant_id, at);

-- 诊断 (a collaboration case's step kind repair.diagnose): the cause found, kept on the repair order.
ALTER TABLE repair_orders ADD COLUMN diagnosis text;
ALTER TABLE repair_orders ADD COLUMN diagnosed_at timestamptz;

-- Reading a file asks which records hold it (hazard photos, warning and answer photos, repair
-- plan files, case comment files): array containment, answered by GIN indexes instead of a scan.
CREATE INDEX IF NOT EXISTS hazards_photos_gin ON hazards USING gin (photos);
CREATE INDEX IF NOT EXISTS hazards_after_photos_gin ON hazards USING gin (after_photos);
CREATE INDEX IF NOT EXISTS warnings_photos_gin ON warnings USING gin (photos);
CREATE INDEX IF NOT EXISTS warning_responses_photos_gin ON warning_responses USING gin (photos);
CREATE INDEX IF NOT EXISTS repair_orders_plan_files_gin ON repair_orders USING gin (plan_files);
CREATE INDEX IF NOT EXISTS flow_comments_files_gin ON flow_comments USING gin (files);
CREATE INDEX IF NOT EXISTS analytics_reports_file ON analytics_reports (file_id);

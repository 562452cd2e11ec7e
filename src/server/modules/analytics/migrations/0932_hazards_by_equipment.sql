-- Fire equipment with an open hazard at each month's end (the dashboard's intact rate): one probe
-- per piece and month end, walking that equipment's hazards back from the month end until one is
-- still open then. Without this index the dashboard read every hazard on fire equipment (P3).
CREATE INDEX hazards_equipment ON hazards (tenant_id, equipment_id, reported_at DESC) INCLUDE (status, closed_at)
  WHERE equipment_id IS NOT NULL;

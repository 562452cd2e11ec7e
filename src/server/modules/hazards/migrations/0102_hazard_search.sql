-- Chinese substring search (ILIKE '%…%') served by trigram indexes instead of a scan.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX hazards_title_trgm ON hazards USING gin (title gin_trgm_ops);
CREATE INDEX hazards_description_trgm ON hazards USING gin (description gin_trgm_ops);

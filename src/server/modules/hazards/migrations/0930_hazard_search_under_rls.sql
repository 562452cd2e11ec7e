-- A text search that row-level security lets use its index. Under RLS a condition may only be
-- used as an index condition when its operator is LEAKPROOF (else it has to wait until the tenant
-- policy has filtered the rows, which on a large tenant means reading them all). ILIKE's function
-- says nothing about the row beyond its result (its only errors come from the pattern, which the
-- application writes), so this copy of it is declared LEAKPROOF and given its own trigram
-- operator class, built from pg_trgm's GIN support functions (strategy 4 is pg_trgm's ILIKE).
CREATE FUNCTION zhian_text_contains(text, text) RETURNS boolean
  LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF AS 'texticlike';
CREATE OPERATOR ~~~* (LEFTARG = text, RIGHTARG = text, FUNCTION = zhian_text_contains, RESTRICT = iclikesel, JOIN = iclikejoinsel);
CREATE OPERATOR CLASS zhian_trgm_ops FOR TYPE text USING gin AS
  OPERATOR 4 ~~~* (text, text),
  FUNCTION 1 btint4cmp(int4, int4),
  FUNCTION 2 gin_extract_value_trgm(text, internal),
  FUNCTION 3 gin_extract_query_trgm(text, internal, int2, internal, internal, internal, internal),
  FUNCTION 4 gin_trgm_consistent(internal, int2, text, int4, internal, internal, internal, internal),
  FUNCTION 6 gin_trgm_triconsistent(internal, int2, text, int4, internal, internal, internal),
  STORAGE int4;

DROP INDEX hazards_title_trgm;
DROP INDEX hazards_description_trgm;
CREATE INDEX hazards_title_search ON hazards USING gin (title zhian_trgm_ops);
CREATE INDEX hazards_description_search ON hazards USING gin (description zhian_trgm_ops);
CREATE INDEX hazards_code_search ON hazards USING gin (code zhian_trgm_ops);

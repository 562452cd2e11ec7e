-- Hazards imported from a legacy paper or Excel ledger keep their old number.
ALTER TABLE hazards ADD COLUMN legacy_code text;

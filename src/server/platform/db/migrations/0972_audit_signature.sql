-- Each audit entry carries an HMAC of its hash under a key derived from the installation's master
-- key, which lives outside the database: the runtime role can append rows, but not a signature
-- `audit verify` accepts. Entries written before this column existed stay unsigned.
ALTER TABLE audit_log ADD COLUMN sig text;

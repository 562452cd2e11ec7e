-- Reading a file asks which messages hold it (chat photos are as visible as their conversation).
CREATE INDEX IF NOT EXISTS comms_messages_files_gin ON comms_messages USING gin (files);

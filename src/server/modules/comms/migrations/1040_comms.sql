-- Real-time communication (C6): conversations, their members and read state, messages with
-- mentions, replies, files and record links; every edit or withdrawal keeps the original.

CREATE TABLE comms_conversations (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- 'direct': two people; 'department': a department's channel; 'record': the room of a case, hazard or warning
  kind text NOT NULL CHECK (kind IN ('direct', 'department', 'record')),
  title text NOT NULL DEFAULT '',
  department_id uuid REFERENCES departments(id),
  subject_type text CHECK (subject_type IN ('flow_instance', 'hazard', 'warning')),
  subject_id uuid,
  -- the two user ids of a direct conversation, sorted and joined: one conversation per pair
  direct_key text,
  last_seq bigint NOT NULL DEFAULT 0,
  last_message_at timestamptz,
  created_at timestamptz NOT NULL,
  CHECK ((kind = 'department') = (department_id IS NOT NULL)),
  CHECK ((kind = 'record') = (subject_id IS NOT NULL AND subject_type IS NOT NULL)),
  CHECK ((kind = 'direct') = (direct_key IS NOT NULL))
);
CREATE UNIQUE INDEX comms_conversations_department ON comms_conversations (tenant_id, department_id) WHERE kind = 'department';
CREATE UNIQUE INDEX comms_conversations_subject ON comms_conversations (tenant_id, subject_type, subject_id) WHERE kind = 'record';
CREATE UNIQUE INDEX comms_conversations_direct ON comms_conversations (tenant_id, direct_key) WHERE kind = 'direct';
ALTER TABLE comms_conversations ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON comms_conversations USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- Who takes part (and so counts unread messages); last_read_seq is the read state.
CREATE TABLE comms_members (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  conversation_id uuid NOT NULL REFERENCES comms_conversations(id),
  user_id uuid NOT NULL REFERENCES users(id),
  -- 'participant' (of the record or department), 'invited' (by a mention or by hand), 'author'
  reason text NOT NULL DEFAULT 'participant',
  last_read_seq bigint NOT NULL DEFAULT 0,
  joined_at timestamptz NOT NULL,
  PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX comms_members_user ON comms_members (tenant_id, user_id);
ALTER TABLE comms_members ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON comms_members USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

CREATE TABLE comms_messages (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  conversation_id uuid NOT NULL REFERENCES comms_conversations(id),
  -- position in the conversation: paging, read state and unread counts compare these
  seq bigint NOT NULL,
  author_id uuid REFERENCES users(id),
  -- 'text' by a person; 'system' for what the system says (a meeting started, people joined)
  kind text NOT NULL DEFAULT 'text' CHECK (kind IN ('text', 'system')),
  body text NOT NULL,
  reply_to uuid REFERENCES comms_messages(id),
  mention_users uuid[] NOT NULL DEFAULT '{}',
  mention_departments uuid[] NOT NULL DEFAULT '{}',
  files uuid[] NOT NULL DEFAULT '{}',
  -- [{ type, id }] records the message links to, shown as cards
  links jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL,
  edited_at timestamptz,
  withdrawn_at timestamptz,
  version int NOT NULL DEFAULT 1,
  UNIQUE (conversation_id, seq)
);
CREATE INDEX comms_messages_created ON comms_messages (tenant_id, created_at DESC);
ALTER TABLE comms_messages ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON comms_messages USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- The text a message had before each edit or withdrawal: nothing said is lost to the audit.
CREATE TABLE comms_message_revisions (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id bigserial PRIMARY KEY,
  message_id uuid NOT NULL REFERENCES comms_messages(id),
  action text NOT NULL CHECK (action IN ('edit', 'withdraw')),
  body text NOT NULL,
  files uuid[] NOT NULL DEFAULT '{}',
  actor_id uuid REFERENCES users(id),
  at timestamptz NOT NULL
);
CREATE INDEX comms_message_revisions_message ON comms_message_revisions (message_id, id);
ALTER TABLE comms_message_revisions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON comms_message_revisions USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

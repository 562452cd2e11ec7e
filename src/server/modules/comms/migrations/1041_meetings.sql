-- Video meetings (C6): started from a record's room, the invited join from the browser (WebRTC,
-- a mesh for small meetings). Who joined, when and for how long is kept as attendance rows; the
-- session descriptions between browsers travel as rows whose ids go through NOTIFY.

CREATE TABLE comms_meetings (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  conversation_id uuid NOT NULL REFERENCES comms_conversations(id),
  title text NOT NULL,
  started_by uuid REFERENCES users(id),
  invited uuid[] NOT NULL DEFAULT '{}',
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'ended')),
  started_at timestamptz NOT NULL,
  ended_at timestamptz
);
CREATE INDEX comms_meetings_conversation ON comms_meetings (conversation_id, started_at DESC);
CREATE INDEX comms_meetings_started ON comms_meetings (tenant_id, started_at);
ALTER TABLE comms_meetings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON comms_meetings USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

CREATE TABLE comms_meeting_attendance (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  meeting_id uuid NOT NULL REFERENCES comms_meetings(id),
  user_id uuid NOT NULL REFERENCES users(id),
  -- the department at the time: the monthly count of cross-department meetings reads it
  department_id uuid REFERENCES departments(id),
  joined_at timestamptz NOT NULL,
  left_at timestamptz
);
CREATE INDEX comms_meeting_attendance_meeting ON comms_meeting_attendance (meeting_id, joined_at);
-- one open attendance per person and meeting: joining twice from two tabs is one presence
CREATE UNIQUE INDEX comms_meeting_attendance_open ON comms_meeting_attendance (meeting_id, user_id) WHERE left_at IS NULL;
ALTER TABLE comms_meeting_attendance ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON comms_meeting_attendance USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- WebRTC offers and answers (with their ICE candidates) from one participant to another.
CREATE TABLE comms_signals (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  meeting_id uuid NOT NULL REFERENCES comms_meetings(id),
  from_user uuid NOT NULL REFERENCES users(id),
  to_user uuid NOT NULL REFERENCES users(id),
  kind text NOT NULL CHECK (kind IN ('offer', 'answer', 'candidate', 'bye')),
  data jsonb NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX comms_signals_to ON comms_signals (meeting_id, to_user, created_at);
ALTER TABLE comms_signals ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON comms_signals USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- Notification channels (C8): e-mail over the tenant's SMTP server and DingTalk / WeCom / Feishu
-- group robots, per-user and per-department preferences, and one delivery row per message and
-- target, so every external message is sent once, retried with backoff and visible when it fails.

CREATE TABLE notification_channels (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('email', 'dingtalk', 'wecom', 'feishu')),
  name text NOT NULL,
  -- a group robot of one department; NULL = the whole company
  department_id uuid REFERENCES departments(id),
  -- email: host, port, secure, user, password, from; robots: webhookUrl, secret (加签 / 签名校验).
  -- The password and the secret are write-only for the API.
  config jsonb NOT NULL DEFAULT '{}',
  -- notification categories a robot carries (kind up to its first '.', e.g. 'warning')
  categories text[] NOT NULL DEFAULT '{}',
  enabled boolean NOT NULL DEFAULT true,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notification_channels_tenant ON notification_channels (tenant_id, enabled);
ALTER TABLE notification_channels ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notification_channels USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- Which channels a category goes to: a user's own choice over their department's default over
-- the built-in default (in-app always; e-mail only for warnings).
CREATE TABLE notification_preferences (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  scope text NOT NULL CHECK (scope IN ('user', 'department')),
  scope_id uuid NOT NULL,
  category text NOT NULL,
  channels text[] NOT NULL CHECK (channels <@ ARRAY['inapp', 'email', 'robot']::text[]),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, scope, scope_id, category)
);
ALTER TABLE notification_preferences ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notification_preferences USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- One row per external message and target: an e-mail to one user for one notification, or one
-- group-robot message per channel and notification key (not one per recipient).
CREATE TABLE notification_deliveries (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  channel_id uuid NOT NULL REFERENCES notification_channels(id) ON DELETE CASCADE,
  -- the in-app notification an e-mail copies; NULL for a group message
  notification_id uuid REFERENCES notifications(id),
  user_id uuid REFERENCES users(id),
  recipient text NOT NULL,
  category text NOT NULL,
  kind text NOT NULL,
  title text NOT NULL,
  body text NOT NULL DEFAULT '',
  link text,
  urgent boolean NOT NULL DEFAULT false,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed', 'dead')),
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  sent_at timestamptz,
  -- email:<user>:<notification key> or robot:<channel>:<notification key> → each message once
  dedupe_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, dedupe_key)
);
CREATE INDEX notification_deliveries_due ON notification_deliveries (tenant_id, next_attempt_at) WHERE state IN ('pending', 'failed');
CREATE INDEX notification_deliveries_recent ON notification_deliveries (tenant_id, state, created_at DESC);
CREATE INDEX notification_deliveries_channel ON notification_deliveries (channel_id);
ALTER TABLE notification_deliveries ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notification_deliveries USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

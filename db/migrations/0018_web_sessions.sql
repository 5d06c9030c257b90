-- 0018: the browser workspace (server/web). A session is a random token the browser holds in a
-- signed, HttpOnly, SameSite=Strict cookie; only SHA-256(token) is stored. It acts as the API key
-- it was opened with: revoking the key ends the session. A sign-in link is a one-time token
-- (`npm start` prints one) that opens a session for a key; it is spent on first use.
CREATE TABLE web_sessions (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  api_key_id  uuid NOT NULL REFERENCES api_keys(id) ON DELETE CASCADE,
  token_hash  text NOT NULL UNIQUE,
  csrf_token  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX web_sessions_key_idx ON web_sessions (api_key_id);

CREATE TABLE web_signin_links (
  token_hash  text PRIMARY KEY,
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  api_key_id  uuid NOT NULL REFERENCES api_keys(id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);

-- the key cookies are signed with: made once per installation, so every API process (and a
-- restarted one) accepts the same cookies
CREATE TABLE web_secret (
  id      smallint PRIMARY KEY CHECK (id = 1),
  secret  text NOT NULL
);

ALTER TABLE web_sessions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON web_sessions TO crm_tenant
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
ALTER TABLE web_signin_links ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON web_signin_links TO crm_tenant
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
REVOKE ALL ON web_secret FROM crm_tenant;

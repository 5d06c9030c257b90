-- API keys for the HTTP API (the table itself is from 0002). A key reads
-- `crm_<prefix>_<secret>`: the prefix is public and finds the row, the secret is 32 random
-- bytes, and only SHA-256(key) is stored, compared in constant time by the server.

-- the prefix identifies one key: the server looks a presented key up by it
CREATE UNIQUE INDEX api_keys_prefix_uq ON api_keys (prefix);

-- only the scopes the server knows; an empty list would be a key that can do nothing
ALTER TABLE api_keys ADD CONSTRAINT api_keys_scopes_known
  CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['read', 'runs:write', 'approve', 'admin']::text[]);

-- a key's name is unique among the tenant's live keys, so `crm key revoke <name>` is unambiguous
CREATE UNIQUE INDEX api_keys_tenant_name_live_uq ON api_keys (tenant_id, name) WHERE revoked_at IS NULL;

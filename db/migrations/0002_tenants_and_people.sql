-- Tenants, their API keys and their people (reps, managers, CS, support, marketing).

CREATE TABLE tenants (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name        text NOT NULL,
  -- tenant-changeable policy: scoring points tables, event routing rules, frequency caps …
  settings    jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- API keys are stored as SHA-256 hashes; the prefix lets a person recognise a key in a list.
CREATE TABLE api_keys (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id     uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name          text NOT NULL,
  prefix        text NOT NULL,
  key_hash      text NOT NULL UNIQUE,
  scopes        text[] NOT NULL DEFAULT '{read}',
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz,
  revoked_at    timestamptz
);
CREATE INDEX api_keys_tenant_idx ON api_keys (tenant_id);

CREATE TABLE users (
  id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id                uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  external_id              text,
  name                     text NOT NULL,
  email                    text,
  role                     text NOT NULL CHECK (role IN ('rep', 'manager', 'cs', 'support', 'marketing', 'admin')),
  -- hours of task work the planner may assign per working day
  capacity_hours_per_day   numeric(5, 2) NOT NULL DEFAULT 6 CHECK (capacity_hours_per_day >= 0 AND capacity_hours_per_day <= 24),
  skills                   text[] NOT NULL DEFAULT '{}',
  territories              text[] NOT NULL DEFAULT '{}',
  time_zone                text NOT NULL DEFAULT 'UTC',
  active                   boolean NOT NULL DEFAULT true,
  created_at               timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, external_id)
);
-- planner: active people of a tenant by role
CREATE INDEX users_tenant_role_idx ON users (tenant_id, role) WHERE active;

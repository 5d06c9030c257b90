-- Schedules and event routing, per tenant.
--
-- schedules: cron schedules (a 5- or 6-field pattern read in an IANA time zone) that start a run
-- of an agent on a target, or the nightly plan (agent = 'plan'). The rows are the source of
-- truth; workers mirror them into the queue's job schedulers at start and on every change.
--
-- event_rules: which agent an incoming event starts, and on which entity of the event. For one
-- event type the enabled rules are tried in `position` order and the first whose target field is
-- present in the event fires (email.received: support on its ticket, else cs on its account).
--
-- tenant_defaults: which defaults (the nightly plan schedule, the default event rules) a tenant
-- was given once, so a default the tenant deleted is not put back on the next start.

CREATE TABLE schedules (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id      uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name           text NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9_.-]{0,62}$'),
  agent          text NOT NULL,  -- an agent's name, or 'plan' for the nightly plan
  cron           text NOT NULL,
  tz             text NOT NULL DEFAULT 'UTC',
  target         jsonb NOT NULL DEFAULT '{"kind": "all"}'::jsonb,
  enabled        boolean NOT NULL DEFAULT true,
  last_fired_at  timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, name)
);
-- mirroring into the queue reads every enabled schedule of every tenant
CREATE INDEX schedules_enabled_idx ON schedules (enabled, tenant_id);

CREATE TABLE event_rules (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id     uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  event_type    text NOT NULL
                CHECK (event_type IN ('lead.created', 'ticket.created', 'email.received', 'deal.stage_changed', 'usage.reported')),
  agent         text NOT NULL,
  target_kind   text NOT NULL CHECK (target_kind IN ('account', 'lead', 'deal', 'ticket', 'contact')),
  -- the event data field holding the target's id, e.g. 'lead_id'
  target_field  text NOT NULL CHECK (target_field ~ '^[a-z][a-z0-9_]{0,62}$'),
  position      integer NOT NULL DEFAULT 0,
  enabled       boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, event_type, agent, target_kind, target_field)
);
-- routing an event reads its type's rules in order
CREATE INDEX event_rules_route_idx ON event_rules (tenant_id, event_type, position) WHERE enabled;

CREATE TABLE tenant_defaults (
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name        text NOT NULL,  -- 'nightly_plan_schedule', 'event_rules'
  applied_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, name)
);

ALTER TABLE schedules ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON schedules TO crm_tenant
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE event_rules ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON event_rules TO crm_tenant
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE tenant_defaults ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_defaults TO crm_tenant
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

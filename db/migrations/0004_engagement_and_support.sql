-- What happens around the book: activities, support tickets, product usage, campaigns,
-- knowledge-base articles and the recorded outcomes models learn from.

CREATE TABLE activities (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  external_id  text,
  kind         text NOT NULL CHECK (kind IN ('email', 'call', 'meeting', 'web_visit', 'pricing_page_view',
                                             'demo_request', 'form_fill', 'note')),
  direction    text CHECK (direction IN ('inbound', 'outbound')),
  subject      text,
  body         text,
  occurred_at  timestamptz NOT NULL,
  account_id   uuid REFERENCES accounts(id) ON DELETE CASCADE,
  contact_id   uuid REFERENCES contacts(id) ON DELETE SET NULL,
  lead_id      uuid REFERENCES leads(id) ON DELETE CASCADE,
  deal_id      uuid REFERENCES deals(id) ON DELETE SET NULL,
  user_id      uuid REFERENCES users(id) ON DELETE SET NULL,
  metadata     jsonb NOT NULL DEFAULT '{}'::jsonb,
  UNIQUE (tenant_id, external_id)
);
-- account 360 and lead scoring read the latest activities of one entity
CREATE INDEX activities_account_time_idx ON activities (tenant_id, account_id, occurred_at DESC);
CREATE INDEX activities_lead_time_idx ON activities (tenant_id, lead_id, occurred_at DESC) WHERE lead_id IS NOT NULL;
CREATE INDEX activities_deal_time_idx ON activities (tenant_id, deal_id, occurred_at DESC) WHERE deal_id IS NOT NULL;

CREATE TABLE tickets (
  id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id                   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  external_id                 text,
  account_id                  uuid REFERENCES accounts(id) ON DELETE SET NULL,
  contact_id                  uuid REFERENCES contacts(id) ON DELETE SET NULL,
  subject                     text,
  body                        text NOT NULL,
  channel                     text,  -- email, chat, phone, social, web …
  language                    text,
  status                      text NOT NULL DEFAULT 'open'
                              CHECK (status IN ('open', 'pending', 'on_hold', 'resolved', 'closed')),
  priority                    text CHECK (priority IN ('low', 'medium', 'high', 'critical')),
  queue                       text,
  category                    text,  -- intent / type label (recorded history or triage)
  assignee_id                 uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at                  timestamptz NOT NULL DEFAULT now(),
  first_response_at           timestamptz,
  resolved_at                 timestamptz,
  sla_first_response_minutes  integer CHECK (sla_first_response_minutes > 0),
  sla_resolution_minutes      integer CHECK (sla_resolution_minutes > 0),
  csat                        smallint CHECK (csat BETWEEN 1 AND 5),
  -- the support agent's latest triage (intent, priority, sentiment, language, each with a confidence)
  triage                      jsonb,
  attributes                  jsonb NOT NULL DEFAULT '{}'::jsonb,
  updated_at                  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, external_id)
);
-- support agent: open tickets per queue (load, SLA risk); escalation: tickets of an account
CREATE INDEX tickets_tenant_open_idx ON tickets (tenant_id, queue, created_at) WHERE status IN ('open', 'pending', 'on_hold');
CREATE INDEX tickets_tenant_account_idx ON tickets (tenant_id, account_id, created_at DESC);
CREATE INDEX tickets_tenant_assignee_idx ON tickets (tenant_id, assignee_id) WHERE status IN ('open', 'pending', 'on_hold');

-- Product usage per account per period (a day, week or month starting at period_start).
CREATE TABLE product_usage (
  tenant_id      uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  account_id     uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  period_start   date NOT NULL,
  granularity    text NOT NULL DEFAULT 'month' CHECK (granularity IN ('day', 'week', 'month')),
  active_users   integer NOT NULL DEFAULT 0 CHECK (active_users >= 0),
  seats_used     integer CHECK (seats_used >= 0),
  events         bigint NOT NULL DEFAULT 0 CHECK (events >= 0),
  feature_usage  jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (tenant_id, account_id, granularity, period_start)
);

CREATE TABLE campaigns (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  external_id  text,
  name         text NOT NULL,
  kind         text NOT NULL,  -- email, webinar, event, content, ads …
  channel      text,
  status       text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'completed', 'cancelled')),
  started_at   timestamptz,
  ended_at     timestamptz,
  budget       numeric(14, 2),
  attributes   jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, external_id)
);

-- Who a campaign touched (a contact or a lead) and how they responded.
CREATE TABLE campaign_members (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id     uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  campaign_id   uuid NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  contact_id    uuid REFERENCES contacts(id) ON DELETE CASCADE,
  lead_id       uuid REFERENCES leads(id) ON DELETE CASCADE,
  status        text NOT NULL DEFAULT 'sent'
                CHECK (status IN ('targeted', 'sent', 'opened', 'clicked', 'responded', 'unsubscribed', 'bounced')),
  touched_at    timestamptz NOT NULL,
  responded_at  timestamptz,
  CHECK (contact_id IS NOT NULL OR lead_id IS NOT NULL)
);
CREATE UNIQUE INDEX campaign_members_contact_uq ON campaign_members (campaign_id, contact_id) WHERE contact_id IS NOT NULL;
CREATE UNIQUE INDEX campaign_members_lead_uq ON campaign_members (campaign_id, lead_id) WHERE lead_id IS NOT NULL;
-- attribution: every touch of a contact, in time order
CREATE INDEX campaign_members_contact_time_idx ON campaign_members (tenant_id, contact_id, touched_at);

CREATE TABLE kb_articles (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id     uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  external_id   text,
  title         text NOT NULL,
  body          text NOT NULL,
  tags          text[] NOT NULL DEFAULT '{}',
  language      text NOT NULL DEFAULT 'en',
  url           text,
  published_at  timestamptz,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, external_id)
);

-- Recorded outcomes: what happened, and when it became known (known_at), so training sets can be
-- cut at a point in time without leaking the future.
CREATE TABLE outcomes (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  entity_kind  text NOT NULL CHECK (entity_kind IN ('account', 'contact', 'lead', 'deal', 'ticket')),
  entity_id    uuid NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('churned', 'renewed', 'converted', 'won', 'lost', 'responded')),
  value        boolean NOT NULL,
  campaign_id  uuid REFERENCES campaigns(id) ON DELETE SET NULL,
  occurred_at  timestamptz,
  known_at     timestamptz NOT NULL,
  source       text,
  UNIQUE (tenant_id, entity_kind, entity_id, kind)
);
CREATE INDEX outcomes_tenant_kind_idx ON outcomes (tenant_id, kind, known_at);

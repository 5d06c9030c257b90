-- The CRM book: accounts, contacts, leads, deals and their stage history.
-- external_id is the id in the source system; unique per tenant so a re-import updates, never duplicates.

CREATE TABLE accounts (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id        uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  external_id      text,
  name             text NOT NULL,
  domain           text,
  industry         text,
  employees        integer CHECK (employees >= 0),
  annual_revenue   numeric(16, 2),
  country          text,
  region           text,
  segment          text,  -- smb / mid-market / enterprise
  plan             text,
  seats_purchased  integer CHECK (seats_purchased >= 0),
  mrr              numeric(14, 2) CHECK (mrr >= 0),
  arr              numeric(14, 2) CHECK (arr >= 0),
  lifecycle_stage  text NOT NULL DEFAULT 'customer'
                   CHECK (lifecycle_stage IN ('prospect', 'onboarding', 'customer', 'churned')),
  owner_id         uuid REFERENCES users(id) ON DELETE SET NULL,
  customer_since   date,
  renewal_date     date,
  attributes       jsonb NOT NULL DEFAULT '{}'::jsonb,  -- tenant-specific fields
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, external_id)
);
CREATE INDEX accounts_tenant_owner_idx ON accounts (tenant_id, owner_id);
-- CS agent: renewals coming up
CREATE INDEX accounts_tenant_renewal_idx ON accounts (tenant_id, renewal_date) WHERE lifecycle_stage <> 'churned';

CREATE TABLE contacts (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id           uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  external_id         text,
  account_id          uuid REFERENCES accounts(id) ON DELETE CASCADE,
  first_name          text,
  last_name           text,
  title               text,
  role                text CHECK (role IN ('executive', 'decision_maker', 'champion', 'user', 'billing', 'technical', 'other')),
  email               text,
  phone               text,
  -- consent: email_consent is the current state; opted_out_at/opt_out_source record a withdrawal
  email_consent       boolean NOT NULL DEFAULT true,
  consent_updated_at  timestamptz,
  consent_source      text,
  opted_out_at        timestamptz,
  opt_out_source      text,
  attributes          jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, external_id)
);
CREATE INDEX contacts_tenant_account_idx ON contacts (tenant_id, account_id);
CREATE INDEX contacts_tenant_email_idx ON contacts (tenant_id, lower(email));

CREATE TABLE leads (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id       uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  external_id     text,
  account_id      uuid REFERENCES accounts(id) ON DELETE SET NULL,
  first_name      text,
  last_name       text,
  email           text,
  phone           text,
  company         text,
  title           text,
  employees       integer CHECK (employees >= 0),
  country         text,
  source          text,
  status          text NOT NULL DEFAULT 'new'
                  CHECK (status IN ('new', 'working', 'nurturing', 'qualified', 'unqualified', 'converted')),
  owner_id        uuid REFERENCES users(id) ON DELETE SET NULL,
  do_not_contact  boolean NOT NULL DEFAULT false,
  opted_out_at    timestamptz,
  fields          jsonb NOT NULL DEFAULT '{}'::jsonb,  -- tenant-specific fields
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, external_id)
);
-- sales agent: every open lead of a tenant
CREATE INDEX leads_tenant_open_idx ON leads (tenant_id, status) WHERE status NOT IN ('converted', 'unqualified');
CREATE INDEX leads_tenant_owner_idx ON leads (tenant_id, owner_id);

CREATE TABLE deals (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id       uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  external_id     text,
  account_id      uuid REFERENCES accounts(id) ON DELETE CASCADE,
  owner_id        uuid REFERENCES users(id) ON DELETE SET NULL,
  name            text NOT NULL,
  stage           text NOT NULL,
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost')),
  amount          numeric(14, 2) CHECK (amount >= 0),
  currency        text NOT NULL DEFAULT 'USD',
  probability     numeric(4, 3) CHECK (probability BETWEEN 0 AND 1),
  expected_close  date,
  -- the close date first promised: a later expected_close means the deal slipped
  original_close  date,
  next_step       text,
  next_step_due   date,
  created_at      timestamptz NOT NULL DEFAULT now(),
  stage_entered_at timestamptz NOT NULL DEFAULT now(),
  closed_at       timestamptz,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, external_id)
);
-- sales agent and forecast: open pipeline by owner, stage and close date
CREATE INDEX deals_tenant_open_idx ON deals (tenant_id, owner_id, expected_close) WHERE status = 'open';
CREATE INDEX deals_tenant_account_idx ON deals (tenant_id, account_id);

-- One row per stage a deal has been in; exited_at is null for the current stage.
-- Stage norms (median days in stage per tenant) are computed from the closed rows.
CREATE TABLE deal_stage_history (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  deal_id     uuid NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
  stage       text NOT NULL,
  entered_at  timestamptz NOT NULL,
  exited_at   timestamptz,
  CHECK (exited_at IS NULL OR exited_at >= entered_at),
  UNIQUE (deal_id, entered_at)
);
CREATE INDEX deal_stage_history_deal_idx ON deal_stage_history (tenant_id, deal_id, entered_at);
CREATE INDEX deal_stage_history_norms_idx ON deal_stage_history (tenant_id, stage) WHERE exited_at IS NOT NULL;

-- The people on a deal (multi-threading: a deal with one contact is single-threaded).
CREATE TABLE deal_contacts (
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  deal_id     uuid NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
  contact_id  uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  role        text,
  PRIMARY KEY (deal_id, contact_id)
);
CREATE INDEX deal_contacts_tenant_idx ON deal_contacts (tenant_id, contact_id);

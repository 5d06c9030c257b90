-- What agents produce, with provenance: runs and their events, scores, tasks, drafts, the outbox,
-- the audit log, and embeddings for semantic memory.
-- Every output row carries an idempotency_key derived from (run, node, entity, kind), unique per
-- tenant, so a retried or resumed run writes the same rows again instead of new ones.

CREATE TABLE agent_runs (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id        uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  agent            text NOT NULL,
  target           jsonb NOT NULL,  -- {kind: account|lead|deal|ticket|segment|all, id?, filter?}
  status           text NOT NULL DEFAULT 'queued'
                   CHECK (status IN ('queued', 'running', 'interrupted', 'succeeded', 'failed', 'cancelled', 'budget_exceeded')),
  idempotency_key  text,
  parent_run_id    uuid REFERENCES agent_runs(id) ON DELETE SET NULL,
  trigger          text NOT NULL DEFAULT 'api',  -- api, schedule, event, cli, eval
  budget           jsonb NOT NULL DEFAULT '{}'::jsonb,
  usage            jsonb NOT NULL DEFAULT '{}'::jsonb,  -- tokens and calls, per node
  provider         text,  -- offline or the model endpoint that produced text
  degraded         boolean NOT NULL DEFAULT false,
  error            jsonb,
  created_at       timestamptz NOT NULL DEFAULT now(),
  started_at       timestamptz,
  finished_at      timestamptz,
  UNIQUE (tenant_id, idempotency_key)
);
CREATE INDEX agent_runs_tenant_time_idx ON agent_runs (tenant_id, created_at DESC);
-- multitask policy: is a run already active on this target?
CREATE INDEX agent_runs_active_idx ON agent_runs (tenant_id, agent, (target->>'kind'), (target->>'id'))
  WHERE status IN ('queued', 'running', 'interrupted');

-- Run events, numbered per run (seq) so an SSE client can rejoin from Last-Event-ID.
CREATE TABLE run_events (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  run_id      uuid NOT NULL REFERENCES agent_runs(id) ON DELETE CASCADE,
  seq         integer NOT NULL,
  type        text NOT NULL,
  data        jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (run_id, seq)
);

-- Scores keep their history: one row per scoring; the latest per (entity, kind) is the current one.
CREATE TABLE scores (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id        uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  entity_kind      text NOT NULL CHECK (entity_kind IN ('account', 'contact', 'lead', 'deal', 'ticket')),
  entity_id        uuid NOT NULL,
  kind             text NOT NULL,  -- lead, health, churn, win, sla_breach, propensity …
  value            numeric(7, 3) NOT NULL,
  probability      numeric(6, 5) CHECK (probability BETWEEN 0 AND 1),
  tier             text,
  reasons          jsonb NOT NULL DEFAULT '[]'::jsonb,  -- [{factor, contribution, evidence_ids}]
  model_version    text NOT NULL,
  agent            text NOT NULL,
  run_id           uuid REFERENCES agent_runs(id) ON DELETE SET NULL,
  idempotency_key  text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, idempotency_key)
);
CREATE INDEX scores_entity_latest_idx ON scores (tenant_id, entity_kind, entity_id, kind, created_at DESC);
-- ranking a book by its latest scores (top hot leads, most at-risk accounts)
CREATE INDEX scores_tenant_kind_time_idx ON scores (tenant_id, kind, created_at DESC);

CREATE TABLE tasks (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id          uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  type               text NOT NULL,  -- call_hot_lead, reengage_deal, renewal_prep, sla_risk …
  title              text NOT NULL,
  reason             text NOT NULL,
  entity_kind        text NOT NULL CHECK (entity_kind IN ('account', 'contact', 'lead', 'deal', 'ticket')),
  entity_id          uuid NOT NULL,
  priority_value     numeric(14, 2) NOT NULL DEFAULT 0,  -- expected value used to rank
  estimated_minutes  integer NOT NULL DEFAULT 30 CHECK (estimated_minutes > 0),
  required_skill     text,
  due_at             timestamptz,
  assignee_id        uuid REFERENCES users(id) ON DELETE SET NULL,
  status             text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
  dedupe_key         text NOT NULL,
  evidence_ids       text[] NOT NULL DEFAULT '{}',
  source_agent       text NOT NULL,
  run_id             uuid REFERENCES agent_runs(id) ON DELETE SET NULL,
  plan_id            uuid,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
-- re-proposing an open task with the same dedupe key updates it instead of adding one
CREATE UNIQUE INDEX tasks_open_dedupe_uq ON tasks (tenant_id, dedupe_key) WHERE status IN ('open', 'in_progress');
CREATE INDEX tasks_assignee_idx ON tasks (tenant_id, assignee_id, status, due_at);
CREATE INDEX tasks_entity_idx ON tasks (tenant_id, entity_kind, entity_id);

CREATE TABLE drafts (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id        uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  channel          text NOT NULL CHECK (channel IN ('email', 'reply', 'sms')),
  contact_id       uuid REFERENCES contacts(id) ON DELETE CASCADE,
  lead_id          uuid REFERENCES leads(id) ON DELETE CASCADE,
  account_id       uuid REFERENCES accounts(id) ON DELETE CASCADE,
  entity_kind      text NOT NULL,
  entity_id        uuid NOT NULL,
  subject          text,
  body             text NOT NULL,
  evidence_ids     text[] NOT NULL CHECK (cardinality(evidence_ids) > 0),
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'sent')),
  provider         text NOT NULL,  -- 'offline:<template version>' or '<endpoint>:<model>'
  agent            text NOT NULL,
  run_id           uuid REFERENCES agent_runs(id) ON DELETE SET NULL,
  approver         text,
  decided_at       timestamptz,
  decision_note    text,
  idempotency_key  text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, idempotency_key),
  CHECK (contact_id IS NOT NULL OR lead_id IS NOT NULL)
);
CREATE INDEX drafts_tenant_status_idx ON drafts (tenant_id, status, created_at DESC);
-- frequency caps: drafts per contact in the last week
CREATE INDEX drafts_contact_time_idx ON drafts (tenant_id, contact_id, created_at DESC) WHERE contact_id IS NOT NULL;

-- Approved drafts wait here for a delivery integration; the engine itself never sends.
CREATE TABLE outbox (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id     uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  draft_id      uuid NOT NULL UNIQUE REFERENCES drafts(id) ON DELETE CASCADE,
  payload       jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  delivered_at  timestamptz
);
CREATE INDEX outbox_pending_idx ON outbox (tenant_id, created_at) WHERE delivered_at IS NULL;

CREATE TABLE audit_log (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  actor        text NOT NULL,  -- agent:<name>, user:<id>, api_key:<prefix>, system
  action       text NOT NULL,
  entity_kind  text,
  entity_id    uuid,
  run_id       uuid,
  details      jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_tenant_time_idx ON audit_log (tenant_id, created_at DESC);

-- Semantic memory: one row per (entity, chunk, embedder). The embedder id travels with every
-- vector, so vectors of two embedders are never compared; the HNSW index per embedder is created
-- by the memory layer, which knows each embedder's dimension.
CREATE TABLE embeddings (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  entity_kind  text NOT NULL CHECK (entity_kind IN ('activity', 'ticket', 'kb_article', 'account', 'lead', 'deal', 'contact')),
  entity_id    uuid NOT NULL,
  chunk        integer NOT NULL CHECK (chunk >= 0),
  embedder     text NOT NULL,
  content      text NOT NULL,
  metadata     jsonb NOT NULL DEFAULT '{}'::jsonb,
  embedding    vector NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, entity_kind, entity_id, chunk, embedder)
);
CREATE INDEX embeddings_scope_idx ON embeddings (tenant_id, embedder, entity_kind);

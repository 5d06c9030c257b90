-- The LangGraph Agent Protocol over the runtime (server/protocol).
--
-- protocol_threads: a thread as LangGraph clients see it. With a target it is that target's
-- conversation (every run on it runs on the target); without one it is a free thread whose runs
-- name their target in their input. Its state is the checkpoint of its latest run.
-- protocol_thread_runs: which agent runs belong to which thread, and the stream modes a run was
-- started with (what joinStream sends by default).
-- protocol_store_items: LangGraph store items (namespace + key → JSON value), with an embedding
-- of the value's text for semantic search, per tenant. memory/'s embeddings table is keyed by
-- CRM entities, not by namespaces and keys, so items live here.

CREATE TABLE protocol_threads (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  target      jsonb,
  metadata    jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX protocol_threads_tenant_idx ON protocol_threads (tenant_id, updated_at DESC, id);

CREATE TABLE protocol_thread_runs (
  run_id       uuid PRIMARY KEY REFERENCES agent_runs(id) ON DELETE CASCADE,
  thread_id    uuid REFERENCES protocol_threads(id) ON DELETE CASCADE,
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  stream_mode  text[] NOT NULL DEFAULT '{values}',
  multitask    text NOT NULL DEFAULT 'reject',
  metadata     jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX protocol_thread_runs_thread_idx ON protocol_thread_runs (thread_id, created_at DESC);

CREATE TABLE protocol_store_items (
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  namespace   text[] NOT NULL CHECK (cardinality(namespace) > 0),
  key         text NOT NULL,
  value       jsonb NOT NULL,
  embedder    text,
  embedding   vector,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, namespace, key)
);

ALTER TABLE protocol_threads ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON protocol_threads TO crm_tenant
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
ALTER TABLE protocol_thread_runs ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON protocol_thread_runs TO crm_tenant
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
ALTER TABLE protocol_store_items ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON protocol_store_items TO crm_tenant
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

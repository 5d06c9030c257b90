-- Trained scoring models per tenant (agents/scoring artifacts: JSON, versioned by a hash of
-- their specs, parameters and training data). One active version per (tenant, model); older
-- versions stay for audit, so a score's model_version can always be traced to its artifact.
CREATE TABLE score_models (
  tenant_id     uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name          text NOT NULL,  -- lead, churn, churn-signals …
  version       text NOT NULL,
  artifact      jsonb NOT NULL,
  metrics       jsonb NOT NULL DEFAULT '{}'::jsonb,  -- cross-validated AUC, rows, positives …
  trained_rows  integer NOT NULL,
  active        boolean NOT NULL DEFAULT true,
  trained_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, name, version)
);
-- agents read the active model of a kind before scoring
CREATE UNIQUE INDEX score_models_active_uq ON score_models (tenant_id, name) WHERE active;

ALTER TABLE score_models ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON score_models TO crm_tenant
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

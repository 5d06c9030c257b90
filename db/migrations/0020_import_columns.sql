-- What each CSV import declared about the columns it wrote (db/import/csv/declared.ts): the
-- record key a value landed under (a table column such as `plan`, or a bag path such as
-- `attributes.tenure_months`), its declared type, and its role. Scoring derives a model kind's
-- default feature spec from these rows (agents/scoring/features/derive.ts), so a tenant's own
-- mapping, not TypeScript, says which columns a model may learn from. One row per (tenant,
-- table, key); a later import of the same key replaces it.
CREATE TABLE import_columns (
  tenant_id      uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  table_name     text NOT NULL,
  key            text NOT NULL,
  value_type     text NOT NULL CHECK (value_type IN ('numeric', 'boolean', 'text', 'date', 'other')),
  -- field: a value on the row; identifier: the source system's id (or a copy of it);
  -- outcome: a label (stored in outcomes, never on the row); post_outcome: a column the
  -- mapping says is filled in only after the outcome (kept, but never a feature)
  role           text NOT NULL CHECK (role IN ('field', 'identifier', 'outcome', 'post_outcome')),
  source_column  text,
  mapping        text NOT NULL,
  imported_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, table_name, key)
);

ALTER TABLE import_columns ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON import_columns TO crm_tenant
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

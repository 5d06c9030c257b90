-- Which embedder each tenant's semantic memory is built with. An index is built under a new
-- embedder ('building'), then made 'active' while the previous one is retired and its vectors
-- deleted in the same transaction: searches always compare vectors of one embedder, never a mix.
-- An offline embedder's fitted state (the hashing embedder's IDF) is kept here, so every process
-- embeds queries exactly as the index was built.
CREATE TABLE memory_indexes (
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  embedder    text NOT NULL,
  dimensions  integer NOT NULL CHECK (dimensions > 0),
  state       jsonb,  -- HashingEmbedder.toJSON(); null for remote embedders
  status      text NOT NULL CHECK (status IN ('building', 'active', 'retired')),
  entities    integer NOT NULL DEFAULT 0,
  chunks      integer NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now(),
  built_at    timestamptz,
  PRIMARY KEY (tenant_id, embedder)
);
-- the one active index per tenant, read before every semantic search
CREATE UNIQUE INDEX memory_indexes_active_uq ON memory_indexes (tenant_id) WHERE status = 'active';

ALTER TABLE memory_indexes ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON memory_indexes TO crm_tenant
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- Marketing: stored segments (RFM groups and behavioural clusters of accounts) with their
-- membership, and the A/B variant and campaign of a marketing draft.
--
-- A segment is identified by (tenant, key), e.g. `rfm:at_risk` or `cluster:2`. Refreshing a
-- segmentation rewrites its segments' definition and version and replaces their membership in one
-- transaction: members that stay keep their `since`, leavers are deleted, newcomers inserted, and
-- segments the new version no longer has are dropped. The primary key of segment_members makes a
-- duplicate membership impossible.

CREATE TABLE segments (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id     uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  kind          text NOT NULL CHECK (kind IN ('rfm', 'cluster')),
  key           text NOT NULL,
  name          text NOT NULL,
  description   text NOT NULL,
  -- how membership was decided: the RFM rule, or the cluster's centroid, features and k
  definition    jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- the segmentation version whose membership the table holds, e.g. rfm-v1 or kmeans-v1-k4-<hash>
  version       text NOT NULL,
  member_count  integer NOT NULL DEFAULT 0 CHECK (member_count >= 0),
  run_id        uuid REFERENCES agent_runs(id) ON DELETE SET NULL,
  refreshed_at  timestamptz NOT NULL DEFAULT now(),
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, key)
);
CREATE INDEX segments_tenant_kind_idx ON segments (tenant_id, kind);

CREATE TABLE segment_members (
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  segment_id  uuid NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
  account_id  uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  -- when the account entered the segment (kept while it stays in across refreshes)
  since       timestamptz NOT NULL,
  run_id      uuid REFERENCES agent_runs(id) ON DELETE SET NULL,
  PRIMARY KEY (segment_id, account_id)
);
-- audiences: the segments of an account
CREATE INDEX segment_members_account_idx ON segment_members (tenant_id, account_id);

-- A marketing draft's A/B variant and the campaign (goal) it was written for; null for drafts of
-- other agents. A rerun of the same campaign finds the contacts it already drafted through them.
ALTER TABLE drafts ADD COLUMN variant text;
ALTER TABLE drafts ADD COLUMN campaign_key text;
CREATE INDEX drafts_campaign_idx ON drafts (tenant_id, campaign_key, contact_id) WHERE campaign_key IS NOT NULL;

ALTER TABLE segments ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON segments TO crm_tenant
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE segment_members ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON segment_members TO crm_tenant
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

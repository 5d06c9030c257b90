-- Nightly workload plans: one plan per tenant and day, the tasks the agents proposed for it
-- (candidates, written by proposal batches that may run on any worker), and each rep's day
-- (assignments, written by the one step that solves the plan).
--
-- People's capacity hours per day, skills, territories and time zones are on users (0002).
-- Re-running the plan of the same day rewrites the same plan row: its candidates and assignments
-- are replaced, and the tasks themselves are deduplicated by tasks_open_dedupe_uq.

CREATE TABLE plans (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id      uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  plan_date      date NOT NULL,
  -- the planner run that proposed the tasks (its id seeds the idempotency keys of the batches' writes)
  run_id         uuid REFERENCES agent_runs(id) ON DELETE SET NULL,
  status         text NOT NULL DEFAULT 'proposing' CHECK (status IN ('proposing', 'solved', 'failed')),
  -- the instant the agents' proposal steps work as of (fixed when the plan is opened)
  as_of          timestamptz NOT NULL,
  -- mip (HiGHS) or greedy; the solver's model status; objective and an upper bound on it
  method         text CHECK (method IN ('mip', 'greedy')),
  solver_status  text,
  objective      double precision,
  bound          double precision,
  bound_source   text,
  gap            double precision,
  solve_ms       integer,
  -- why the greedy ran instead of the MIP, if it did
  fallback       text,
  -- counts: candidates, after dedupe, assigned, unassigned by reason, per source, options used
  stats          jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at     timestamptz NOT NULL DEFAULT now(),
  solved_at      timestamptz,
  UNIQUE (tenant_id, plan_date)
);
CREATE INDEX plans_tenant_date_idx ON plans (tenant_id, plan_date DESC);

CREATE TABLE plan_candidates (
  tenant_id       uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  plan_id         uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  task_id         uuid NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  -- the agent whose proposal step produced it
  source          text NOT NULL,
  -- who owns the entity (account, deal or lead owner): assigned first
  owner_id        uuid REFERENCES users(id) ON DELETE SET NULL,
  expected_value  double precision NOT NULL CHECK (expected_value >= 0),
  -- the batch that proposed it (a retried batch rewrites its own rows)
  batch_key       text NOT NULL,
  PRIMARY KEY (plan_id, task_id)
);
CREATE INDEX plan_candidates_task_idx ON plan_candidates (tenant_id, task_id);

CREATE TABLE plan_assignments (
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  plan_id     uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  task_id     uuid NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  position    integer NOT NULL CHECK (position >= 0),
  starts_at   timestamptz NOT NULL,
  ends_at     timestamptz NOT NULL CHECK (ends_at > starts_at),
  minutes     integer NOT NULL CHECK (minutes > 0),
  -- the plan value the objective counted (value today × owner / territory / pool weight)
  value       double precision NOT NULL,
  match       text NOT NULL CHECK (match IN ('owner', 'territory', 'pool')),
  PRIMARY KEY (plan_id, task_id),
  UNIQUE (plan_id, user_id, position)
);
-- a rep's day: the API and `crm plan` read a plan's assignments per person in order
CREATE INDEX plan_assignments_user_idx ON plan_assignments (tenant_id, user_id, plan_id, position);

ALTER TABLE plans ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON plans TO crm_tenant
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE plan_candidates ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON plan_candidates TO crm_tenant
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE plan_assignments ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON plan_assignments TO crm_tenant
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

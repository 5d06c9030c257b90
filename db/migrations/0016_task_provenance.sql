-- 0016: task provenance. Who proposed a task is kept apart from who assigned it.
--
-- tasks.run_id and tasks.source_agent: the run (and agent) that proposed the task first; a later
-- proposal of the same open task (same dedupe key), by an agent run or by the nightly planner,
-- no longer overwrites them. tasks.assigned_run_id: the planner run whose plan (tasks.plan_id)
-- assigned it, null while no plan has placed it.
--
-- task_runs: every run that proposed the task or proposed it again (refreshing it), so a run's
-- outputs list what that run produced, including tasks that an earlier run created first.
ALTER TABLE tasks ADD COLUMN assigned_run_id uuid REFERENCES agent_runs(id) ON DELETE SET NULL;

CREATE TABLE task_runs (
  tenant_id  uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  run_id     uuid NOT NULL REFERENCES agent_runs(id) ON DELETE CASCADE,
  task_id    uuid NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  -- the agent whose policy proposed it (for a planner run: the proposal step's agent)
  agent      text NOT NULL,
  -- true: this run created the task; false: it proposed an open task again
  created    boolean NOT NULL,
  at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run_id, task_id)
);
CREATE INDEX task_runs_task_idx ON task_runs (task_id);

ALTER TABLE task_runs ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON task_runs TO crm_tenant
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- what is known of existing tasks: the run recorded on them (for tasks a plan re-proposed, that
-- is the planner's run, which did propose them again)
INSERT INTO task_runs (tenant_id, run_id, task_id, agent, created, at)
SELECT tenant_id, run_id, id, source_agent, true, created_at FROM tasks WHERE run_id IS NOT NULL
ON CONFLICT DO NOTHING;
UPDATE tasks t SET assigned_run_id = p.run_id FROM plans p WHERE t.plan_id = p.id;

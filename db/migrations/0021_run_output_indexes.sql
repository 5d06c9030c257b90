-- A page of GET /v1/runs shows what each run wrote (scores, tasks, drafts): one grouped count per
-- kind over the page's run ids. task_runs is keyed by run_id already and drafts have
-- drafts_run_idx (0017); scores had no index by run, so each count scanned the tenant's scores.
CREATE INDEX scores_run_idx ON scores (tenant_id, run_id) WHERE run_id IS NOT NULL;

-- Idempotency keys for the two output tables that had none (tools/ writes every output under a
-- key derived from run, node, entity and output kind, so a retried or resumed run rewrites the
-- same rows). Scores and drafts carry theirs since 0005.
--
-- tasks: the open-task dedupe key (tasks_open_dedupe_uq) is chosen by the agent and only spans
-- open tasks; the run's own key finds the task a retry wrote even if it has since been closed.
-- audit_log: a retried run must not log the same action twice.
-- Both are nullable: rows written by people, imports and older runs have no key.

ALTER TABLE tasks ADD COLUMN idempotency_key text;
CREATE UNIQUE INDEX tasks_idempotency_uq ON tasks (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

ALTER TABLE audit_log ADD COLUMN idempotency_key text;
CREATE UNIQUE INDEX audit_log_idempotency_uq ON audit_log (tenant_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;

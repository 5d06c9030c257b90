-- 0017: drafts are decided one at a time, and a cancelled run's drafts are closed.
-- `decision` keeps what the person chose (an edit is an approval with their text), so a run
-- resumed later, from any process, learns each decision from the store. `closed` is the end of a
-- draft nobody can decide any more (its run was cancelled); `decision_note` says why.
ALTER TABLE drafts DROP CONSTRAINT drafts_status_check;
ALTER TABLE drafts ADD CONSTRAINT drafts_status_check
  CHECK (status IN ('pending', 'approved', 'rejected', 'sent', 'closed'));
ALTER TABLE drafts ADD COLUMN decision text CHECK (decision IN ('approve', 'edit', 'reject'));

UPDATE drafts d SET decision = CASE
    WHEN d.status = 'rejected' THEN 'reject'
    WHEN EXISTS (SELECT 1 FROM audit_log a WHERE a.tenant_id = d.tenant_id AND a.entity_id = d.id
                   AND a.action = 'draft.edited_and_approved') THEN 'edit'
    ELSE 'approve' END
  WHERE d.status IN ('approved', 'rejected', 'sent');

-- drafts that runs cancelled before this migration left pending forever
UPDATE drafts SET status = 'closed', approver = 'system', decided_at = now(), decision_note = 'run cancelled'
  WHERE status = 'pending' AND run_id IN (SELECT id FROM agent_runs WHERE status = 'cancelled');

-- a run's drafts (approval, cancel, GET /v1/drafts?run_id=)
CREATE INDEX drafts_run_idx ON drafts (tenant_id, run_id) WHERE run_id IS NOT NULL;

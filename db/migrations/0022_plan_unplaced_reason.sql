-- Why the plan did not place a candidate task (no person with the role or skill, no capacity left
-- today …), per task, so a person sees it beside the task; the plan's stats keep only the counts.
-- NULL: placed, or a plan solved before this column existed.
ALTER TABLE plan_candidates ADD COLUMN unplaced_reason text;

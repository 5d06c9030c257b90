-- A per-run event counter. Numbering events with max(seq)+1 races: two writers can read the same
-- max under READ COMMITTED. Incrementing a counter on the run's row serialises them instead.
ALTER TABLE agent_runs ADD COLUMN last_event_seq integer NOT NULL DEFAULT 0;

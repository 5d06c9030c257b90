import type postgres from "postgres";
import { appendRunEvent } from "./run-events.ts";
import { finishRunUnlessCancelled, type AgentRun, type RunOutcome } from "./runs.ts";

/** The event that records how a leg ended: `run_succeeded`, `run_failed`, `run_interrupted` … */
export interface RunEndEvent {
  type: string;
  data: Record<string, unknown>;
}

/**
 * Records a leg's end: its last event (none when cancelRun wrote `run_cancelled`) and the run's
 * status, in one transaction. A connection lost in between leaves neither, so the run is still
 * `running` with no end event and its leg can be tried again; never an end event on a run that
 * did not end, which a retry would end a second time.
 */
export function recordRunEnd(
  sql: postgres.Sql,
  run: Pick<AgentRun, "id" | "tenant_id">,
  event: RunEndEvent | null,
  outcome: RunOutcome,
): Promise<AgentRun> {
  return sql.begin(async (tx) => {
    if (event) await appendRunEvent(tx, run.tenant_id, run.id, event.type, event.data);
    return finishRunUnlessCancelled(tx, run.id, outcome);
  });
}

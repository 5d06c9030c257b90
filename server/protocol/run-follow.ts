import { setTimeout as sleep } from "node:timers/promises";
import { getRun, type AgentRun } from "../../db/queries/runs.ts";
import type { Deps } from "../../graphs/runtime/index.ts";
import { notFound } from "../http/errors.ts";

/** The run's last event number (agent_runs.last_event_seq, migration 0009). */
export const lastSeq = (run: AgentRun): number =>
  Number((run as { last_event_seq?: number }).last_event_seq ?? 0);

/**
 * Whether a run is at rest: not queued or running and — for a run just told to resume
 * (`since` = its last event then) — past that event, so a resume still queued is not "done".
 */
export function atRest(run: AgentRun, since?: number): boolean {
  if (run.status === "queued" || run.status === "running") return false;
  return since === undefined || run.status !== "interrupted" || lastSeq(run) > since;
}

/** Polls the run until it is at rest, the signal aborts, or `timeoutMs` passes; returns it as it stands. */
export async function followRun(
  deps: Deps,
  tenantId: string,
  runId: string,
  o: { since?: number; timeoutMs: number; signal?: AbortSignal },
): Promise<AgentRun> {
  const deadline = Date.now() + o.timeoutMs;
  let pause = 25;
  for (;;) {
    const run = await getRun(deps.sql, tenantId, runId);
    if (!run) throw notFound("run", runId, "run_id");
    if (atRest(run, o.since) || Date.now() > deadline || o.signal?.aborted) return run;
    await sleep(pause);
    pause = Math.min(250, pause * 2);
  }
}

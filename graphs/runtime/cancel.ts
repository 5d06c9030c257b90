import type postgres from "postgres";
import { getRun, markRunCancelled, runStatus, type AgentRun } from "../../db/queries/runs.ts";
import type { Sql } from "../../db/store.ts";
import { appendRunEvent } from "../../db/queries/run-events.ts";
import { closeRunDrafts } from "../../db/queries/drafts.ts";
import { RunNotFoundError, RunStateError } from "./errors.ts";

/** How often an executing leg re-reads its run's status to see a cancellation (ms). */
export const CANCEL_POLL_MS = 250;

/**
 * Cancels a run. A queued run never starts; an interrupted run stops waiting; a running run —
 * in this process or any other — stops at its next node boundary, keeping what it wrote and its
 * checkpoint. The run's pending drafts are closed with the reason "run cancelled" (nobody can
 * decide them any more), in the same transaction. Writes the `run_cancelled` event (with the
 * closed drafts' ids). Cancelling a cancelled run returns it unchanged;
 * a finished run is a RunStateError, another tenant's run RUN_NOT_FOUND.
 */
export async function cancelRun(
  sql: postgres.Sql,
  tenantId: string,
  runId: string,
  by = "api",
): Promise<AgentRun> {
  const cancelled = await sql.begin(async (tx) => {
    const run = await markRunCancelled(tx, tenantId, runId, {
      code: "CANCELLED",
      message: `cancelled by ${by}`,
    });
    if (!run) return null;
    const closed = await closeRunDrafts(tx, tenantId, runId, "run cancelled", by);
    await appendRunEvent(tx, tenantId, runId, "run_cancelled", { by, ...(closed.length ? { closed } : {}) });
    return run;
  });
  if (cancelled) return cancelled;
  const run = await getRun(sql, tenantId, runId);
  if (!run) throw new RunNotFoundError(runId);
  if (run.status === "cancelled") return run;
  throw new RunStateError(runId, run.status, "cancel it");
}

/** A leg's view of its run's cancellation, refreshed in the background. */
export interface CancellationWatch {
  /** Whether a cancellation was seen (never waits: the stream loop reads it between nodes). */
  requested(): boolean;
  /** Reads the status once more, now (the leg's last look before it records how it ended). */
  check(): Promise<boolean>;
  /** Stops polling and waits for a poll in flight, so nothing queries the store after the leg. */
  stop(): Promise<void>;
}

/**
 * Polls the run's status every CANCEL_POLL_MS. Polling the store (rather than a message from
 * the queue) sees a cancellation from any process, on either queue kind.
 */
export function watchCancellation(sql: Sql, runId: string, pollMs = CANCEL_POLL_MS): CancellationWatch {
  let seen = false;
  let inFlight: Promise<void> = Promise.resolve();
  const poll = async () => {
    if ((await runStatus(sql, runId)) === "cancelled") seen = true;
  };
  const timer = setInterval(() => {
    // one poll at a time; a failed poll (store restarting) is retried at the next tick
    inFlight = inFlight.then(poll).catch(() => {});
  }, pollMs);
  timer.unref();
  return {
    requested: () => seen,
    async check() {
      await poll();
      return seen;
    },
    async stop() {
      clearInterval(timer);
      await inFlight;
    },
  };
}

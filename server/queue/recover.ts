import type postgres from "postgres";
import { listUnfinishedRuns, type AgentRun } from "../../db/queries/runs.ts";
import { decidedWaitingRuns } from "../../db/queries/waiting-runs.ts";
import { isFlowPlanRun } from "./nightly.ts";
import type { JobQueue } from "./types.ts";

export interface RecoverOptions {
  /**
   * Also re-queue runs left `running`: only where no other process can be executing them — the
   * embedded store, which one process holds. Elsewhere a `running` run may be alive in another
   * worker or a `crm run`, and BullMQ's stalled-job check already hands a dead worker's job on.
   */
  includeRunning: boolean;
  /** Re-queues a nightly plan flow left running (its run is not a graph to continue). */
  resumePlan?: (run: AgentRun) => Promise<void>;
}

/**
 * Queues the job of every run left unfinished (system work, across tenants), when a worker
 * starts. Adding a job that exists is a no-op, so with BullMQ this only restores jobs that were
 * never added (the API stopped between its two writes) or that Redis lost; for the in-process
 * runner, whose jobs died with the last process, it is how those runs continue from their
 * checkpoints. An interrupted run whose drafts are all decided gets its resume job again (lost
 * with the process that had it queued). Returns how many runs it re-queued.
 */
export async function requeueUnfinishedRuns(
  sql: postgres.Sql,
  queue: JobQueue,
  options: RecoverOptions,
): Promise<number> {
  const runs = await listUnfinishedRuns(sql, options.includeRunning ? ["queued", "running"] : ["queued"]);
  let requeued = 0;
  for (const run of runs) {
    if (isFlowPlanRun(run)) {
      if (run.status !== "running" || !options.resumePlan) continue;
      await options.resumePlan(run);
    } else {
      await queue.addRun({ tenantId: run.tenant_id, runId: run.id });
    }
    requeued += 1;
  }
  for (const run of await decidedWaitingRuns(sql)) {
    await queue.addResume({ tenantId: run.tenant_id, runId: run.id });
    requeued += 1;
  }
  return requeued;
}

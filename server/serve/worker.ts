import type postgres from "postgres";
import { listTenants } from "../../db/index.ts";
import type { Deps } from "../../graphs/runtime/index.ts";
import type { Config } from "../config.ts";
import type { Logger } from "../logger.ts";
import { jobHandlers, type HandlerOptions } from "../queue/handlers.ts";
import { resumePlanFlow } from "../queue/nightly.ts";
import { graphPlanner } from "../queue/planner.ts";
import { requeueUnfinishedRuns } from "../queue/recover.ts";
import { ensureTenantDefaults, mirrorSchedules } from "../queue/schedules.ts";
import type { JobQueue } from "../queue/types.ts";

/**
 * How often a worker gives new tenants their defaults, re-mirrors schedules and re-adds the jobs
 * of queued runs Redis lost (ms).
 */
export const HOUSEKEEPING_MS = 60_000;

/**
 * Every tenant gets its defaults (idempotent), the store's schedules become the queue's job
 * schedulers, and the schedules changed in other processes are picked up.
 */
export async function syncSchedules(sql: postgres.Sql, queue: JobQueue) {
  for (const tenant of await listTenants(sql)) await ensureTenantDefaults(sql, null, tenant.id);
  return mirrorSchedules(sql, queue);
}

/**
 * Starts the worker and scheduler side of a process: tenant defaults and schedules mirrored into
 * the queue, runs left unfinished re-queued, jobs processed. Returns a stop function that ends
 * the housekeeping, waiting for a sync in flight (the caller stops the queue's worker).
 */
export async function startWorkerRole(
  deps: Deps,
  queue: JobQueue,
  config: Config,
  logger: Logger,
  options: { handlers?: HandlerOptions; singleProcess: boolean },
): Promise<() => Promise<void>> {
  const handlerOptions = options.handlers ?? {};
  const planner = handlerOptions.planner ?? graphPlanner;
  const mirrored = await syncSchedules(deps.sql, queue);
  const requeued = await requeueUnfinishedRuns(deps.sql, queue, {
    includeRunning: options.singleProcess,
    resumePlan: async (run) => {
      await resumePlanFlow(deps, queue, planner, run, config.PLAN_BATCH_ACCOUNTS);
    },
  });
  await queue.startWorker(
    jobHandlers(deps, queue, { planBatchAccounts: config.PLAN_BATCH_ACCOUNTS, ...handlerOptions }),
    { concurrency: config.WORKER_CONCURRENCY },
  );
  logger.info(
    { queue: queue.kind, ...mirrored, requeued, concurrency: config.WORKER_CONCURRENCY },
    "worker started",
  );
  let syncing: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    syncing = syncSchedules(deps.sql, queue)
      .catch((err: unknown) => logger.warn({ err }, "schedule sync failed"))
      // Redis that lost jobs (restarted without persistence, failed over) leaves their runs
      // queued with no job: add them again (a no-op for every job that still exists)
      .then(() =>
        queue.kind === "bullmq" ? requeueUnfinishedRuns(deps.sql, queue, { includeRunning: false }) : 0,
      )
      .catch((err: unknown) => logger.warn({ err }, "re-queueing queued runs failed"));
  }, HOUSEKEEPING_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await syncing;
  };
}

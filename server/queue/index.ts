// The queue every trigger goes through: BullMQ when REDIS_URL is set, else the in-process runner.
import type { Config } from "../config.ts";
import type { Logger } from "../logger.ts";
import { BullJobQueue } from "./bullmq.ts";
import { MemoryJobQueue } from "./memory.ts";
import type { JobQueue } from "./types.ts";

export type * from "./types.ts";
export { BullJobQueue } from "./bullmq.ts";
export type { BullJobQueueOptions } from "./bullmq.ts";
export { MemoryJobQueue } from "./memory.ts";
export { QueueError, UnrecoverableJobError, QueueStateError } from "./errors.ts";
export { DEFAULT_JOB_POLICY, runJobId, resumeJobId, planJobId, planBatchJobId } from "./options.ts";
export type { JobPolicy } from "./options.ts";
export { jobHandlers } from "./handlers.ts";
export type { HandlerOptions } from "./handlers.ts";
export {
  createTenantSchedule,
  updateTenantSchedule,
  deleteTenantSchedule,
  mirrorSchedules,
  ensureTenantDefaults,
} from "./schedules.ts";
export { routeEvent, EventRouteError } from "./events.ts";
export type { CrmEvent, RoutedEvent } from "./events.ts";
export { requeueUnfinishedRuns } from "./recover.ts";

/** The queue for this configuration: BullMQ on REDIS_URL, else the in-process runner. */
export function createQueue(config: Config, logger: Logger): JobQueue {
  const policy = { attempts: config.JOB_ATTEMPTS, backoffMs: config.JOB_BACKOFF_MS, keepFinished: 1000 };
  const log = logger.child({ layer: "queue" });
  if (!config.REDIS_URL) return new MemoryJobQueue(log, policy);
  return new BullJobQueue({
    url: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    policy,
    lockDurationMs: config.JOB_LOCK_MS,
    stalledIntervalMs: config.JOB_LOCK_MS,
    logger: log,
  });
}

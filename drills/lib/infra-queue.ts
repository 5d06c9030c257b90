// What the BullMQ queue says about a drill's jobs: who ran them, how often they stalled or failed.
import type { Job, Queue } from "bullmq";
import { BullJobQueue, type JobQueue } from "../../server/queue/index.ts";

function bullQueue(queue: JobQueue): Queue {
  if (!(queue instanceof BullJobQueue)) throw new Error("the infrastructure drills need the BullMQ queue");
  return queue.bullQueues()[0]!;
}

/** Run ids of the jobs `workerName` (a job's processedBy) holds right now. */
export async function activeRunsOf(queue: JobQueue, workerName: string): Promise<string[]> {
  const active = await bullQueue(queue).getJobs(["active"], 0, -1);
  return active
    .filter((j) => j.name === "run" && j.processedBy === workerName)
    .map((j) => (j.data as { runId: string }).runId);
}

export interface JobSummary {
  /** Finished run jobs per worker (processedBy: the worker that finished the job). */
  completedBy: Record<string, number>;
  completed: number;
  failed: number;
  /** Jobs a stalled-job check took back from a worker that stopped renewing its lock. */
  stalled: number;
  /** Jobs that needed more than one attempt. */
  retried: number;
  /** run id → the worker that finished its job. */
  finishedBy: Map<string, string>;
  /** Failed jobs' reasons, counted. */
  failedReasons: Record<string, number>;
  /** Finished run jobs per worker since `since` (epoch ms), when asked. */
  completedSince: Record<string, number>;
}

/** Run jobs of the queue, finished or failed (BullMQ keeps the last 1000 of each). */
export async function summariseJobs(
  queue: JobQueue,
  labels: Map<string, string>,
  since = 0,
): Promise<JobSummary> {
  const q = bullQueue(queue);
  const completed = (await q.getJobs(["completed"], 0, -1)).filter((j) => j.name === "run");
  const failed = (await q.getJobs(["failed"], 0, -1)).filter((j) => j.name === "run");
  const completedBy: Record<string, number> = {};
  const completedSince: Record<string, number> = {};
  const finishedBy = new Map<string, string>();
  for (const job of completed) {
    const who = labels.get(job.processedBy ?? "") ?? job.processedBy ?? "unknown";
    completedBy[who] = (completedBy[who] ?? 0) + 1;
    if ((job.finishedOn ?? 0) > since) completedSince[who] = (completedSince[who] ?? 0) + 1;
    finishedBy.set((job.data as { runId: string }).runId, who);
  }
  const failedReasons: Record<string, number> = {};
  for (const job of failed) failedReasons[job.failedReason] = (failedReasons[job.failedReason] ?? 0) + 1;
  const all: Job[] = [...completed, ...failed];
  return {
    completedBy,
    completed: completed.length,
    failed: failed.length,
    stalled: all.filter((j) => (j.stalledCounter ?? 0) > 0).length,
    retried: all.filter((j) => j.attemptsMade > 1).length,
    finishedBy,
    failedReasons,
    completedSince,
  };
}

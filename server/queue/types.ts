import type { Queue } from "bullmq";
import type { ResumeJobSink, RunJobSink } from "../../graphs/runtime/index.ts";

/** Which implementation is behind a JobQueue: BullMQ on Redis, or the in-process runner. */
export type QueueKind = "bullmq" | "memory";

/** Execute one agent run; everything else about it is on its `agent_runs` row. Job id `run-<runId>`. */
export interface RunJobData {
  tenantId: string;
  runId: string;
}

/**
 * Resume an interrupted run whose drafts a person decided (all of them, or told it to go on with
 * the rest rejected or pending); the decisions are on the drafts. Job id `resume-<runId>`.
 */
export interface ResumeJobData {
  tenantId: string;
  runId: string;
}

/** A schedule fired: start a run of the schedule's agent on its target (or the nightly plan). */
export interface ScheduleJobData {
  tenantId: string;
  scheduleId: string;
}

/** The parent job of a tenant's nightly plan flow; runs after every batch child finished. */
export interface PlanJobData {
  tenantId: string;
  /** The flow's key (the plan run's id): the flow's job ids derive from it. */
  planKey: string;
  /** The planner run that stands for this plan (status, events, outputs' provenance). */
  runId: string;
  /** The plan row the batches write candidates to (graphs/planner). */
  planId: string;
  /** The plan's day (ISO date) in the schedule's time zone. */
  day: string;
  /** Who asked: `schedule`, `api`, `cli`. */
  trigger: string;
}

/** A batch of the book: accounts, and leads without an account. */
export interface PlanBatch {
  accountIds: string[];
  leadIds: string[];
}

/** One child of a nightly plan flow: a batch of the book the planner proposes tasks for. */
export interface PlanBatchJobData extends PlanJobData, PlanBatch {
  /** Position of this batch in the plan (0-based); with `planKey`, its job id. */
  batch: number;
}

/** The jobs a queue carries, by name. */
export interface JobDataByName {
  run: RunJobData;
  resume: ResumeJobData;
  schedule: ScheduleJobData;
  plan: PlanJobData;
  "plan-batch": PlanBatchJobData;
}
export type JobName = keyof JobDataByName;

/** What a handler learns about the job it is processing. */
export interface JobContext {
  /** The job's id (derived from the run id, schedule id or plan key). */
  id: string;
  /** 1 on the first attempt; higher after a failure or a stalled worker. */
  attempt: number;
  /** Aborted when the worker shuts down: long handlers stop at their next boundary. */
  signal: AbortSignal;
  /** Results of a flow parent's children, keyed by child job id (empty for other jobs). */
  childResults(): Promise<Record<string, unknown>>;
}

/**
 * What a handler returns. `retryAfterMs` puts the job back without counting an attempt (a run
 * queued behind a busy target); anything else is the job's result.
 */
export type JobOutcome = { result: unknown } | { retryAfterMs: number; reason: string };

export type JobHandler<N extends JobName> = (data: JobDataByName[N], ctx: JobContext) => Promise<JobOutcome>;
export type JobHandlers = { [N in JobName]: JobHandler<N> };

/** A cron schedule as the queue holds it (the DB row is the source of truth; see schedules.ts). */
export interface QueueSchedule {
  /** The schedule's id: the queue's job scheduler id. */
  id: string;
  tenantId: string;
  /** A 5- or 6-field cron pattern (6 fields: seconds first), validated with croner. */
  cron: string;
  /** IANA time zone the pattern is read in. */
  tz: string;
}

/** A nightly plan fanned out as a flow: one parent job over one child job per batch. */
export interface PlanFlow {
  plan: PlanJobData;
  batches: PlanBatch[];
}

/** Job counts, for `/metrics` and `/readyz`. */
export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

export interface WorkerOptions {
  /** Jobs processed at once by this process (WORKER_CONCURRENCY, default 2). */
  concurrency: number;
}

/**
 * The queue every trigger goes through, with two implementations behind it: BullMQ when
 * REDIS_URL is set (server/queue/bullmq.ts), the in-process runner otherwise (memory.ts).
 * Job ids derive from run ids, schedule ids and plan keys, so adding the same job twice is a
 * no-op. Failed jobs are retried with exponential backoff; a job whose worker died is retried by
 * another worker (BullMQ's stalled-job check; the in-process runner re-queues unfinished runs
 * from the store when it starts).
 */
export interface JobQueue extends RunJobSink, ResumeJobSink {
  readonly kind: QueueKind;
  /** Queues a run (job id `run-<runId>`); a no-op when that job exists. */
  addRun(data: RunJobData, options?: { delayMs?: number }): Promise<void>;
  /** Queues a decided run's resume (job id `resume-<runId>`); a no-op when that job exists. */
  addResume(data: ResumeJobData): Promise<void>;
  /** Queues a tenant's nightly plan as a flow (parent + batch children); a no-op for a known plan key. */
  addPlanFlow(flow: PlanFlow): Promise<void>;
  /** Creates or replaces the cron job scheduler `schedule.id` (re-upserting does not duplicate). */
  upsertSchedule(schedule: QueueSchedule): Promise<void>;
  /** Removes a job scheduler; unknown ids are ignored. */
  removeSchedule(id: string): Promise<void>;
  /** Ids of the job schedulers the queue holds. */
  scheduleIds(): Promise<string[]>;
  /** Starts processing jobs in this process with `handlers`. Call once. */
  startWorker(handlers: JobHandlers, options: WorkerOptions): Promise<void>;
  /** Stops taking jobs and waits for the jobs in flight (they finish, or are released for retry). */
  stopWorker(): Promise<void>;
  counts(): Promise<QueueCounts>;
  /** Throws when the queue's backend does not answer (for `/readyz`). */
  ping(): Promise<void>;
  /** The BullMQ queues behind it, for Bull Board; empty for the in-process runner. */
  bullQueues(): Queue[];
  /** Stops the worker and the schedulers and releases connections. */
  close(): Promise<void>;
}

import { DelayedError, FlowProducer, Queue, UnrecoverableError, Worker, type Job } from "bullmq";
import { hostname } from "node:os";
import { Redis } from "ioredis";
import type { Logger } from "../logger.ts";
import { QueueStateError, UnrecoverableJobError } from "./errors.ts";
import {
  DEFAULT_JOB_POLICY,
  planBatchJobId,
  planJobId,
  resumeJobId,
  runJobId,
  type JobPolicy,
} from "./options.ts";
import type {
  JobContext,
  JobDataByName,
  JobHandlers,
  JobName,
  JobOutcome,
  JobQueue,
  PlanFlow,
  QueueCounts,
  QueueSchedule,
  WorkerOptions,
} from "./types.ts";

export interface BullJobQueueOptions {
  /** `redis://…` (REDIS_URL). */
  url: string;
  /** Redis key prefix (QUEUE_PREFIX, default `crm`); tests use one per file. */
  prefix?: string;
  /** Queue name (default `jobs`). */
  name?: string;
  policy?: JobPolicy;
  /** A job's lock; a worker that stops renewing it (died) loses the job after this (default 30000 ms). */
  lockDurationMs?: number;
  /** How often workers look for stalled jobs (default 30000 ms). */
  stalledIntervalMs?: number;
  logger: Logger;
}

/**
 * The JobQueue on BullMQ: one queue for every job kind (runs, schedule firings, plan flows), job
 * schedulers for cron schedules, a FlowProducer for the nightly plan. A worker that dies loses
 * its job's lock; BullMQ's stalled-job check moves the job back and another worker retries it.
 */
export class BullJobQueue implements JobQueue {
  readonly kind = "bullmq" as const;
  private readonly connection: Redis;
  private readonly queue: Queue;
  private readonly flows: FlowProducer;
  private readonly policy: JobPolicy;
  private worker: Worker | null = null;
  private stopping = new AbortController();

  constructor(private readonly options: BullJobQueueOptions) {
    this.policy = options.policy ?? DEFAULT_JOB_POLICY;
    this.connection = new Redis(options.url, { maxRetriesPerRequest: null });
    this.connection.on("error", (err) => options.logger.warn({ err }, "redis connection error"));
    const prefix = options.prefix ?? "crm";
    this.queue = new Queue(options.name ?? "jobs", { connection: this.connection, prefix });
    this.flows = new FlowProducer({ connection: this.connection, prefix });
    // without a listener BullMQ prints these raw to stderr (Redis down: once per reconnect attempt)
    this.queue.on("error", (err) => options.logger.warn({ err }, "queue error"));
    this.flows.on("error", (err) => options.logger.warn({ err }, "flow producer error"));
  }

  private jobOptions(jobId: string, delayMs = 0) {
    return {
      jobId,
      delay: delayMs,
      attempts: this.policy.attempts,
      backoff: { type: "exponential", delay: this.policy.backoffMs },
      removeOnComplete: { count: this.policy.keepFinished },
      removeOnFail: { count: this.policy.keepFinished },
    };
  }

  async addRun(data: JobDataByName["run"], options: { delayMs?: number } = {}): Promise<void> {
    await this.queue.add("run", data, this.jobOptions(runJobId(data.runId), options.delayMs));
  }

  async addResume(data: JobDataByName["resume"]): Promise<void> {
    await this.queue.add("resume", data, this.jobOptions(resumeJobId(data.runId)));
  }

  async addPlanFlow(flow: PlanFlow): Promise<void> {
    const parentId = planJobId(flow.plan.planKey);
    if (await this.queue.getJob(parentId)) return;
    await this.flows.add({
      name: "plan",
      queueName: this.queue.name,
      data: flow.plan,
      opts: this.jobOptions(parentId),
      children: flow.batches.map((slice, batch) => ({
        name: "plan-batch",
        queueName: this.queue.name,
        data: { ...flow.plan, ...slice, batch },
        // a batch that fails every attempt does not hold the plan back: the plan is made
        // with the other batches and records the missing one
        opts: {
          ...this.jobOptions(planBatchJobId(flow.plan.planKey, batch)),
          ignoreDependencyOnFailure: true,
        },
      })),
    });
  }

  async upsertSchedule(s: QueueSchedule): Promise<void> {
    await this.queue.upsertJobScheduler(
      s.id,
      { pattern: s.cron, tz: s.tz },
      {
        name: "schedule",
        data: { tenantId: s.tenantId, scheduleId: s.id },
        opts: {
          attempts: this.policy.attempts,
          backoff: { type: "exponential", delay: this.policy.backoffMs },
        },
      },
    );
  }

  async removeSchedule(id: string): Promise<void> {
    await this.queue.removeJobScheduler(id);
  }

  async scheduleIds(): Promise<string[]> {
    const schedulers = await this.queue.getJobSchedulers(0, -1);
    return schedulers.map((s) => s.id ?? s.key).sort();
  }

  async startWorker(handlers: JobHandlers, options: WorkerOptions): Promise<void> {
    if (this.worker) throw new QueueStateError("this queue's worker is already started");
    this.stopping = new AbortController();
    this.worker = new Worker(this.queue.name, (job, token) => this.process(handlers, job, token), {
      connection: this.connection,
      prefix: this.options.prefix ?? "crm",
      // recorded on each job it takes (job.processedBy): which process ran a job, after a retry too
      name: `${hostname()}:${process.pid}`,
      concurrency: options.concurrency,
      lockDuration: this.options.lockDurationMs ?? 30_000,
      stalledInterval: this.options.stalledIntervalMs ?? 30_000,
      maxStalledCount: 2,
    });
    this.worker.on("error", (err) => this.options.logger.warn({ err }, "worker error"));
    this.worker.on("failed", (job, err) =>
      this.options.logger.warn({ job: job?.id, attempt: job?.attemptsMade, err }, "job failed"),
    );
    await this.worker.waitUntilReady();
  }

  private async process(handlers: JobHandlers, job: Job, token?: string): Promise<unknown> {
    const handler = handlers[job.name as JobName] as
      ((data: unknown, ctx: JobContext) => Promise<JobOutcome>) | undefined;
    if (!handler) throw new UnrecoverableError(`no handler for job "${job.name}"`);
    const ctx: JobContext = {
      id: job.id!,
      attempt: job.attemptsMade + 1,
      signal: this.stopping.signal,
      childResults: async () => {
        const values = await job.getChildrenValues();
        // keys are `<prefix>:<queue>:<job id>`: keep the job id
        return Object.fromEntries(Object.entries(values).map(([key, v]) => [key.split(":").at(-1)!, v]));
      },
    };
    let outcome: JobOutcome;
    try {
      outcome = await handler(job.data, ctx);
    } catch (err) {
      if (err instanceof UnrecoverableJobError) throw new UnrecoverableError(err.message);
      throw err;
    }
    if ("retryAfterMs" in outcome) {
      await job.moveToDelayed(Date.now() + outcome.retryAfterMs, token);
      throw new DelayedError(outcome.reason);
    }
    return outcome.result ?? null;
  }

  async stopWorker(): Promise<void> {
    this.stopping.abort();
    await this.worker?.close();
    this.worker = null;
  }

  /** Stops the worker without waiting for its jobs: their locks lapse and other workers retry them. */
  async abandonWorker(): Promise<void> {
    this.stopping.abort();
    await this.worker?.close(true);
    this.worker = null;
  }

  async counts(): Promise<QueueCounts> {
    const c = await this.queue.getJobCounts(
      "waiting",
      "prioritized",
      "waiting-children",
      "active",
      "delayed",
      "failed",
      "completed",
    );
    return {
      waiting: (c.waiting ?? 0) + (c.prioritized ?? 0) + (c["waiting-children"] ?? 0),
      active: c.active ?? 0,
      delayed: c.delayed ?? 0,
      failed: c.failed ?? 0,
      completed: c.completed ?? 0,
    };
  }

  async ping(): Promise<void> {
    await this.connection.ping();
  }

  bullQueues(): Queue[] {
    return [this.queue];
  }

  async close(): Promise<void> {
    await this.stopWorker();
    await this.flows.close();
    await this.queue.close();
    await this.connection.quit();
  }
}

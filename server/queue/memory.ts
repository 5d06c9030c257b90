import { Cron } from "croner";
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
  JobDataByName,
  JobHandlers,
  JobName,
  JobQueue,
  PlanFlow,
  QueueCounts,
  QueueSchedule,
  WorkerOptions,
} from "./types.ts";

type State = "waiting" | "delayed" | "active" | "waiting-children" | "completed" | "failed";

interface MemoryJob {
  id: string;
  name: JobName;
  data: JobDataByName[JobName];
  state: State;
  attemptsMade: number;
  result?: unknown;
  parentId?: string;
  children?: string[];
}

/**
 * The in-process runner: the JobQueue without Redis, for one process (`crm serve --role all`).
 * Jobs run at most `concurrency` at a time; failures are retried with exponential backoff; a
 * handler asking to wait (`retryAfterMs`) is put back without using an attempt; cron schedules
 * fire through croner. Jobs live in memory only: runs a stopped process left queued or running
 * are re-queued from the store when the next one starts (server/queue/recover.ts).
 */
export class MemoryJobQueue implements JobQueue {
  readonly kind = "memory" as const;
  private readonly jobs = new Map<string, MemoryJob>();
  private readonly crons = new Map<string, Cron>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private handlers: JobHandlers | null = null;
  private concurrency = 1;
  private stopping = new AbortController();
  private closed = false;

  constructor(
    private readonly logger: Logger,
    private readonly policy: JobPolicy = DEFAULT_JOB_POLICY,
  ) {}

  async addRun(data: JobDataByName["run"], options: { delayMs?: number } = {}): Promise<void> {
    this.add(runJobId(data.runId), "run", data, options.delayMs ?? 0);
  }

  async addResume(data: JobDataByName["resume"]): Promise<void> {
    this.add(resumeJobId(data.runId), "resume", data, 0);
  }

  async addPlanFlow(flow: PlanFlow): Promise<void> {
    const parentId = planJobId(flow.plan.planKey);
    if (this.jobs.has(parentId)) return;
    const children = flow.batches.map((slice, batch) => {
      const id = planBatchJobId(flow.plan.planKey, batch);
      return { id, data: { ...flow.plan, ...slice, batch } };
    });
    const parent = this.add(
      parentId,
      "plan",
      flow.plan,
      0,
      children.length > 0 ? "waiting-children" : "waiting",
    );
    parent.children = children.map((c) => c.id);
    for (const child of children) this.add(child.id, "plan-batch", child.data, 0).parentId = parentId;
  }

  async upsertSchedule(s: QueueSchedule): Promise<void> {
    await this.removeSchedule(s.id);
    const cron = new Cron(s.cron, { timezone: s.tz, protect: true }, () => {
      const at = cron.currentRun() ?? new Date();
      this.add(`sched-${s.id}-${at.getTime()}`, "schedule", { tenantId: s.tenantId, scheduleId: s.id }, 0);
    });
    this.crons.set(s.id, cron);
  }

  async removeSchedule(id: string): Promise<void> {
    this.crons.get(id)?.stop();
    this.crons.delete(id);
  }

  async scheduleIds(): Promise<string[]> {
    return [...this.crons.keys()].sort();
  }

  async startWorker(handlers: JobHandlers, options: WorkerOptions): Promise<void> {
    if (this.handlers) throw new QueueStateError("the in-process runner's worker is already started");
    if (this.closed) throw new QueueStateError("the in-process runner was closed");
    this.handlers = handlers;
    this.concurrency = options.concurrency;
    this.stopping = new AbortController();
    this.pump();
  }

  async stopWorker(): Promise<void> {
    this.stopping.abort();
    this.handlers = null;
    await Promise.all([...this.inFlight]);
  }

  async counts(): Promise<QueueCounts> {
    const counts: QueueCounts = { waiting: 0, active: 0, delayed: 0, failed: 0, completed: 0 };
    for (const job of this.jobs.values()) {
      if (job.state === "waiting-children") counts.waiting += 1;
      else counts[job.state] += 1;
    }
    return counts;
  }

  async ping(): Promise<void> {
    if (this.closed) throw new QueueStateError("the in-process runner was closed");
  }

  bullQueues() {
    return [];
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const cron of this.crons.values()) cron.stop();
    this.crons.clear();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.stopWorker();
  }

  private add<N extends JobName>(
    id: string,
    name: N,
    data: JobDataByName[N],
    delayMs: number,
    state?: State,
  ) {
    const existing = this.jobs.get(id);
    if (existing) return existing;
    const job: MemoryJob = { id, name, data, state: state ?? "waiting", attemptsMade: 0 };
    this.jobs.set(id, job);
    if (delayMs > 0) this.delay(job, delayMs);
    else this.pump();
    return job;
  }

  private delay(job: MemoryJob, ms: number): void {
    job.state = "delayed";
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      job.state = "waiting";
      this.pump();
    }, ms);
    this.timers.add(timer);
  }

  /** Starts waiting jobs, oldest first, while slots are free. */
  private pump(): void {
    if (!this.handlers || this.stopping.signal.aborted) return;
    for (const job of this.jobs.values()) {
      if (this.inFlight.size >= this.concurrency) return;
      if (job.state !== "waiting") continue;
      job.state = "active";
      const done = this.process(job, this.handlers).finally(() => {
        this.inFlight.delete(done);
        this.pump();
      });
      this.inFlight.add(done);
    }
  }

  private async process(job: MemoryJob, handlers: JobHandlers): Promise<void> {
    const handler = handlers[job.name] as (data: unknown, ctx: unknown) => ReturnType<JobHandlers["run"]>;
    const ctx = {
      id: job.id,
      attempt: job.attemptsMade + 1,
      signal: this.stopping.signal,
      childResults: async () => this.childResults(job),
    };
    try {
      const outcome = await handler(job.data, ctx);
      if ("retryAfterMs" in outcome) return this.delay(job, outcome.retryAfterMs);
      this.settle(job, "completed", outcome.result);
    } catch (err) {
      job.attemptsMade += 1;
      const retry = !(err instanceof UnrecoverableJobError) && job.attemptsMade < this.policy.attempts;
      this.logger.warn({ job: job.id, attempt: job.attemptsMade, retry, err }, "job failed");
      if (retry) return this.delay(job, this.policy.backoffMs * 2 ** (job.attemptsMade - 1));
      this.settle(job, "failed", undefined);
    }
  }

  /** A finished job; a flow parent whose children all finished becomes ready. */
  private settle(job: MemoryJob, state: "completed" | "failed", result: unknown): void {
    job.state = state;
    job.result = result;
    const parent = job.parentId ? this.jobs.get(job.parentId) : undefined;
    const finished = (id: string) => ["completed", "failed"].includes(this.jobs.get(id)?.state ?? "");
    if (parent?.state === "waiting-children" && parent.children!.every(finished)) parent.state = "waiting";
    this.evictFinished();
  }

  private childResults(job: MemoryJob): Record<string, unknown> {
    const results: Record<string, unknown> = {};
    for (const id of job.children ?? []) {
      const child = this.jobs.get(id);
      if (child?.state === "completed") results[id] = child.result;
    }
    return results;
  }

  /** Keeps the newest `keepFinished` finished jobs (Map order is insertion order). */
  private evictFinished(): void {
    const finished = [...this.jobs.values()].filter((j) => j.state === "completed" || j.state === "failed");
    for (const job of finished.slice(0, Math.max(0, finished.length - this.policy.keepFinished))) {
      if (job.parentId && this.jobs.has(job.parentId)) continue;
      this.jobs.delete(job.id);
      for (const child of job.children ?? []) this.jobs.delete(child);
    }
  }
}

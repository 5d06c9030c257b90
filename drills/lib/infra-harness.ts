// The set-up and tear-down the three infrastructure drills share: the database, a book, worker
// processes on one queue prefix, the queued runs, waiting for them, and the common checks.
import { storeChecks, failureCauses, type Check } from "./infra-checks.ts";
import { drillIds, openDrillDatabase, type DrillDatabase } from "./infra-env.ts";
import { enqueueDrillRuns, seedDrillBook, type DrillBook, type QueuedRun } from "./infra-book.ts";
import { summariseJobs, type JobSummary } from "./infra-queue.ts";
import { checkEquals, printAbort } from "./infra-report.ts";
import { doneCount, formatCounts, note, pollUntil, statusCounts, type StatusCounts } from "./infra-watch.ts";
import {
  assertWorkersAlive,
  startWorker,
  stopWorker,
  type WorkerEnv,
  type WorkerProcess,
} from "./infra-workers.ts";

export interface HarnessOptions {
  name: string;
  databaseUrl?: string | undefined;
  redisUrl: string;
  accounts: number;
  workerConcurrency: number;
  lockMs: number;
}

export class DrillHarness {
  readonly workers: WorkerProcess[] = [];
  runs: QueuedRun[] = [];
  /** When the runs were queued (performance.now()). */
  queuedAt = 0;
  private constructor(
    readonly db: DrillDatabase,
    readonly book: DrillBook,
    readonly env: WorkerEnv,
  ) {}

  /** The database (migrated), a seeded tenant, and the queue's producer side. */
  static async open(o: HarnessOptions): Promise<DrillHarness> {
    const db = await openDrillDatabase(o.name, o.databaseUrl);
    try {
      const { slug, prefix } = drillIds(o.name.replace(/_/g, "-"));
      const t0 = performance.now();
      const book = await seedDrillBook(db.store, {
        slug,
        accounts: o.accounts,
        redisUrl: o.redisUrl,
        prefix,
      });
      note(
        `seeded ${o.accounts} accounts (tenant ${slug}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      const env: WorkerEnv = {
        DATABASE_URL: db.url,
        REDIS_URL: o.redisUrl,
        QUEUE_PREFIX: prefix,
        WORKER_CONCURRENCY: o.workerConcurrency,
        JOB_LOCK_MS: o.lockMs,
      };
      return new DrillHarness(db, book, env);
    } catch (err) {
      await db.cleanup();
      throw err;
    }
  }

  get sql() {
    return this.db.store.sql;
  }

  async startWorkers(n: number): Promise<void> {
    const started = await Promise.all(
      Array.from({ length: n }, (_, i) => startWorker(`w${this.workers.length + i + 1}`, this.env)),
    );
    this.workers.push(...started);
    note(`workers up: ${started.map((w) => `${w.label} (pid ${w.pid})`).join(", ")}`);
  }

  async startWorker(): Promise<WorkerProcess> {
    const w = await startWorker(`w${this.workers.length + 1}`, this.env);
    this.workers.push(w);
    note(`worker ${w.label} up (pid ${w.pid})`);
    return w;
  }

  async enqueue(count: number): Promise<void> {
    this.queuedAt = performance.now();
    this.runs = await enqueueDrillRuns(this.book, count);
    note(`queued ${this.runs.length} runs in ${((performance.now() - this.queuedAt) / 1000).toFixed(1)} s`);
  }

  /**
   * After the fault: queues `count` more runs on accounts of their own and waits for them, to show
   * the workers still serve. Returns how many completed (succeeded or waiting for approval).
   */
  async probe(count: number, timeoutMs: number): Promise<{ completed: number; seconds: number | null }> {
    const t0 = performance.now();
    const probes = await enqueueDrillRuns(this.book, count, this.runs);
    const ids = probes.map((r) => r.id);
    note(`probe: queued ${ids.length} more runs`);
    const done = await this.until(
      async () => {
        const [row] = await this.sql<{ done: number; completed: number }[]>`
        SELECT count(*) FILTER (WHERE status NOT IN ('queued', 'running'))::int AS done,
               count(*) FILTER (WHERE status IN ('succeeded', 'interrupted'))::int AS completed
        FROM agent_runs WHERE id IN ${this.sql(ids)}`;
        return row!.done === ids.length ? row!.completed : null;
      },
      timeoutMs,
      200,
    );
    this.runs.push(...probes);
    return {
      completed: done ?? 0,
      seconds: done === null ? null : Math.round((performance.now() - t0) / 100) / 10,
    };
  }

  /** Polls `check` (see pollUntil), and stops waiting with an error if a worker died on its own. */
  until<T>(check: () => Promise<T | null>, timeoutMs: number, everyMs = 200): Promise<T | null> {
    return pollUntil(check, timeoutMs, everyMs, () => assertWorkersAlive(this.workers));
  }

  counts(): Promise<StatusCounts> {
    return statusCounts(this.sql, this.book.tenantId);
  }

  /** Waits until `n` runs are done (finished or waiting for a person); the counts, or null on timeout. */
  async waitDone(n: number, timeoutMs: number): Promise<StatusCounts | null> {
    let lastNote = 0;
    return this.until(
      async () => {
        const c = await this.counts();
        if (performance.now() - lastNote > 3000) {
          lastNote = performance.now();
          note(formatCounts(c));
        }
        return doneCount(c) >= n ? c : null;
      },
      timeoutMs,
      250,
    );
  }

  /** Worker process name (BullMQ's processedBy) → label. */
  labels(): Map<string, string> {
    return new Map(this.workers.map((w) => [w.queueName, w.label]));
  }

  /** The queue's run jobs; `since` (epoch ms) counts the jobs each worker finished after it. */
  jobs(since = 0): Promise<JobSummary> {
    return summariseJobs(this.book.queue, this.labels(), since);
  }

  /** Checks every drill makes once its runs are done: the runs' statuses and the store's integrity. */
  async commonChecks(counts: StatusCounts, opts: { allowFailed: boolean }): Promise<Check[]> {
    const total = this.runs.length;
    const completed = (counts.succeeded ?? 0) + (counts.interrupted ?? 0);
    const failed = counts.failed ?? 0;
    const unfinished = (counts.queued ?? 0) + (counts.running ?? 0);
    const checks: Check[] = [
      checkEquals("runs queued or running at the end", unfinished, 0),
      opts.allowFailed
        ? checkEquals("runs completed or failed with a cause", completed + failed, total)
        : checkEquals("runs completed (succeeded or waiting for approval)", completed, total),
    ];
    if (!opts.allowFailed) checks.push(checkEquals("runs failed", failed, 0));
    checks.push(...(await storeChecks(this.sql, this.book.tenantId)));
    return checks;
  }

  failureCauses(): Promise<Record<string, number>> {
    return failureCauses(this.sql, this.book.tenantId);
  }

  /** The facts every drill reports about its jobs and workers: retries, stalls, causes, warnings. */
  async jobFacts(jobs: JobSummary): Promise<Record<string, unknown>> {
    return {
      jobs_stalled: jobs.stalled,
      jobs_retried: jobs.retried,
      failure_causes: await this.failureCauses(),
      failed_job_reasons: jobs.failedReasons,
      worker_warnings: Object.fromEntries(this.workers.map((w) => [w.label, Object.fromEntries(w.warnings)])),
    };
  }

  /** A drill that could not reach its checks: the error and each worker's stderr tail; exit code. */
  abort(drill: string, err: unknown): number {
    console.error(`${drill} drill could not finish: ${(err as Error).stack ?? String(err)}`);
    for (const w of this.workers)
      if (w.tail.length) console.error(`${w.label} stderr:\n${w.tail.join("\n")}`);
    return printAbort(drill, err);
  }

  /** Stops the workers (SIGTERM, then SIGKILL after 10 s), the queue, the database. */
  async close(): Promise<void> {
    await Promise.all(
      this.workers.map(async (w) => {
        const timer = setTimeout(() => w.child.kill("SIGKILL"), 10_000);
        await stopWorker(w, "SIGTERM").catch(() => {});
        clearTimeout(timer);
      }),
    );
    await this.book.queue.close().catch(() => {});
    await this.db.cleanup();
  }
}

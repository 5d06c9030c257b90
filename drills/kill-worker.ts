/**
 * Drill: a worker killed with SIGKILL while runs are in flight loses nothing.
 *
 *   npx tsx drills/kill-worker.ts [--runs 200] [--workers 2] [--accounts 600] [--concurrency 2]
 *                                 [--lock-ms 5000] [--kill-at 0.25] [--no-replacement]
 *                                 [--timeout-s 600] [--database-url URL] [--redis-url URL]
 *
 * Starts a throwaway PostgreSQL 15 + pgvector cluster and a redis-server (or uses the URLs given),
 * seeds a book, starts `--workers` real `crm serve --role worker` processes on one queue prefix
 * (JOB_LOCK_MS = --lock-ms), queues `--runs` offline single-account cs and sales runs through the
 * runtime (enqueueRun), and once `--kill-at` of them are done kills the first worker with SIGKILL
 * while it holds jobs, then starts a replacement (unless --no-replacement). It waits for every run
 * and checks: all runs completed (succeeded, or waiting for approval), none failed, the killed
 * worker's runs finished on another worker, no failed jobs, no duplicate or half-written outputs,
 * every run's events complete. Prints a table and one JSON line; exits 1 naming what failed.
 */
import { parseArgs } from "node:util";
import { startRedis } from "../tests/support/redis-server.ts";
import { DrillHarness } from "./lib/infra-harness.ts";
import { activeRunsOf } from "./lib/infra-queue.ts";
import { checkEquals, checkTrue, printReport, seconds } from "./lib/infra-report.ts";
import { doneCount, note } from "./lib/infra-watch.ts";
import { stopWorker } from "./lib/infra-workers.ts";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "200" },
    workers: { type: "string", default: "2" },
    accounts: { type: "string", default: "600" },
    concurrency: { type: "string", default: "2" },
    "lock-ms": { type: "string", default: "5000" },
    "kill-at": { type: "string", default: "0.25" },
    "no-replacement": { type: "boolean", default: false },
    "timeout-s": { type: "string", default: "600" },
    "database-url": { type: "string" },
    "redis-url": { type: "string" },
  },
});
const runs = Number(values.runs);
const workerCount = Number(values.workers);
if (workerCount < 2) throw new Error("--workers must be at least 2: one is killed, another takes over");
const timeoutMs = Number(values["timeout-s"]) * 1000;

const redis = values["redis-url"] ? null : await startRedis();
const h = await DrillHarness.open({
  name: "kill_worker",
  databaseUrl: values["database-url"],
  redisUrl: values["redis-url"] ?? redis!.url,
  accounts: Number(values.accounts),
  workerConcurrency: Number(values.concurrency),
  lockMs: Number(values["lock-ms"]),
});
let code = 1;
try {
  await h.startWorkers(workerCount);
  const victim = h.workers[0]!;
  await h.enqueue(runs);

  // kill once enough runs are done and the victim holds at least one run job
  const killAt = Math.floor(runs * Number(values["kill-at"]));
  const orphans = await h.until(
    async () => {
      if (doneCount(await h.counts()) < killAt) return null;
      const held = await activeRunsOf(h.book.queue, victim.queueName);
      return held.length > 0 ? held : null;
    },
    timeoutMs,
    20,
  );
  if (!orphans) throw new Error(`no moment with ${killAt} runs done and ${victim.label} holding a job`);
  await stopWorker(victim, "SIGKILL");
  const killedAt = performance.now();
  const doneAtKill = doneCount(await h.counts());
  note(`killed ${victim.label} (pid ${victim.pid}) holding ${orphans.length} runs, ${doneAtKill} runs done`);
  if (!values["no-replacement"]) await h.startWorker();

  // the killed worker's runs, as they finish elsewhere
  const orphansDoneMs = h
    .until(
      async () => {
        const rows = await h.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM agent_runs
      WHERE id IN ${h.sql(orphans)} AND status NOT IN ('queued', 'running')`;
        return rows[0]!.n === orphans.length ? performance.now() - killedAt : null;
      },
      timeoutMs,
      100,
    )
    .catch(() => null); // a worker that died is reported by waitDone
  const counts = await h.waitDone(runs, timeoutMs);
  const totalMs = performance.now() - h.queuedAt;
  const recoveredMs = await orphansDoneMs;
  if (!counts) throw new Error(`timed out after ${values["timeout-s"]} s waiting for the runs`);

  const jobs = await h.jobs();
  const legs = await h.sql<{ id: string; legs: string[] }[]>`
    SELECT r.id, array_agg(e.data->>'leg' ORDER BY e.seq) AS legs
    FROM agent_runs r JOIN run_events e ON e.run_id = r.id AND e.type = 'run_started'
    WHERE r.id IN ${h.sql(orphans)} GROUP BY r.id`;
  const continued = legs.filter((l) => l.legs.includes("continue")).length;
  const finishedElsewhere = orphans.filter((id) => {
    const by = jobs.finishedBy.get(id);
    return by !== undefined && by !== victim.label;
  }).length;
  const survivors = h.workers.filter((w) => w !== victim);

  code = printReport({
    drill: "kill-worker",
    facts: {
      runs,
      workers: workerCount,
      replacement: !values["no-replacement"],
      lock_ms: Number(values["lock-ms"]),
      statuses: counts,
      done_at_kill: doneAtKill,
      killed_worker_runs_in_flight: orphans.length,
      killed_worker_runs_continued_from_checkpoint: continued,
      recovery_s: recoveredMs === null ? null : seconds(recoveredMs),
      total_s: seconds(totalMs),
      runs_per_s: Math.round((runs / (totalMs / 1000)) * 10) / 10,
      jobs_completed_by_worker: jobs.completedBy,
      ...(await h.jobFacts(jobs)),
    },
    checks: [
      checkTrue("the killed worker held runs", orphans.length > 0, orphans.length, "> 0"),
      checkEquals("its runs finished on another worker", finishedElsewhere, orphans.length),
      checkTrue("its runs recovered", recoveredMs !== null, recoveredMs === null ? "never" : "yes", "yes"),
      ...(await h.commonChecks(counts, { allowFailed: false })),
      checkEquals("failed run jobs", jobs.failed, 0),
      checkEquals("surviving workers that died", survivors.filter((w) => w.ended).length, 0),
    ],
  });
} catch (err) {
  code = h.abort("kill-worker", err);
} finally {
  await h.close();
  await redis?.stop();
}
process.exit(code);

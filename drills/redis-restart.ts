/**
 * Drill: Redis stops and starts again on the same port while runs are in flight.
 *
 *   npx tsx drills/redis-restart.ts [--persistence aof|none] [--signal term|kill] [--down-ms 2000]
 *                                   [--runs 200] [--workers 2] [--accounts 600] [--concurrency 2]
 *                                   [--lock-ms 5000] [--stop-at 0.25] [--probe-runs 10]
 *                                   [--timeout-s 300] [--database-url URL]
 *
 * Starts a throwaway PostgreSQL 15 + pgvector cluster (or uses --database-url) and its own
 * redis-server — `aof` (the default): append-only file, fsync every second, as a production Redis
 * for BullMQ runs; `none`: no persistence, so the restart loses every job. Seeds a book, starts
 * `--workers` real `crm serve --role worker` processes, queues `--runs` offline single-account cs
 * and sales runs, and once `--stop-at` of them are done stops redis-server (SIGTERM: a clean
 * shutdown; SIGKILL: a crash), waits `--down-ms` and starts it again on the same port and data
 * directory. Then it waits for every run, queues `--probe-runs` more and waits for those too.
 * Checks: no run left queued or running, every run completed or failed with an error naming its
 * cause, no run executed twice at once, no duplicate or half-written outputs, every worker alive
 * and finishing jobs after the restart (they reconnected), the probe runs completed. Prints a
 * table and one JSON line; exits 1 naming what failed.
 */
import { parseArgs } from "node:util";
import { DrillHarness } from "./lib/infra-harness.ts";
import { RestartableRedis, type RedisPersistence } from "./lib/infra-redis.ts";
import { checkEquals, checkTrue, printReport, seconds } from "./lib/infra-report.ts";
import { doneCount, note } from "./lib/infra-watch.ts";

const { values } = parseArgs({
  options: {
    persistence: { type: "string", default: "aof" },
    signal: { type: "string", default: "term" },
    "down-ms": { type: "string", default: "2000" },
    runs: { type: "string", default: "200" },
    workers: { type: "string", default: "2" },
    accounts: { type: "string", default: "600" },
    concurrency: { type: "string", default: "2" },
    "lock-ms": { type: "string", default: "5000" },
    "stop-at": { type: "string", default: "0.25" },
    "probe-runs": { type: "string", default: "10" },
    "timeout-s": { type: "string", default: "300" },
    "database-url": { type: "string" },
  },
});
if (values.persistence !== "aof" && values.persistence !== "none")
  throw new Error("--persistence: aof or none");
if (values.signal !== "term" && values.signal !== "kill") throw new Error("--signal: term or kill");
const persistence = values.persistence as RedisPersistence;
const signal = values.signal === "term" ? "SIGTERM" : "SIGKILL";
const runs = Number(values.runs);
const timeoutMs = Number(values["timeout-s"]) * 1000;

const redis = await RestartableRedis.start(persistence);
const h = await DrillHarness.open({
  name: "redis_restart",
  databaseUrl: values["database-url"],
  redisUrl: redis.url,
  accounts: Number(values.accounts),
  workerConcurrency: Number(values.concurrency),
  lockMs: Number(values["lock-ms"]),
});
let code = 1;
try {
  await h.startWorkers(Number(values.workers));
  await h.enqueue(runs);
  const stopAt = Math.floor(runs * Number(values["stop-at"]));
  const atStop = await h.until(
    async () => {
      const c = await h.counts();
      return doneCount(c) >= stopAt ? c : null;
    },
    timeoutMs,
    20,
  );
  if (!atStop) throw new Error(`${stopAt} runs were not done within ${values["timeout-s"]} s`);

  const prefix = h.env.QUEUE_PREFIX;
  const keysBefore = await redis.keyCount(prefix);
  await redis.stop(signal);
  const stoppedAt = performance.now();
  note(
    `redis-server stopped (${signal}) with ${doneCount(atStop)} runs done, ${atStop.running ?? 0} running`,
  );
  await new Promise((r) => setTimeout(r, Number(values["down-ms"])));
  await redis.start();
  const restartedAt = performance.now();
  const restartedEpoch = Date.now();
  const keysAfter = await redis.keyCount(prefix);
  note(`redis-server started again on port ${redis.port}: ${keysAfter} of ${keysBefore} queue keys kept`);

  const done = await h.waitDone(runs, timeoutMs);
  const recoveredMs = done ? performance.now() - restartedAt : null;
  const probeCount = Number(values["probe-runs"]);
  const probe = probeCount > 0 ? await h.probe(probeCount, timeoutMs) : { completed: 0, seconds: 0 };
  const counts = await h.counts();
  const jobs = await h.jobs(restartedEpoch);
  const silent = h.workers.filter((w) => !jobs.completedSince[w.label]).map((w) => w.label);

  code = printReport({
    drill: "redis-restart",
    facts: {
      persistence,
      signal,
      down_s: seconds(restartedAt - stoppedAt),
      runs,
      workers: h.workers.length,
      done_at_stop: doneCount(atStop),
      running_at_stop: atStop.running ?? 0,
      queue_keys_before: keysBefore,
      queue_keys_after_restart: keysAfter,
      statuses: counts,
      recovery_s: recoveredMs === null ? null : seconds(recoveredMs),
      total_s: seconds(performance.now() - h.queuedAt),
      probe_s: probe.seconds,
      jobs_finished_after_restart_by_worker: jobs.completedSince,
      ...(await h.jobFacts(jobs)),
    },
    checks: [
      checkTrue("all runs done in time", done !== null, done ? "yes" : "no", "yes"),
      ...(await h.commonChecks(counts, { allowFailed: true })),
      checkEquals("workers that died", h.workers.filter((w) => w.ended).length, 0),
      checkTrue(
        "workers finishing jobs after the restart",
        silent.length === 0,
        silent.join(",") || "all",
        "all",
      ),
      checkEquals("probe runs completed after the restart", probe.completed, probeCount),
    ],
  });
} catch (err) {
  code = h.abort("redis-restart", err);
} finally {
  await h.close();
  await redis.cleanup();
}
process.exit(code);

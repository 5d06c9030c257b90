/**
 * Drill: every Postgres connection is dropped (pg_terminate_backend) while runs are in flight.
 *
 *   npx tsx drills/pg-drop.ts [--runs 200] [--workers 2] [--accounts 600] [--concurrency 2]
 *                             [--drop-at 0.25,0.6] [--lock-ms 5000] [--probe-runs 10]
 *                             [--timeout-s 600] [--database-url URL] [--redis-url URL]
 *
 * Starts a throwaway PostgreSQL 15 + pgvector cluster and a redis-server (or uses the URLs given;
 * --database-url needs a role allowed to terminate the others' backends), seeds a book, starts
 * `--workers` real `crm serve --role worker` processes, queues `--runs` offline single-account cs
 * and sales runs, and each time the share of runs done reaches a value of `--drop-at` terminates
 * every other backend of the database (the workers' pools and checkpointer, mid-transaction or
 * idle). Then it waits for every run, queues `--probe-runs` more and waits for those too. Checks:
 * no run left queued or running, every run completed or failed with an error naming its cause,
 * no run executed twice at once, no duplicate or half-written outputs (every output with its
 * audit entry, written in one transaction), every worker alive, the probe runs completed. Prints
 * a table and one JSON line; exits 1 naming what failed.
 */
import { parseArgs } from "node:util";
import postgres from "postgres";
import { startRedis } from "../tests/support/redis-server.ts";
import { DrillHarness } from "./lib/infra-harness.ts";
import { checkEquals, checkTrue, printReport, seconds } from "./lib/infra-report.ts";
import { doneCount, note } from "./lib/infra-watch.ts";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "200" },
    workers: { type: "string", default: "2" },
    accounts: { type: "string", default: "600" },
    concurrency: { type: "string", default: "2" },
    "drop-at": { type: "string", default: "0.25,0.6" },
    "lock-ms": { type: "string", default: "5000" },
    "probe-runs": { type: "string", default: "10" },
    "timeout-s": { type: "string", default: "600" },
    "database-url": { type: "string" },
    "redis-url": { type: "string" },
  },
});
const runs = Number(values.runs);
const timeoutMs = Number(values["timeout-s"]) * 1000;
const dropAt = values["drop-at"].split(",").map((s) => Math.floor(runs * Number(s)));

const redis = values["redis-url"] ? null : await startRedis();
const h = await DrillHarness.open({
  name: "pg_drop",
  databaseUrl: values["database-url"],
  redisUrl: values["redis-url"] ?? redis!.url,
  accounts: Number(values.accounts),
  workerConcurrency: Number(values.concurrency),
  lockMs: Number(values["lock-ms"]),
});
// its own connection, outside the pools it drops
const admin = postgres(h.db.url, { max: 1, onnotice: () => {} });
let code = 1;
try {
  await h.startWorkers(Number(values.workers));
  await h.enqueue(runs);
  const drops: { done: number; running: number; terminated: number }[] = [];
  for (const at of dropAt) {
    const c = await h.until(
      async () => {
        const counts = await h.counts();
        return doneCount(counts) >= at ? counts : null;
      },
      timeoutMs,
      20,
    );
    if (!c) throw new Error(`${at} runs were not done within ${values["timeout-s"]} s`);
    const [row] = await admin<{ n: number }[]>`
      SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid()`;
    drops.push({ done: doneCount(c), running: c.running ?? 0, terminated: row!.n });
    note(`dropped ${row!.n} connections with ${doneCount(c)} runs done, ${c.running ?? 0} running`);
  }
  const lastDrop = performance.now();

  const done = await h.waitDone(runs, timeoutMs);
  const recoveredMs = done ? performance.now() - lastDrop : null;
  const probeCount = Number(values["probe-runs"]);
  const probe = probeCount > 0 ? await h.probe(probeCount, timeoutMs) : { completed: 0, seconds: 0 };
  const counts = await h.counts();
  const jobs = await h.jobs();
  const legs = await h.sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM run_events
    WHERE tenant_id = ${h.book.tenantId} AND type = 'run_started' AND data->>'leg' = 'continue'`;

  code = printReport({
    drill: "pg-drop",
    facts: {
      runs,
      workers: h.workers.length,
      drops,
      statuses: counts,
      legs_continued_from_checkpoint: legs[0]!.n,
      after_last_drop_s: recoveredMs === null ? null : seconds(recoveredMs),
      total_s: seconds(performance.now() - h.queuedAt),
      probe_s: probe.seconds,
      jobs_completed_by_worker: jobs.completedBy,
      ...(await h.jobFacts(jobs)),
    },
    checks: [
      checkTrue(
        "connections dropped",
        drops.every((d) => d.terminated > 0),
        drops.map((d) => d.terminated).join("+"),
        "> 0 each",
      ),
      checkTrue("all runs done in time", done !== null, done ? "yes" : "no", "yes"),
      ...(await h.commonChecks(counts, { allowFailed: true })),
      checkEquals("workers that died", h.workers.filter((w) => w.ended).length, 0),
      checkEquals("probe runs completed after the drops", probe.completed, probeCount),
    ],
  });
} catch (err) {
  code = h.abort("pg-drop", err);
} finally {
  await admin.end({ timeout: 1 }).catch(() => {});
  await h.close();
  await redis?.stop();
}
process.exit(code);

/**
 * Drill: sustained load through the HTTP API. Opens a throwaway PostgreSQL 15 and redis-server
 * (or uses --database-url / --redis-url), seeds a tenant, gives a pool of customer accounts their
 * first cs run (default max(200, rate/4) accounts: each is then asked for a run every ~15 s), then starts `crm serve --role api` and `--workers` × `crm serve --role worker`
 * child processes and sends `POST /v1/runs` (cs, one account, offline) at `--rate` per minute for
 * `--minutes`, open loop, with `policy: "enqueue"` (a target still busy queues behind its last run,
 * so a machine that falls behind shows as backlog rather than as 409s). It samples runs by status (backlog = queued + running), the RSS of every
 * child and the load average every `--sample-s`, then waits up to `--drain-s` for the backlog.
 * The children run with `--trace-gc`: the heap each keeps after a full collection is its live
 * data. Passes with 0 errors (every trigger 2xx, every run succeeded), a backlog that stayed
 * within 15 s of work when sending ended (the machine kept up with the rate), and flat memory
 * (the live heap after full collections does not grow, and the RSS median of the last third stays within 15 % of the first third's). It fails,
 * saying so, when the machine cannot run the rate.
 *
 *   npx tsx drills/sustained-load.ts [--minutes 10] [--rate 1000] [--workers 2] [--concurrency 4]
 *                                    [--database-url URL] [--redis-url URL] [--accounts 2000]
 */
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { mkdtempSync } from "node:fs";
import { parseArgs } from "node:util";
import { drain, drive, type LoadSample } from "./lib/api-load-drive.ts";
import { prepareLoadBook } from "./lib/api-load-book.ts";
import { openLoadInfra } from "./lib/api-load-infra.ts";
import { startServe, type ServeProcess } from "./lib/api-load-procs.ts";
import { latency, liveHeapTrend, memoryTrend, perMinute } from "./lib/api-load-verdict.ts";
import { finish, printTable, round } from "./lib/api-report.ts";

const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "10" },
    rate: { type: "string", default: "1000" },
    workers: { type: "string", default: "2" },
    concurrency: { type: "string", default: "4" },
    accounts: { type: "string", default: "2000" },
    pool: { type: "string" },
    "database-url": { type: "string" },
    "redis-url": { type: "string" },
    "drain-s": { type: "string", default: "120" },
    "sample-s": { type: "string", default: "5" },
  },
});
const minutes = Number(values.minutes);
const rate = Number(values.rate);
const workers = Number(values.workers);
const sampleMs = Number(values["sample-s"]) * 1000;
if (!(minutes > 0 && rate > 0 && workers >= 1))
  throw new Error("--minutes, --rate and --workers must be positive");
const log = (msg: string) => console.error(`  ${msg}`);
const wallStart = Date.now();
const loadAtStart = loadavg()[0]!;

const infra = await openLoadInfra({ databaseUrl: values["database-url"], redisUrl: values["redis-url"] });
const procs: { label: string; proc: ServeProcess }[] = [];
const failures: string[] = [];
let results: Record<string, unknown> = {};
try {
  log(`store and queue: ${infra.describe}`);
  const book = await prepareLoadBook({
    databaseUrl: infra.databaseUrl,
    accounts: Number(values.accounts),
    pool: Number(values.pool ?? Math.max(200, Math.round(rate / 4))),
    ratePerMin: rate,
  });
  if (book.targets.length === 0) throw new Error("no account's first cs run succeeded: no targets");
  const logDir = mkdtempSync(join(tmpdir(), "drill-load-"));
  const env = {
    DATABASE_URL: infra.databaseUrl,
    REDIS_URL: infra.redisUrl,
    QUEUE_PREFIX: "drill-load",
    WORKER_CONCURRENCY: values.concurrency,
    DB_POOL_MAX: "10",
  };
  procs.push({ label: "api", proc: await startServe("api", env, join(logDir, "api.log")) });
  for (let i = 1; i <= workers; i++)
    procs.push({
      label: `worker-${i}`,
      proc: await startServe("worker", env, join(logDir, `worker-${i}.log`)),
    });
  const apiUrl = procs[0]!.proc.url!;
  log(`api at ${apiUrl}, ${workers} worker(s) × concurrency ${values.concurrency}; logs in ${logDir}`);
  log(
    `sending ${rate} runs/min for ${minutes} min over ${book.targets.length} accounts, ${book.keys.length} key(s)`,
  );

  const samples: LoadSample[] = [];
  const startedAt = new Date();
  const start = performance.now();
  const tally = await drive(
    book.store.sql,
    book.tenantId,
    procs,
    { apiUrl, keys: book.keys, targets: book.targets, ratePerMin: rate, minutes, sampleMs },
    samples,
    start,
  );
  const sendS = (performance.now() - start) / 1000;
  const atSendEnd = samples.at(-1)!;
  const drainS = await drain(
    book.store.sql,
    book.tenantId,
    procs,
    tally,
    samples,
    sampleMs,
    Number(values["drain-s"]) * 1000,
    start,
  );
  const statuses = await book.store.sql<{ status: string; n: number }[]>`
    SELECT status, count(*)::int AS n FROM agent_runs WHERE id = ANY(${tally.runIds}::uuid[]) GROUP BY status`;
  const count = (s: string) => statuses.find((r) => r.status === s)?.n ?? 0;
  const minutesTable = await perMinute(book.store.sql, book.tenantId, startedAt, samples);
  const skipS = Math.min(60, (minutes * 60) / 4);
  const memory = procs.map((p) => memoryTrend(samples, p.label, skipS));
  const liveHeap = procs.map((p) => liveHeapTrend(p.proc.majorGcs, p.label, start, skipS));
  const loads = samples.map((s) => s.load_1m);

  printTable(
    "samples (every ~30 s)",
    samples
      .filter((_, i) => i % Math.max(1, Math.round(30_000 / sampleMs)) === 0 || i === samples.length - 1)
      .map((s) => ({
        t_s: s.t_s,
        sent: s.sent,
        accepted: s.accepted,
        backlog: s.queued + s.running,
        succeeded: s.succeeded,
        failed: s.failed,
        ...Object.fromEntries(
          Object.entries(s.rss).map(([k, v]) => [`${k}_mb`, v === null ? null : round(v, 0)]),
        ),
        load_1m: round(s.load_1m, 1),
      })),
  );
  printTable("per minute (runs created / finished in that minute; backlog at its end)", minutesTable);
  printTable("memory (RSS after the first " + skipS + " s; medians of the first and last thirds)", memory);
  printTable(
    "live heap (V8 heap after each full collection; slope after the first " + skipS + " s)",
    liveHeap,
  );

  // verdict
  const rejected = Object.values(tally.rejected).reduce((a, b) => a + b, 0);
  if (rejected > 0) failures.push(`${rejected} trigger requests not 2xx: ${JSON.stringify(tally.rejected)}`);
  const bad = count("failed") + count("budget_exceeded") + count("cancelled");
  if (bad > 0) failures.push(`${bad} runs ended failed/budget_exceeded/cancelled`);
  if (count("interrupted") > 0) failures.push(`${count("interrupted")} runs wait for approval (interrupted)`);
  const allowance = Math.max(50, Math.round((rate / 60) * 15));
  const backlogEnd = atSendEnd.queued + atSendEnd.running;
  if (backlogEnd > allowance)
    failures.push(
      `the machine did not sustain ${rate} runs/min: backlog was ${backlogEnd} runs when sending ended ` +
        `(allowed ${allowance}, 15 s of work); ${atSendEnd.succeeded} of ${tally.accepted} had finished ` +
        `(${round(atSendEnd.succeeded / (sendS / 60), 0)} runs/min)`,
    );
  const unfinished = count("queued") + count("running");
  if (unfinished > 0) {
    // what the stuck runs last did, to tell a slow machine from a hung run
    const stuck = await book.store.sql<
      { status: string; last_event: string | null; n: number; oldest_s: number }[]
    >`
      SELECT r.status, e.type AS last_event, count(*)::int AS n,
             round(extract(epoch FROM now() - min(r.created_at)))::int AS oldest_s
      FROM agent_runs r
      LEFT JOIN LATERAL (SELECT type FROM run_events WHERE run_id = r.id ORDER BY seq DESC LIMIT 1) e ON true
      WHERE r.id = ANY(${tally.runIds}::uuid[]) AND r.status IN ('queued', 'running')
      GROUP BY 1, 2 ORDER BY 3 DESC`;
    failures.push(
      `${unfinished} runs still queued/running after a ${round(drainS, 0)} s drain: ${JSON.stringify(stuck)}`,
    );
  }
  for (const m of memory)
    if (m.bounded === false)
      failures.push(
        `${m.process} RSS kept growing: its median went from ${m.first_third_median_mb} MB in the first third ` +
          `to ${m.last_third_median_mb} MB in the last`,
      );
  for (const h of liveHeap)
    if (h.flat === false)
      failures.push(
        `${h.process} keeps more after each full collection: ${h.slope_mb_per_min} MB/min ` +
          `(${h.first_mb} → ${h.last_mb} MB over ${h.full_gcs} collections)`,
      );
  if (tally.late > tally.sent * 0.01)
    failures.push(`the drill's own sender fell > 1 s behind on ${tally.late} sends`);
  for (const p of procs)
    if (p.proc.exited() !== null) failures.push(`${p.label} exited (${p.proc.exited()})`);

  results = {
    minutes,
    rate_per_min: rate,
    workers,
    concurrency: Number(values.concurrency),
    infra: infra.describe,
    targets: book.targets.length,
    warmup: book.warmup,
    sent: tally.sent,
    accepted: tally.accepted,
    rejected: tally.rejected,
    error_examples: tally.examples,
    trigger_latency_ms: latency(tally),
    send_s: round(sendS, 1),
    drain_s: round(drainS, 1),
    runs: Object.fromEntries(statuses.map((r) => [r.status, r.n])),
    backlog_at_send_end: backlogEnd,
    backlog_max: Math.max(...samples.map((s) => s.queued + s.running)),
    completed_per_min_during_send: round(atSendEnd.succeeded / (sendS / 60), 0),
    per_minute: minutesTable,
    memory,
    live_heap: liveHeap,
    load_avg_1m: {
      at_start: round(loadAtStart, 2),
      max: round(Math.max(...loads), 2),
      at_end: round(loadavg()[0]!, 2),
    },
    wall_s: round((Date.now() - wallStart) / 1000, 0),
  };
  await book.store.close();
} catch (err) {
  failures.push(`drill error: ${(err as Error).stack ?? String(err)}`);
} finally {
  for (const p of procs.reverse()) await p.proc.stop().catch(() => {});
  await infra.stop().catch((err: Error) => log(`infra stop: ${err.message}`));
}
finish("sustained-load", failures, results);

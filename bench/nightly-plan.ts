/**
 * The nightly plan over a large book: a seeded book (seed 42; 100,000 accounts by default, which
 * seeds 200,000 leads and 150,000 tickets) planned once — every source's proposal step over the
 * book in batches, candidates and tasks written, then the assignment solved and stored — timed
 * against a reference in the same process: a raw SQL read of the plan's input tables and a bulk
 * write of the same number of rows the plan wrote (bench/lib/plan-reference.ts). Prints a table
 * and one JSON line: wall time, rows/s, peak RSS, ratio.
 *
 *   npx tsx bench/nightly-plan.ts [--accounts 100000] [--store pglite|postgres] [--database-url URL] [--data-dir DIR]
 *                                 [--queue memory|bullmq] [--redis-url URL] [--workers 2]
 *                                 [--batch 500] [--seed 42] [--profile-out FILE.cpuprofile]
 *
 * --queue memory (default): the plan as one planner run in this process (`runNightlyPlan`, the
 * graph's Send fan-out). --queue bullmq: the plan as the worker runs it (`startNightlyPlan`: a
 * BullMQ flow of batch jobs under a parent solve job) with `--workers` worker connections in this
 * process, on --redis-url or a throwaway redis-server. pglite: a fresh data directory (the RSS
 * includes the database); postgres: --database-url, else a throwaway PostgreSQL cluster (its
 * memory is not in the RSS). With --database-url or --data-dir (pglite, kept afterwards) an
 * already seeded bench tenant is reused: its earlier plans and their tasks are deleted first
 * (untimed), so every run plans the book as on its first night.
 */
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { ensureTenant, migrate } from "../db/index.ts";
import { SEED_DEFAULTS, seedBook } from "../db/seed/index.ts";
import { runNightlyPlan } from "../graphs/planner/index.ts";
import { waitForRun, type Deps } from "../graphs/runtime/index.ts";
import { createLogger } from "../server/logger.ts";
import { BullJobQueue } from "../server/queue/bullmq.ts";
import { jobHandlers } from "../server/queue/handlers.ts";
import { startNightlyPlan } from "../server/queue/nightly.ts";
import { graphPlanner } from "../server/queue/planner.ts";
import { startRedis } from "../tests/support/redis-server.ts";
import { benchDeps } from "./lib/deps.ts";
import { bookCounts, clearPlans, planOutputs, type PlanOutputs } from "./lib/plan-counts.ts";
import { referenceReadWrite } from "./lib/plan-reference.ts";
import { profiled } from "./lib/profile.ts";
import { RssSampler } from "./lib/rss.ts";
import { openBenchStore } from "./lib/store.ts";

const { values } = parseArgs({
  options: {
    accounts: { type: "string", default: "100000" },
    store: { type: "string", default: "pglite" },
    "database-url": { type: "string" },
    "data-dir": { type: "string" },
    queue: { type: "string", default: "memory" },
    "redis-url": { type: "string" },
    workers: { type: "string", default: "2" },
    batch: { type: "string", default: "500" },
    seed: { type: "string", default: "42" },
    "profile-out": { type: "string" },
  },
});
if (values.queue !== "memory" && values.queue !== "bullmq")
  throw new Error(`--queue must be memory or bullmq, got ${values.queue}`);
const accounts = Number(values.accounts);
const batch = Number(values.batch);
const workers = Number(values.workers);
for (const [flag, n] of [
  ["--accounts", accounts],
  ["--batch", batch],
  ["--workers", workers],
] as const)
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be a positive integer`);

const log = (line: string) => console.error(`  ${line}`);
const seconds = (ms: number) => Number((ms / 1000).toFixed(1));

const { store, cleanup } = await openBenchStore({
  kind: values.store,
  name: "plan",
  databaseUrl: values["database-url"],
  dataDir: values["data-dir"],
  poolMax: 8,
});
const redis = values.queue === "bullmq" && !values["redis-url"] ? await startRedis() : null;

try {
  const { sql } = store;
  await migrate(sql);
  const tenant = await ensureTenant(sql, { slug: "bench-plan", name: "Nightly plan benchmark" });
  const before = await bookCounts(sql, tenant.id);
  if (before.accounts === 0) {
    const t0 = performance.now();
    await seedBook(sql, {
      tenantId: tenant.id,
      accounts,
      seed: Number(values.seed),
      concurrency: values.store === "postgres" ? 2 : 1,
      onProgress: (p) => {
        if (p.accountsDone === p.accountsTotal || p.accountsDone % 20_000 === 0)
          log(`seed ${p.accountsDone}/${p.accountsTotal} accounts`);
      },
    });
    log(`seeded in ${seconds(performance.now() - t0)} s (not part of the plan's time)`);
  } else {
    await clearPlans(sql, tenant.id);
    log(`reusing the seeded bench tenant (${before.accounts} accounts); earlier plans cleared`);
  }
  const book = await bookCounts(sql, tenant.id);

  // the seeded book's as-of instant is the plan's "now", so its open work is current
  const deps: Deps = await benchDeps(store, { now: () => new Date(SEED_DEFAULTS.asOf) });
  const date = new Date(SEED_DEFAULTS.asOf).toISOString().slice(0, 10);
  const rss = new RssSampler();
  const t0 = performance.now();
  const plan = () =>
    values.queue === "memory"
      ? runNightlyPlan(deps, {
          tenantId: tenant.id,
          date,
          options: { batchSize: batch },
          trigger: "bench",
        }).then((s) => s.planId)
      : planOnBullmq(deps, tenant.id);
  const profileOut = values["profile-out"];
  const planId = profileOut
    ? await profiled(plan, profileOut).then((p) => {
        console.error(`  CPU self time of the plan (ms): ${JSON.stringify(p.categories)}`);
        return p.result;
      })
    : await plan();
  const planMs = performance.now() - t0;
  const peakRssMB = rss.stop();
  const out = await planOutputs(sql, tenant.id, planId);

  const ref = await referenceReadWrite(sql, tenant.id, planId, new Date(SEED_DEFAULTS.asOf));
  const rowsRead = ref.rowsRead;
  const rowsWritten = out.tasks + out.candidates + out.assignments;

  console.log(
    `${store.describe()}; queue ${values.queue}${values.queue === "bullmq" ? `, ${workers} workers` : ""}`,
  );
  console.log(
    `book: ${book.accounts} accounts, ${book.leads} leads (${book.openLeads} open), ${book.tickets} tickets (${book.openTickets} open), ${book.deals} deals`,
  );
  console.log(table(out, planMs, ref, rowsRead, rowsWritten, peakRssMB));
  console.log(
    JSON.stringify({
      bench: "nightly-plan",
      store: values.store,
      queue: values.queue,
      workers: values.queue === "bullmq" ? workers : 1,
      accounts: book.accounts,
      leads: book.leads,
      tickets: book.tickets,
      batch,
      planSeconds: seconds(planMs),
      method: out.method,
      status: out.status,
      gap: out.gap,
      candidates: out.candidates,
      tasks: out.tasks,
      assignments: out.assignments,
      inputRowsRead: rowsRead,
      rowsWritten,
      rowsPerSecond: Math.round((rowsRead + rowsWritten) / (planMs / 1000)),
      referenceSeconds: seconds(ref.readMs + ref.writeMs),
      referenceReadSeconds: seconds(ref.readMs),
      referenceWriteSeconds: seconds(ref.writeMs),
      ratio: Number((planMs / (ref.readMs + ref.writeMs)).toFixed(1)),
      peakRssMB,
      loadavg1: Number(loadavg()[0]!.toFixed(1)),
      node: process.version,
    }),
  );
} finally {
  await store.close();
  await cleanup();
  await redis?.stop();
}

/** The plan as workers run it: a BullMQ flow of batch jobs, then the parent's solve. */
async function planOnBullmq(deps: Deps, tenantId: string): Promise<string> {
  const logger = createLogger("silent");
  const url = values["redis-url"] ?? redis!.url;
  const prefix = `bench-plan-${Date.now()}`;
  const queues = Array.from({ length: workers }, () => new BullJobQueue({ url, prefix, logger }));
  try {
    for (const q of queues)
      await q.startWorker(jobHandlers(deps, q, { planBatchAccounts: batch }), { concurrency: 1 });
    const started = await startNightlyPlan(deps, queues[0]!, graphPlanner, tenantId, {
      trigger: "bench",
      tz: "UTC",
      batchAccounts: batch,
      key: `bench:${prefix}`,
    });
    log(`flow queued: ${started.batches} batch jobs`);
    const done = await waitForRun(deps, tenantId, started.run.id, 3_600_000);
    if (done.run.status !== "succeeded")
      throw new Error(`plan run ${done.run.id} ended ${done.run.status}: ${done.run.error ?? "no error"}`);
    const [row] = await deps.sql<{ id: string }[]>`SELECT id FROM plans WHERE run_id = ${done.run.id}`;
    if (!row) throw new Error(`plan run ${done.run.id} succeeded without a plan row`);
    return row.id;
  } finally {
    for (const q of queues) await q.close();
  }
}

function table(
  out: PlanOutputs,
  planMs: number,
  ref: { readMs: number; writeMs: number },
  rowsRead: number,
  rowsWritten: number,
  peakRssMB: number,
): string {
  const rows = [
    ["", "wall time", "rows read", "rows written", "rows/s", "peak RSS"],
    [
      `nightly plan (${out.method}, ${out.status}, gap ${(out.gap * 100).toFixed(2)} %)`,
      `${seconds(planMs)} s`,
      String(rowsRead),
      `${rowsWritten} (${out.tasks} tasks, ${out.candidates} candidates, ${out.assignments} assignments)`,
      String(Math.round((rowsRead + rowsWritten) / (planMs / 1000))),
      `${peakRssMB} MB`,
    ],
    [
      "reference: raw SQL read + bulk write",
      `${seconds(ref.readMs + ref.writeMs)} s (read ${seconds(ref.readMs)}, write ${seconds(ref.writeMs)})`,
      String(rowsRead),
      String(rowsWritten),
      String(Math.round((rowsRead + rowsWritten) / ((ref.readMs + ref.writeMs) / 1000))),
      "",
    ],
    ["plan / reference", `${(planMs / (ref.readMs + ref.writeMs)).toFixed(1)}×`, "", "", "", ""],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ")).join("\n");
}

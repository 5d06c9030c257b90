// The nightly plan as a flow: a parent plan job over child jobs per batch of accounts, shared by
// two BullMQ workers; and fired by the default-style `plan` schedule on the in-process runner.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTenant, type Store } from "../db/index.ts";
import { listRunEvents } from "../db/queries/run-events.ts";
import { seedBook, SEED_DEFAULTS } from "../db/seed/index.ts";
import { waitForRun, type Deps } from "../graphs/runtime/index.ts";
import { jobHandlers } from "../server/queue/handlers.ts";
import { startNightlyPlan, type NightlyPlanner } from "../server/queue/nightly.ts";
import { graphPlanner } from "../server/queue/planner.ts";
import { createTenantSchedule, deleteTenantSchedule } from "../server/queue/schedules.ts";
import type { JobQueue } from "../server/queue/types.ts";
import { loads, planRow, taskCounts } from "./support/planner-queries.ts";
import { testQueue, uniquePrefix, until } from "./support/queue-kit.ts";
import { testDeps } from "./support/runtime-deps.ts";
import { openTestStore } from "./support/stores.ts";

let store: Store;
let deps: Deps;
let tenantId: string;
const queues: JobQueue[] = [];

beforeAll(async () => {
  store = await openTestStore("postgres");
  tenantId = (await ensureTenant(store.sql, { slug: "nightly", name: "Nightly" })).id;
  await seedBook(store.sql, { tenantId, accounts: 30, seed: 11 });
  // the seeded book's as-of instant: the plan's day is 2026-11-01 in UTC
  deps = await testDeps(store, { now: () => new Date(SEED_DEFAULTS.asOf) });
}, 60_000);
afterAll(async () => {
  for (const q of queues) await q.close();
  await store?.close();
});

/** graphs/planner's flow, counting the batches each worker processed. */
function countingPlanner(counts: Record<string, number>, worker: string): NightlyPlanner {
  return {
    ...graphPlanner,
    planBatch: async (d, batch) => {
      counts[worker] = (counts[worker] ?? 0) + 1;
      return graphPlanner.planBatch(d, batch);
    },
  };
}

describe("the nightly plan flow", () => {
  it("two BullMQ workers share one tenant's flow; the plan respects every rep's capacity", async () => {
    const prefix = uniquePrefix("nightly");
    const counts: Record<string, number> = {};
    for (const worker of ["w1", "w2"]) {
      const q = testQueue("bullmq", prefix);
      queues.push(q);
      await q.startWorker(jobHandlers(deps, q, { planner: countingPlanner(counts, worker) }), {
        concurrency: 1,
      });
    }
    const started = await startNightlyPlan(deps, queues[0]!, graphPlanner, tenantId, {
      trigger: "schedule",
      tz: "UTC",
      batchAccounts: 5,
    });
    expect(started.batches).toBeGreaterThanOrEqual(6);
    expect(started.run).toMatchObject({
      agent: "planner",
      status: "running",
      target: { filter: { date: "2026-11-01" } },
    });

    const done = await waitForRun(deps, tenantId, started.run.id, 80_000);
    expect(done.run.status).toBe("succeeded");
    expect((counts.w1 ?? 0) + (counts.w2 ?? 0)).toBe(started.batches);
    expect(counts.w1).toBeGreaterThan(0);
    expect(counts.w2).toBeGreaterThan(0);

    const planId = String(
      (await listRunEvents(store.sql, started.run.id)).find((e) => e.type === "run_succeeded")!.data.planId,
    );
    expect(await planRow(store.sql, planId)).toMatchObject({ status: "solved" });
    const repLoads = await loads(store.sql, planId);
    expect(repLoads.length).toBeGreaterThan(0);
    for (const l of repLoads) expect(l.minutes).toBeLessThanOrEqual(l.capacity);

    // asked again the same day: the same run, nothing queued, no task added
    const before = await taskCounts(store.sql, tenantId);
    const again = await startNightlyPlan(deps, queues[0]!, graphPlanner, tenantId, {
      trigger: "schedule",
      tz: "UTC",
      batchAccounts: 5,
    });
    expect(again).toMatchObject({ batches: 0, run: { id: started.run.id, status: "succeeded" } });
    expect(await taskCounts(store.sql, tenantId)).toEqual(before);
  }, 90_000);

  it("a `plan` schedule fires the flow on the in-process runner, once per day", async () => {
    const queue = testQueue("memory", "unused");
    queues.push(queue);
    await queue.startWorker(jobHandlers(deps, queue, { planBatchAccounts: 10 }), { concurrency: 2 });
    // another zone: in Pacific/Honolulu (UTC-10) the seed's instant is still 2026-10-31
    const schedule = await createTenantSchedule(store.sql, queue, tenantId, {
      name: "plan-every-second",
      agent: "plan",
      cron: "* * * * * *",
      tz: "Pacific/Honolulu",
    });
    const run = await until("the scheduled plan run", async () => {
      const [row] = await store.sql<{ id: string }[]>`
        SELECT id FROM agent_runs WHERE tenant_id = ${tenantId} AND idempotency_key = 'nightly:2026-10-31'`;
      return row;
    });
    const done = await waitForRun(deps, tenantId, run!.id, 60_000);
    expect(done.run).toMatchObject({ status: "succeeded", trigger: "schedule" });
    await new Promise((r) => setTimeout(r, 1500));
    await deleteTenantSchedule(store.sql, queue, tenantId, schedule.id);
    const plans = await store.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM agent_runs WHERE tenant_id = ${tenantId} AND agent = 'planner'`;
    expect(plans[0]!.n).toBe(2);
  }, 90_000);
});

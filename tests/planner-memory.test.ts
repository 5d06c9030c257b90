// The nightly planner never searches semantic memory, so a plan on a tenant whose memory was
// never indexed does not fit or build the index (minutes on a large book), on either path:
// the planner run (runNightlyPlan) and the flow's steps (openPlan, planBatch, finishPlan).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTenant, type Store } from "../db/index.ts";
import { seedBook, SEED_DEFAULTS } from "../db/seed/index.ts";
import { finishPlan, openPlan, planBatch, runNightlyPlan } from "../graphs/planner/index.ts";
import type { Deps } from "../graphs/runtime/index.ts";
import { MemoryNotOpenedError, NoMemoryEmbedder } from "../memory/index.ts";
import { testDeps } from "./support/runtime-deps.ts";
import { openTestStore } from "./support/stores.ts";

let store: Store;
let deps: Deps;

beforeAll(async () => {
  store = await openTestStore("pglite");
  deps = await testDeps(store, { now: () => new Date(SEED_DEFAULTS.asOf) });
}, 60_000);
afterAll(() => store?.close());

async function freshTenant(slug: string): Promise<string> {
  const tenantId = (await ensureTenant(store.sql, { slug, name: slug })).id;
  await seedBook(store.sql, { tenantId, accounts: 20, seed: 5 });
  return tenantId;
}

const indexes = async (tenantId: string) =>
  (
    await store.sql<{ n: number }[]>`
      SELECT (SELECT count(*) FROM memory_indexes WHERE tenant_id = ${tenantId})::int
           + (SELECT count(*) FROM embeddings WHERE tenant_id = ${tenantId})::int AS n`
  )[0]!.n;

describe("a nightly plan and the tenant's semantic memory", () => {
  it("the planner run plans without opening or building the memory index", async () => {
    const tenantId = await freshTenant("plan-no-memory");
    const summary = await runNightlyPlan(deps, { tenantId, date: "2026-11-02", options: { batchSize: 10 } });
    expect(summary.reps.reduce((n, r) => n + r.tasks, 0)).toBeGreaterThan(0);
    expect(await indexes(tenantId)).toBe(0);
  }, 120_000);

  it("the flow's steps plan without it too", async () => {
    const tenantId = await freshTenant("flow-no-memory");
    const opened = await openPlan(deps, { tenantId, date: "2026-11-02", batchSize: 10 });
    for (const b of opened.batches)
      await planBatch(deps, {
        tenantId,
        planId: opened.planId,
        accountIds: b.accountIds,
        leadIds: b.leadIds,
      });
    const summary = await finishPlan(deps, { tenantId, planId: opened.planId });
    expect(summary.reps.reduce((n, r) => n + r.tasks, 0)).toBeGreaterThan(0);
    expect(await indexes(tenantId)).toBe(0);
  }, 120_000);

  it("an embedding asked of such a run fails naming the agent", async () => {
    const embedder = new NoMemoryEmbedder("planner");
    await expect(embedder.embed(["x"])).rejects.toThrow(MemoryNotOpenedError);
    await expect(embedder.embed(["x"])).rejects.toThrow(/agent planner declares no semantic memory/);
  });
});

// LangGraph Studio / `langgraphjs dev` invoke a graph without the runtime: withStudioScope builds
// the run scope from the config (tenant slug in `configurable`, default the demo tenant).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../db/index.ts";
import { compileSalesGraph, salesAgent } from "../graphs/sales/index.ts";
import type { Deps } from "../graphs/runtime/index.ts";
import { withStudioScope } from "../graphs/studio-scope.ts";
import { SALES_AS_OF, writeSalesBook } from "./support/sales-book.ts";
import { testDeps } from "./support/runtime-deps.ts";
import { openTestStore } from "./support/stores.ts";

describe("a graph run from Studio builds its own run scope", () => {
  let store: Store;
  let deps: Deps;
  beforeAll(async () => {
    store = await openTestStore("pglite");
    deps = await testDeps(store, { now: () => SALES_AS_OF });
    await writeSalesBook(store.sql, "studio-t");
  });
  afterAll(() => store?.close());

  it("without the wrapper the graph refuses to run; with it, the run is recorded in the named tenant", async () => {
    const bare = compileSalesGraph(deps) as unknown as { invoke(i: unknown, c: unknown): Promise<unknown> };
    await expect(
      bare.invoke({ target: { kind: "all" } }, { configurable: { thread_id: "s0" } }),
    ).rejects.toThrow(/run scope/);
    const graph = withStudioScope(deps, salesAgent, compileSalesGraph(deps)) as unknown as {
      invoke(i: unknown, c: unknown): Promise<Record<string, unknown>>;
    };
    const out = await graph.invoke(
      { target: { kind: "all" } },
      { configurable: { thread_id: "studio-thread-1", tenant: "studio-t" } },
    );
    expect((out.drafts as unknown[]).length).toBe(2);
    const [run] = await store.sql<{ id: string; status: string; trigger: string }[]>`
      SELECT r.id, r.status, r.trigger FROM agent_runs r JOIN tenants t ON t.id = r.tenant_id WHERE t.slug = 'studio-t'`;
    expect(run).toMatchObject({ status: "interrupted", trigger: "studio" });
    const scores = await store.sql`SELECT 1 FROM scores WHERE run_id = ${run!.id}`;
    expect(scores.length).toBeGreaterThan(0);
    await expect(
      graph.invoke({ target: { kind: "all" } }, { configurable: { thread_id: "studio-thread-2" } }),
    ).rejects.toThrow(/configurable.tenant "demo": no such tenant/);
  });
});

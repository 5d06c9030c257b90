// Every run is admitted the same way (graphs/runtime/admit.ts): runAgent, which runs in the
// caller's process (CLI, start-up, evals), applies the busy policy, the target check and the
// budget maximum that enqueueRun applies.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../db/index.ts";
import { createRun, finishRun } from "../db/queries/runs.ts";
import { agentNamed } from "../graphs/agents.ts";
import { runAgent, type Deps } from "../graphs/runtime/index.ts";
import { SALES_AS_OF, writeSalesBook, type SalesBook } from "./support/sales-book.ts";
import { testDeps } from "./support/runtime-deps.ts";
import { openTestStore, STORE_KINDS } from "./support/stores.ts";

const NOBODY = "5b0e8d7c-1f2a-4b3c-9d4e-6f7a8b9c0d1e";

describe.each(STORE_KINDS)("run admission through runAgent on %s", (kind) => {
  let store: Store;
  let deps: Deps;
  let book: SalesBook;
  const sales = agentNamed("sales");
  const runsOn = async (id: string) =>
    (
      await store.sql<{ n: number }[]>`
        SELECT count(*)::int AS n FROM agent_runs WHERE tenant_id = ${book.tenantId} AND target->>'id' = ${id}`
    )[0]!.n;

  beforeAll(async () => {
    store = await openTestStore(kind);
    deps = await testDeps(store, { now: () => SALES_AS_OF });
    book = await writeSalesBook(store.sql, `admit-${kind}`);
  });
  afterAll(() => store?.close());

  it("refuses a target with a queued or running run of the agent (TARGET_BUSY naming it)", async () => {
    const target = { kind: "lead" as const, id: book.leads.warm };
    const { run: holder } = await createRun(store.sql, {
      tenantId: book.tenantId,
      agent: "sales",
      target,
      trigger: "api",
      budget: {},
    });
    const busy = runAgent(deps, sales, { tenantId: book.tenantId, target, trigger: "cli" });
    await expect(busy).rejects.toMatchObject({ code: "TARGET_BUSY", busyRunId: holder.id });
    expect(await runsOn(book.leads.warm)).toBe(1);

    // waiting for a person does not hold the target: the same call now runs
    await finishRun(store.sql, holder.id, {
      status: "interrupted",
      usage: {},
      provider: null,
      degraded: false,
    });
    const leg = await runAgent(deps, sales, { tenantId: book.tenantId, target, trigger: "cli" });
    expect(leg.run.id).not.toBe(holder.id);
    expect(leg.run.status).toBe("succeeded");
  });

  it("an unknown or wrong-kind target is TARGET_NOT_FOUND naming the id and kind, and creates no run", async () => {
    await expect(
      runAgent(deps, sales, { tenantId: book.tenantId, target: { kind: "account", id: NOBODY } }),
    ).rejects.toMatchObject({ code: "TARGET_NOT_FOUND", message: `account ${NOBODY} not found` });
    await expect(
      runAgent(deps, sales, { tenantId: book.tenantId, target: { kind: "deal", id: book.leads.hot } }),
    ).rejects.toMatchObject({
      code: "TARGET_NOT_FOUND",
      message: `deal ${book.leads.hot} not found: ${book.leads.hot} is a lead, not a deal`,
    });
    expect(await runsOn(NOBODY)).toBe(0);
    expect(await runsOn(book.leads.hot)).toBe(0);
  });

  it("a budget above the maximum is refused naming it; a lower one is kept on the run", async () => {
    const target = { kind: "lead" as const, id: book.leads.cold };
    await expect(
      runAgent(deps, sales, { tenantId: book.tenantId, target, budget: { maxTokens: 100_001 } }),
    ).rejects.toMatchObject({
      code: "BUDGET_ABOVE_MAXIMUM",
      field: "budget.max_tokens",
      message: "budget.max_tokens 100001 is above the maximum 100000 of this tenant's runs",
    });
    const leg = await runAgent(deps, sales, { tenantId: book.tenantId, target, budget: { maxLlmCalls: 2 } });
    expect(leg.run.budget).toMatchObject({ maxLlmCalls: 2, maxTokens: 100_000 });
  });
});

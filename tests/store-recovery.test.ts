import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../db/index.ts";
import { isConnectionLost } from "../db/index.ts";
import { listRunEvents } from "../db/queries/run-events.ts";
import { createRun } from "../db/queries/runs.ts";
import { continueRun, resumeRun, runAgent } from "../graphs/runtime/index.ts";
import { executeLegRecovering } from "../graphs/runtime/recover.ts";
import { writeSmallBook, type SmallBook } from "./support/fixtures.ts";
import { probeAgent, probeControl, resetProbe } from "./support/probe-agent.ts";
import { testDeps } from "./support/runtime-deps.ts";
import { openTestStore } from "./support/stores.ts";

// A node terminates its own backend (pg_terminate_backend), as a restart or failover of the
// database does: the connection is really lost, on the real Postgres. PGlite has no connection
// to lose.
describe("a run whose store connection is lost", () => {
  let store: Store;
  let book: SmallBook;
  const agent = probeAgent();
  const target = () => ({ kind: "account" as const, id: book.accountId });
  const count = async (table: "scores" | "audit_log", runId: string) =>
    (
      await store.sql<
        { n: number }[]
      >`SELECT count(*)::int AS n FROM ${store.sql(table)} WHERE run_id = ${runId}`
    )[0]!.n;

  beforeAll(async () => {
    store = await openTestStore("postgres");
    book = await writeSmallBook(store.sql, "recovery");
  });
  afterAll(() => store?.close());
  beforeEach(resetProbe);

  it("continues from its checkpoint: done nodes do not run again, and its outputs are written once", async () => {
    probeControl.dropIn = "write";
    probeControl.drops = 1;
    const deps = await testDeps(store);
    const leg = await runAgent(deps, agent, { tenantId: book.tenantId, target: target() });

    expect(leg.run.status).toBe("interrupted");
    expect(leg.run.error).toBeNull();
    expect(probeControl.executions).toMatchObject({ score: 1, write: 2, approve: 1 });
    expect(leg.values.steps).toEqual(["score", "write"]);
    expect(await count("scores", leg.run.id)).toBe(1);
    const events = await listRunEvents(store.sql, leg.run.id);
    expect(events.filter((e) => e.type === "run_started").map((e) => e.data.leg)).toEqual([
      "input",
      "continue",
    ]);
    expect(events.map((e) => e.type)).not.toContain("run_failed");
  });

  it("a resume cut off after the graph took the answer continues with that answer", async () => {
    const deps = await testDeps(store);
    const first = await runAgent(deps, agent, { tenantId: book.tenantId, target: target() });
    expect(first.run.status).toBe("interrupted");
    probeControl.dropIn = "finish";
    probeControl.drops = 1;
    const done = await resumeRun(deps, agent, book.tenantId, first.run.id, { approve: true });

    expect(done.run.status).toBe("succeeded");
    expect(done.values.decision).toEqual({ approve: true });
    expect(done.values.steps).toEqual(["score", "write", "approve", "finish"]);
    expect(probeControl.executions.finish).toBe(2);
  });

  it("a resume cut off before the graph took the answer is resumed with it again", async () => {
    const deps = await testDeps(store);
    const first = await runAgent(deps, agent, { tenantId: book.tenantId, target: target() });
    probeControl.dropIn = "approve";
    probeControl.drops = 1;
    const done = await resumeRun(deps, agent, book.tenantId, first.run.id, { approve: "yes, again" });

    expect(done.run.status).toBe("succeeded");
    expect(done.values.decision).toEqual({ approve: "yes, again" });
    expect(probeControl.executions.finish).toBe(1);
  });

  it("fails clearly with STORE_CONNECTION_LOST when the connection keeps failing, and continues later", async () => {
    probeControl.dropIn = "write";
    probeControl.drops = 3;
    const deps = await testDeps(store);
    const { run } = await createRun(deps.sql, {
      tenantId: book.tenantId,
      agent: agent.name,
      target: target(),
      trigger: "test",
      budget: {},
    });
    const leg = await executeLegRecovering(
      deps,
      agent,
      run,
      { input: agent.input(run.target) },
      { retries: 2, firstDelayMs: 10 },
    );

    expect(leg.run.status).toBe("failed");
    expect(leg.run.error).toMatchObject({ code: "STORE_CONNECTION_LOST" });
    expect(String(leg.run.error!.message)).toMatch(
      /lost 3 times in a row \(.*(CONNECTION_CLOSED|57P01|terminating connection)/,
    );
    expect(probeControl.executions).toMatchObject({ score: 1, write: 3 });
    expect(await count("scores", run.id)).toBe(1);

    // the database is back: the failed run continues from its checkpoint
    const again = await continueRun(deps, agent, book.tenantId, run.id);
    expect(again.run.status).toBe("interrupted");
    expect(probeControl.executions).toMatchObject({ score: 1, write: 4 });
  });
});

describe("isConnectionLost", () => {
  it("knows the driver's, the socket's and the server's codes, through causes", () => {
    const coded = (code: string) => Object.assign(new Error(code), { code });
    for (const code of ["CONNECTION_CLOSED", "CONNECTION_ENDED", "ECONNREFUSED", "57P01", "08006"])
      expect(isConnectionLost(coded(code)), code).toBe(true);
    expect(isConnectionLost(new Error("wrapped", { cause: coded("ECONNRESET") }))).toBe(true);
    for (const code of ["23505", "42P01", "TOOL_INPUT_INVALID", "57014"])
      expect(isConnectionLost(coded(code)), code).toBe(false);
    expect(isConnectionLost(new Error("no code"))).toBe(false);
    expect(isConnectionLost("CONNECTION_CLOSED")).toBe(false);
    expect(isConnectionLost(null)).toBe(false);
  });
});

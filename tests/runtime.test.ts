import { AIMessage } from "@langchain/core/messages";
import { fakeModel } from "@langchain/core/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../db/index.ts";
import { listRunEvents } from "../db/queries/run-events.ts";
import { continueRun, resumeRun, runAgent, RunStateError } from "../graphs/runtime/index.ts";
import { writeSmallBook, type SmallBook } from "./support/fixtures.ts";
import { probeAgent, probeControl, resetProbe } from "./support/probe-agent.ts";
import { testDeps } from "./support/runtime-deps.ts";
import { STORE_KINDS, openTestStore } from "./support/stores.ts";

const ai = (content: string, input = 10, output = 5) =>
  new AIMessage({
    content,
    usage_metadata: { input_tokens: input, output_tokens: output, total_tokens: input + output },
  });

describe.each(STORE_KINDS)("run runtime on %s", (kind) => {
  let store: Store;
  let book: SmallBook;
  const agent = probeAgent();
  const target = () => ({ kind: "account" as const, id: book.accountId });

  const scoreRows = async (runId: string) =>
    (await store.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM scores WHERE run_id = ${runId}`)[0]!.n;

  beforeAll(async () => {
    store = await openTestStore(kind);
    book = await writeSmallBook(store.sql, "runtime");
  });
  afterAll(() => store?.close());
  beforeEach(resetProbe);

  it("runs offline to the approval interrupt, then resumes to the end", async () => {
    const deps = await testDeps(store);
    const leg = await runAgent(deps, agent, { tenantId: book.tenantId, target: target(), trigger: "cli" });
    expect(leg.run.status).toBe("interrupted");
    expect(leg.interrupts).toEqual([{ question: "approve?" }]);
    expect(leg.values.texts).toEqual(["offline note 1", "offline note 2"]);
    expect(leg.run.provider).toBe("offline:probe-templates-v1");
    expect(leg.run.degraded).toBe(false);

    const done = await resumeRun(deps, agent, book.tenantId, leg.run.id, { approve: true });
    expect(done.run.status).toBe("succeeded");
    expect(done.values.steps).toEqual(["score", "write", "approve", "finish"]);
    expect(done.values.decision).toEqual({ approve: true });
    expect(probeControl.executions).toMatchObject({ score: 1, write: 1, finish: 1 });
    expect(await scoreRows(leg.run.id)).toBe(1);

    const events = await listRunEvents(store.sql, leg.run.id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.map((e) => e.type)).toEqual([
      "run_started",
      "node_finished",
      "node_finished",
      "interrupted",
      "run_interrupted",
      "run_started",
      "node_finished",
      "node_finished",
      "run_succeeded",
    ]);
    await expect(resumeRun(deps, agent, book.tenantId, leg.run.id, {})).rejects.toBeInstanceOf(RunStateError);
  });

  it("stores usage per node and the masked prompts, and labels the model", async () => {
    const chatModel = fakeModel()
      .respond(ai("Hello [NAME_1]", 11, 4))
      .respond(ai("Second", 7, 3));
    const deps = await testDeps(store, { chatModel });
    const leg = await runAgent(deps, agent, { tenantId: book.tenantId, target: target() });
    expect(leg.run.status).toBe("interrupted");
    expect(leg.values.texts).toEqual(["Hello Bo Buyer", "Second"]);
    expect(leg.run.provider).toMatch(/fake-model/);
    expect(leg.run.usage).toMatchObject({
      total: { calls: 2, inputTokens: 18, outputTokens: 7 },
      byNode: { write: { calls: 2, inputTokens: 18, outputTokens: 7 } },
    });
    const prompts = await store.sql<{ details: { messages: { content: string }[] } }[]>`
      SELECT details FROM audit_log WHERE run_id = ${leg.run.id} AND action = 'llm.prompt' ORDER BY id`;
    expect(prompts).toHaveLength(2);
    const sent = prompts.map((p) => p.details.messages.map((m) => m.content).join(" ")).join(" ");
    expect(sent).toContain("[EMAIL_1]");
    expect(sent).not.toMatch(/bo@example\.com|Bo Buyer/);
  });

  it("stops at the next node boundary when a budget runs out, keeping what it wrote", async () => {
    const chatModel = fakeModel()
      .respond(ai("first", 10, 5))
      .respond(ai("never sent", 10, 5));
    const deps = await testDeps(store, { chatModel, budget: { maxLlmCalls: 1 } });
    const leg = await runAgent(deps, agent, { tenantId: book.tenantId, target: target() });
    expect(leg.run.status).toBe("budget_exceeded");
    expect(leg.run.error).toMatchObject({ code: "BUDGET_EXCEEDED", budget: "max_llm_calls", limit: 1 });
    expect(String(leg.run.error!.message)).toContain("max_llm_calls");
    expect(leg.values.steps).toEqual(["score", "write"]);
    expect(leg.values.texts).toEqual(["first", "offline note 2"]);
    expect(probeControl.executions.approve).toBe(0);
    expect(await scoreRows(leg.run.id)).toBe(1);
    expect(leg.run.finished_at).not.toBeNull();
  });

  it("ends a run whose node outlives the wall-clock budget as budget_exceeded, keeping what it wrote", async () => {
    probeControl.stallIn = "write";
    probeControl.stallMs = 3_000;
    const deps = await testDeps(store, { budget: { maxWallMs: 300 } });
    const leg = await runAgent(deps, agent, { tenantId: book.tenantId, target: target() });
    expect(leg.run.status).toBe("budget_exceeded");
    expect(leg.run.error).toMatchObject({ code: "BUDGET_EXCEEDED", budget: "max_wall_ms", limit: 300 });
    expect(leg.values.steps).toEqual(["score"]);
    expect(await scoreRows(leg.run.id)).toBe(1);
    expect(probeControl.executions.approve).toBe(0);
  });

  it("a request repeated with its idempotency key returns the same run", async () => {
    const deps = await testDeps(store);
    const request = { tenantId: book.tenantId, target: target(), idempotencyKey: "nightly-2026-11-21" };
    const first = await runAgent(deps, agent, request);
    const second = await runAgent(deps, agent, request);
    expect(second.run.id).toBe(first.run.id);
    expect(probeControl.executions.score).toBe(1);
  });

  it("continues a crashed run from its checkpoint without re-running finished nodes", async () => {
    probeControl.failOnce = true;
    const deps = await testDeps(store);
    const failed = await runAgent(deps, agent, { tenantId: book.tenantId, target: target() });
    expect(failed.run.status).toBe("failed");
    expect(failed.run.error).toMatchObject({ message: "worker crashed in write" });

    const leg = await continueRun(deps, agent, book.tenantId, failed.run.id);
    expect(leg.run.status).toBe("interrupted");
    expect(leg.values.steps).toEqual(["score", "write"]);
    expect(probeControl.executions).toMatchObject({ score: 1, write: 2 });
    expect(await scoreRows(failed.run.id)).toBe(1);
  });
});

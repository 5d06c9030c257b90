import { AIMessage } from "@langchain/core/messages";
import { fakeModel } from "@langchain/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../db/index.ts";
import { SALES_AS_OF, writeSalesBook } from "./support/sales-book.ts";
import { draftsOf, runSales } from "./support/sales-queries.ts";
import { testDeps } from "./support/runtime-deps.ts";
import { STORE_KINDS, openTestStore } from "./support/stores.ts";

const json = (value: unknown) =>
  new AIMessage({
    content: JSON.stringify(value),
    usage_metadata: { input_tokens: 50, output_tokens: 20, total_tokens: 70 },
  });

describe.each(STORE_KINDS)("sales drafts written by an LLM on %s", (kind) => {
  let store: Store;

  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(() => store?.close());

  it("keeps the model's text, only the evidence ids it was offered, and masks people in the prompt", async () => {
    const b = await writeSalesBook(store.sql, "llm");
    const chatModel = fakeModel().respond(
      json({
        subject: "Your demo, [NAME_1]",
        body: "Hi [NAME_1], thanks for asking for a demo. Best, [NAME_2]",
        evidence_ids: [`activity:${b.activities.hotDemo}`, "activity:00000000-0000-4000-8000-000000000001"],
      }),
    );
    const deps = await testDeps(store, { chatModel, now: () => SALES_AS_OF });
    const leg = await runSales(deps, b.tenantId, { kind: "lead", id: b.leads.hot });
    expect(leg.run.status).toBe("interrupted");
    const [draft] = await draftsOf(store.sql, b.tenantId);
    expect(draft).toMatchObject({
      subject: "Your demo, Hanna Lead",
      body: "Hi Hanna Lead, thanks for asking for a demo. Best, Rita Rep",
      evidence_ids: [`activity:${b.activities.hotDemo}`],
    });
    expect(draft!.provider).toMatch(/fake-model/);
    const prompts = await store.sql<{ details: { messages: { content: string }[] } }[]>`
      SELECT details FROM audit_log WHERE run_id = ${leg.run.id} AND action = 'llm.prompt'`;
    const sent = prompts.flatMap((p) => p.details.messages.map((m) => m.content)).join("\n");
    expect(sent).toContain(`activity:${b.activities.hotDemo}`);
    expect(sent).not.toMatch(/Hanna Lead|Rita Rep|hanna@lead\.example/);
  });

  it("falls back to the offline template, labelled degraded, when the model answers nonsense", async () => {
    const b = await writeSalesBook(store.sql, "llm-bad");
    const chatModel = fakeModel()
      .respond(json({ nope: true }))
      .respond(json({ nope: true }));
    const deps = await testDeps(store, { chatModel, now: () => SALES_AS_OF });
    const leg = await runSales(deps, b.tenantId, { kind: "lead", id: b.leads.hot });
    expect(leg.run.degraded).toBe(true);
    const [draft] = await draftsOf(store.sql, b.tenantId);
    expect(draft).toMatchObject({
      provider: "offline:sales-templates-v1",
      evidence_ids: [`activity:${b.activities.hotDemo}`],
    });
  });
});

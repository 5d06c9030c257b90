import { AIMessage } from "@langchain/core/messages";
import { fakeModel } from "@langchain/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../db/index.ts";
import { csAgent } from "../graphs/cs/index.ts";
import { decideRunDrafts, runAgent, type ApprovalRequest } from "../graphs/runtime/index.ts";
import { CS_NOW, writeCsBook } from "./support/cs-book.ts";
import { csOutputs } from "./support/cs-run.ts";
import { testDeps } from "./support/runtime-deps.ts";
import { STORE_KINDS, openTestStore } from "./support/stores.ts";

const all = { kind: "all" as const };

describe.each(STORE_KINDS)("cs agent on %s", (kind) => {
  let store: Store;
  beforeAll(async () => (store = await openTestStore(kind)));
  afterAll(() => store?.close());
  const deps = () => testDeps(store, { now: () => CS_NOW });

  it("scores every customer, proposes each intervention, drafts for the at-risk, then waits", async () => {
    const book = await writeCsBook(store.sql, `cs-all-${kind}`);
    const leg = await runAgent(await deps(), csAgent, {
      tenantId: book.tenantId,
      target: all,
      trigger: "cli",
    });
    expect(leg.run.status).toBe("interrupted");
    const out = await csOutputs(store.sql, book, leg.run.id);

    const health = Object.fromEntries(
      out.scores.filter((s) => s.kind === "health").map((s) => [s.name, s.tier]),
    );
    expect(health).toEqual({
      "Healthy Co": "healthy",
      "Risky Inc": "at_risk",
      "Optout Ltd": "at_risk",
      "Quiet GmbH": "watch",
    });
    const risky = out.scores.find((s) => s.name === "Risky Inc" && s.kind === "health")!;
    expect(risky.reasons.find((r) => r.factor.startsWith("usage_trend"))).toMatchObject({
      factor: "usage_trend: active users −50% (last 3 vs prior 3 months)",
      contribution: -12.5,
    });
    expect(risky.reasons.find((r) => r.factor.startsWith("usage_trend"))!.evidence_ids).toContain(
      `usage:${book.accounts.risky}:2026-10-01`,
    );
    const churn = out.scores.find((s) => s.name === "Risky Inc" && s.kind === "churn")!;
    expect(churn.model_version).toBe("churn-heuristic-v1 (fallback)");
    expect(churn.reasons[0]!.factor).toContain("no trained churn-signals model");
    expect(churn.probability).toBeCloseTo(1 / (1 + Math.exp(1.4 - 0.06 * (50 - risky.value))), 4);

    const tasks = out.tasks.map((t) => `${t.type}:${t.entity_id}`).sort();
    const a = book.accounts;
    expect(tasks).toEqual(
      [
        `expansion:${a.healthy}`,
        `renewal_prep:${a.risky}`,
        `exec_sponsor:${a.risky}`,
        `qbr:${a.risky}`,
        `cs_escalation:${book.tickets.hot}`,
        `exec_sponsor:${a.optedOut}`,
        `cs_escalation:${book.tickets.optedOutNew}`,
        `check_in:${a.quiet}`,
      ].sort(),
    );
    const hot = out.tasks.find((t) => t.entity_id === book.tickets.hot)!;
    expect(hot.title).toBe('Escalation (critical): "Exports fail every night" from at-risk Risky Inc');
    expect(hot.reason).toContain("triage priority high, negative sentiment (triage) raised it");
    expect(hot.due_at.getTime() - CS_NOW.getTime()).toBe(4 * 3_600_000);
    expect(out.tasks.find((t) => t.type === "exec_sponsor" && t.entity_id === a.risky)!.title).toBe(
      "Executive sponsor outreach: Eve Doe, CEO at Risky Inc",
    );
    expect(out.tasks.find((t) => t.type === "check_in")!.dedupe_key).toBe(
      `cs:check_in:engagement_gap:account:${a.quiet}`,
    );

    // one draft, to Risky's champion; Optout's contacts opted out or never consented: no draft
    expect(out.drafts).toHaveLength(1);
    expect(out.drafts[0]).toMatchObject({
      contact_id: book.contacts.cara,
      status: "pending",
      provider: "offline:cs-templates-v1",
    });
    expect(out.drafts[0]!.body).toContain("Active users are down 50% over the last three months.");
    expect(out.drafts[0]!.evidence_ids).toContain(`usage:${a.risky}:2026-10-01`);
    const skipped = leg.values.skipped as { entity: string; reason: string }[];
    expect(skipped).toContainEqual({
      entity: `account:${a.optedOut}`,
      reason: "no draft: none of 2 contacts may be emailed (opted out or no consent)",
    });
    const request = leg.interrupts[0] as ApprovalRequest;
    expect(request.kind).toBe("draft_approval");
    expect(request.drafts).toEqual([
      expect.objectContaining({ id: out.drafts[0]!.id, to: `Cara Doe <cara@cs-all-${kind}.example>` }),
    ]);
    expect(leg.values.totals).toEqual({ accounts: 4, scores: 8, tasks: 8, atRisk: 2 });
  });

  it.each([
    ["approve", { decision: "approve" as const }, "approved", 1],
    ["edit", { decision: "edit" as const, body: "Hi Cara, edited by a person." }, "approved", 1],
    ["reject", { decision: "reject" as const, note: "not now" }, "rejected", 0],
  ])("the approval cycle: %s resumes the run to its end", async (name, decision, status, outboxRows) => {
    const book = await writeCsBook(store.sql, `cs-${name}-${kind}`);
    const d = await deps();
    const leg = await runAgent(d, csAgent, { tenantId: book.tenantId, target: all });
    const [draft] = (await csOutputs(store.sql, book)).drafts;
    const done = await decideRunDrafts(
      d,
      csAgent,
      book.tenantId,
      leg.run.id,
      [{ draftId: draft!.id, ...decision }],
      "user:test",
    );
    expect(done.run.status).toBe("succeeded");
    expect(done.values.decisions).toEqual([
      expect.objectContaining({ id: draft!.id, decision: decision.decision, status }),
    ]);
    const out = await csOutputs(store.sql, book);
    expect(out.drafts[0]!.status).toBe(status);
    expect(out.outbox).toHaveLength(outboxRows);
    if (name === "edit") expect(out.outbox[0]!.payload.body).toBe("Hi Cara, edited by a person.");
  });

  it("writes the draft with the configured model: PII masked out, restored in the answer", async () => {
    const book = await writeCsBook(store.sql, `cs-llm-${kind}`);
    const answer = {
      subject: "Checking in, [NAME_1]",
      body: "Hi [NAME_1], shall we talk about your team's usage? [NAME_2]",
    };
    const chatModel = fakeModel().respond(new AIMessage({ content: JSON.stringify(answer) }));
    const d = await testDeps(store, { chatModel, now: () => CS_NOW });
    const leg = await runAgent(d, csAgent, { tenantId: book.tenantId, target: all });
    const [draft] = (await csOutputs(store.sql, book, leg.run.id)).drafts;
    expect(draft!.provider).toMatch(/fake-model/);
    expect(draft!.subject).toBe("Checking in, Cara Doe");
    expect(draft!.body).toBe("Hi Cara Doe, shall we talk about your team's usage? Olga Owner");
    const [prompt] = await store.sql<{ details: { messages: { content: string }[] } }[]>`
      SELECT details FROM audit_log WHERE run_id = ${leg.run.id} AND action = 'llm.prompt'`;
    const sent = prompt!.details.messages.map((m) => m.content).join("\n");
    expect(sent).toContain("Active users are down 50% over the last three months.");
    expect(sent).not.toMatch(/Cara Doe|Olga Owner/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../db/index.ts";
import { countRunOutputs } from "../db/queries/outputs.ts";
import { listRunEvents } from "../db/queries/run-events.ts";
import { csAgent } from "../graphs/cs/index.ts";
import { continueRun, decideRunDrafts, runAgent } from "../graphs/runtime/index.ts";
import { CS_NOW, setCsSettings, writeCsBook } from "./support/cs-book.ts";
import { crashingOnce, csOutputs } from "./support/cs-run.ts";
import { testDeps } from "./support/runtime-deps.ts";
import { STORE_KINDS, openTestStore } from "./support/stores.ts";

const all = { kind: "all" as const };

describe.each(STORE_KINDS)("cs agent reruns, resumes and settings on %s", (kind) => {
  let store: Store;
  beforeAll(async () => (store = await openTestStore(kind)));
  afterAll(() => store?.close());
  const deps = (now = CS_NOW) => testDeps(store, { now: () => now });

  it("a rerun updates the open tasks, adds score history with the trend, and drafts nothing new", async () => {
    const book = await writeCsBook(store.sql, `cs-rerun-${kind}`);
    const d = await deps();
    const first = await runAgent(d, csAgent, { tenantId: book.tenantId, target: all });
    const before = await csOutputs(store.sql, book);
    const draftId = before.drafts[0]!.id;
    await decideRunDrafts(
      d,
      csAgent,
      book.tenantId,
      first.run.id,
      [{ draftId, decision: "approve" }],
      "user:test",
    );

    const later = await deps(new Date(CS_NOW.getTime() + 86_400_000));
    const second = await runAgent(later, csAgent, { tenantId: book.tenantId, target: all });
    expect(second.run.status).toBe("succeeded"); // no new draft (cooldown) → no interrupt
    const after = await csOutputs(store.sql, book);
    expect(after.tasks.map((t) => t.id)).toEqual(before.tasks.map((t) => t.id));
    // run_id keeps the run that proposed each task first; the rerun's outputs list them too (0016)
    expect(after.tasks.every((t) => t.run_id === first.run.id && t.status === "open")).toBe(true);
    expect((await countRunOutputs(store.sql, second.run.id)).tasks).toBe(before.tasks.length);
    expect(after.drafts.map((x) => x.id)).toEqual([draftId]);
    expect(after.scores).toHaveLength(16); // scores keep their history: one row per run
    const trend = (await csOutputs(store.sql, book, second.run.id)).scores
      .find((s) => s.name === "Risky Inc" && s.kind === "health")!
      .reasons.at(-1)!;
    expect(trend).toEqual({
      factor: expect.stringMatching(/^trend: flat \(\+?-?[\d.]+\) since 2026-\d\d-\d\d \(/),
      contribution: 0,
      evidence_ids: [],
    });
    expect((second.values.skipped as { reason: string }[]).map((s) => s.reason)).toContainEqual(
      expect.stringMatching(/^no draft: a draft was written on .* \(approved\); cooldown 14 days$/),
    );
  });

  it("reports a falling health score as a downward trend", async () => {
    const book = await writeCsBook(store.sql, `cs-trend-${kind}`);
    await store.sql`
      INSERT INTO scores (tenant_id, entity_kind, entity_id, kind, value, tier, reasons, model_version, agent, idempotency_key)
      VALUES (${book.tenantId}, 'account', ${book.accounts.risky}, 'health', 72, 'healthy', '[]', 'cs-health-v1', 'cs',
              'earlier-health'), 
             (${book.tenantId}, 'account', ${book.accounts.healthy}, 'health', 60, 'watch', '[]', 'cs-health-v1', 'cs',
              'earlier-health-2')`;
    const leg = await runAgent(await deps(), csAgent, { tenantId: book.tenantId, target: all });
    const out = await csOutputs(store.sql, book, leg.run.id);
    const trendOf = (name: string) =>
      out.scores.find((s) => s.name === name && s.kind === "health")!.reasons.at(-1)!.factor;
    expect(trendOf("Risky Inc")).toMatch(/^trend: down [\d.]+ since \d{4}-\d\d-\d\d \(72 → [\d.]+\)$/);
    expect(trendOf("Healthy Co")).toMatch(/^trend: up [\d.]+ since/);
    expect(trendOf("Quiet GmbH")).toBe("trend: first health score (no earlier one to compare)");
  });

  it("the same request key twice is one run; a crashed run continues from its checkpoint", async () => {
    const book = await writeCsBook(store.sql, `cs-crash-${kind}`);
    const request = { tenantId: book.tenantId, target: all, idempotencyKey: "nightly-cs-2026-11-15" };
    const failed = await runAgent(crashingOnce(await deps()), csAgent, request);
    expect(failed.run.status).toBe("failed");
    expect(failed.run.error).toMatchObject({ message: "worker crashed in draft" });
    const again = await runAgent(await deps(), csAgent, request);
    expect(again.run.id).toBe(failed.run.id);
    expect(again.run.status).toBe("failed"); // returned as it is, not run twice

    const leg = await continueRun(await deps(), csAgent, book.tenantId, failed.run.id);
    expect(leg.run.status).toBe("interrupted");
    const out = await csOutputs(store.sql, book);
    expect(out.scores).toHaveLength(8);
    expect(out.tasks).toHaveLength(8);
    expect(out.drafts).toHaveLength(1);
    const nodes = (await listRunEvents(store.sql, failed.run.id))
      .filter((e) => e.type === "node_finished")
      .map((e) => (e.data as { node: string }).node);
    expect(nodes).toEqual(["load_policy", "load_page", "score", "plan", "draft"]); // score and plan ran once
  });

  it("a ticket target runs on that ticket's account and escalates it", async () => {
    const book = await writeCsBook(store.sql, `cs-ticket-${kind}`);
    const leg = await runAgent(await deps(), csAgent, {
      tenantId: book.tenantId,
      target: { kind: "ticket", id: book.tickets.hot },
    });
    const out = await csOutputs(store.sql, book, leg.run.id);
    expect(out.scores.map((s) => `${s.name}:${s.kind}`).sort()).toEqual([
      "Risky Inc:churn",
      "Risky Inc:health",
    ]);
    expect(out.tasks.filter((t) => t.type === "cs_escalation").map((t) => t.entity_id)).toEqual([
      book.tickets.hot,
    ]);
  });

  it("pages through the book in batches of the tenant's page size", async () => {
    const book = await writeCsBook(store.sql, `cs-pages-${kind}`);
    await setCsSettings(store.sql, book.tenantId, { pageSize: 3 });
    const leg = await runAgent(await deps(), csAgent, { tenantId: book.tenantId, target: all });
    const pages = (await listRunEvents(store.sql, leg.run.id)).filter(
      (e) => e.type === "node_finished" && (e.data as { node: string }).node === "load_page",
    );
    expect(pages).toHaveLength(2);
    expect(leg.values.totals).toMatchObject({ accounts: 4, scores: 8 });
  });

  it("applies the tenant's settings, and fails naming a bad one", async () => {
    const book = await writeCsBook(store.sql, `cs-settings-${kind}`);
    await setCsSettings(store.sql, book.tenantId, {
      tiers: { healthy: 95 },
      interventions: { expansionSeatUse: 0.99 },
    });
    const leg = await runAgent(await deps(), csAgent, { tenantId: book.tenantId, target: all });
    const out = await csOutputs(store.sql, book, leg.run.id);
    expect(out.scores.find((s) => s.name === "Healthy Co" && s.kind === "health")!.tier).toBe("watch");
    expect(out.tasks.some((t) => t.type === "expansion")).toBe(false);

    await setCsSettings(store.sql, book.tenantId, { weights: { usage_trend: "lots" } });
    const bad = await runAgent(await deps(), csAgent, { tenantId: book.tenantId, target: all });
    expect(bad.run.status).toBe("failed");
    expect(bad.run.error).toMatchObject({ code: "CS_POLICY_INVALID" });
    expect(String(bad.run.error!.message)).toContain("tenant setting cs.weights.usage_trend is invalid");
  });

  it("refuses a target it does not work on", () => {
    expect(() => csAgent.input({ kind: "lead", id: CS_NOW.toISOString() })).toThrow(/not on a lead/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoreRecord } from "../agents/scoring/index.ts";
import { SalesTargetError } from "../agents/sales/index.ts";
import type { Store } from "../db/index.ts";
import type { Deps } from "../graphs/runtime/index.ts";
import { SALES_AS_OF, setSalesSettings, writeSalesBook } from "./support/sales-book.ts";
import { saveTestLeadModel, trainTestLeadModel } from "./support/sales-model.ts";
import { draftsOf, runSales, scoresOf } from "./support/sales-queries.ts";
import { testDeps } from "./support/runtime-deps.ts";
import { STORE_KINDS, openTestStore } from "./support/stores.ts";

describe.each(STORE_KINDS)("sales policies per tenant on %s", (kind) => {
  let store: Store;
  let deps: Deps;

  beforeAll(async () => {
    store = await openTestStore(kind);
    deps = await testDeps(store, { now: () => SALES_AS_OF });
  });
  afterAll(() => store?.close());

  it("a tenant's own points table changes the scores, and says so in the model version", async () => {
    const b = await writeSalesBook(store.sql, "own-points");
    await setSalesSettings(store.sql, b.tenantId, {
      lead_points: { pricing_page_view: 50, engagement_cap: 10 },
      lead_engine: "rules",
    });
    const leg = await runSales(deps, b.tenantId, { kind: "all" });
    const scores = await scoresOf(store.sql, leg.run.id);
    expect(scores.get(b.leads.warm)).toMatchObject({ value: 60, tier: "warm" });
    expect(scores.get(b.leads.capped)).toMatchObject({ value: 10 });
    // 50 + 20 + 15 + 10 + 10 = 105: capped at 100, and the cap is a reason of its own
    const hot = scores.get(b.leads.hot)!;
    expect(hot.value).toBe(100);
    expect(hot.reasons.at(-1)).toEqual({ factor: "score capped at 100", contribution: -5, evidence_ids: [] });
    expect(hot.model_version).toMatch(/^lead-rules-v1\+[0-9a-f]{8}$/);
  });

  it("a bad tenant setting fails the run with an error naming the field", async () => {
    const b = await writeSalesBook(store.sql, "bad-points");
    await setSalesSettings(store.sql, b.tenantId, { lead_points: { pricing_page_view: "lots" } });
    const leg = await runSales(deps, b.tenantId, { kind: "all" });
    expect(leg.run.status).toBe("failed");
    expect(leg.run.error).toMatchObject({ code: "SALES_SETTINGS_INVALID" });
    expect(String(leg.run.error!.message)).toMatch(
      /^tenant setting settings\.sales\.lead_points\.pricing_page_view is invalid/,
    );
    await setSalesSettings(store.sql, b.tenantId, { lead_points: { pricing_veiw: 5 } });
    const typo = await runSales(deps, b.tenantId, { kind: "all" });
    expect(String(typo.run.error!.message)).toContain("settings.sales.lead_points.pricing_veiw");
    expect(await scoresOf(store.sql, typo.run.id)).toEqual(new Map());
  });

  it("with an active lead model trained on enough rows, leads get the learned, calibrated score", async () => {
    const b = await writeSalesBook(store.sql, "learned");
    const artifact = trainTestLeadModel(400);
    await saveTestLeadModel(store.sql, b.tenantId, artifact);
    const leg = await runSales(deps, b.tenantId, { kind: "lead", id: b.leads.hot });
    const score = (await scoresOf(store.sql, leg.run.id)).get(b.leads.hot)!;
    const expected = scoreRecord(artifact, {
      source: "website",
      country: null,
      title: "Head of Ops",
      employees: 120,
    });
    expect(score.model_version).toBe(artifact.version);
    expect(score.probability).toBeCloseTo(expected.probability, 5);
    expect(score.value).toBeCloseTo(100 * expected.probability, 1);
    expect(score.tier).toBe(score.value >= 70 ? "hot" : score.value >= 40 ? "warm" : "cold");
    expect(score.reasons.map((r) => r.factor)).toEqual(expected.factors.map((f) => `${f.factor} (log-odds)`));
    expect(score.reasons.every((r) => r.evidence_ids.join() === `lead:${b.leads.hot}`)).toBe(true);
  });

  it("falls back to the rules with too little history, and says so in the score", async () => {
    const b = await writeSalesBook(store.sql, "few-rows");
    await saveTestLeadModel(store.sql, b.tenantId, trainTestLeadModel(60));
    const leg = await runSales(deps, b.tenantId, { kind: "lead", id: b.leads.hot });
    const score = (await scoresOf(store.sql, leg.run.id)).get(b.leads.hot)!;
    expect(score).toMatchObject({ value: 90, probability: null });
    expect(score.model_version).toBe("lead-rules-v1 (learned model unavailable: trained on 60 rows < 200)");
    expect(score.reasons.at(-1)!.factor).toBe("learned model unavailable: trained on 60 rows < 200");
  });

  it("runs on one account: its linked leads and its deals only", async () => {
    const b = await writeSalesBook(store.sql, "one-account");
    const leg = await runSales(deps, b.tenantId, { kind: "account", id: b.accounts.acme });
    const scored = [...(await scoresOf(store.sql, leg.run.id)).keys()].sort();
    const { single: _, ...acmeDeals } = b.deals;
    expect(scored).toEqual([b.leads.linked, ...Object.values(acmeDeals)].sort());
    expect((await draftsOf(store.sql, b.tenantId)).map((d) => d.entity_id)).toEqual([b.deals.stalled]);
  });

  it("refuses targets it does not work on before a run is created", async () => {
    const b = await writeSalesBook(store.sql, "bad-target");
    await expect(runSales(deps, b.tenantId, { kind: "ticket", id: b.deals.single })).rejects.toBeInstanceOf(
      SalesTargetError,
    );
    await expect(runSales(deps, b.tenantId, { kind: "lead" })).rejects.toThrow(/not on a lead without an id/);
    const [runs] = await store.sql<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM agent_runs WHERE tenant_id = ${b.tenantId}`;
    expect(runs!.n).toBe(0);
  });
});

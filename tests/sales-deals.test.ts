import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ForecastRow } from "../agents/sales/index.ts";
import type { Store } from "../db/index.ts";
import type { RunLeg } from "../graphs/runtime/index.ts";
import { SALES_AS_OF, writeSalesBook, type SalesBook } from "./support/sales-book.ts";
import { runSales, scoresOf } from "./support/sales-queries.ts";
import { testDeps } from "./support/runtime-deps.ts";
import { STORE_KINDS, openTestStore } from "./support/stores.ts";

const PROPOSAL = 14.75 / 29; // (12 won + 5 × 0.55) / (24 closed + 5)
const DISCOVERY = 13 / 29; // (12 + 5 × 0.2) / 29

describe.each(STORE_KINDS)("sales deal review on %s", (kind) => {
  let store: Store;
  let b: SalesBook;
  let leg: RunLeg;

  beforeAll(async () => {
    store = await openTestStore(kind);
    const deps = await testDeps(store, { now: () => SALES_AS_OF });
    b = await writeSalesBook(store.sql, "sales-deals");
    leg = await runSales(deps, b.tenantId, { kind: "all" });
  });
  afterAll(() => store?.close());

  it("reviews every open deal: stage norms, signals, and win probability as a `win` score", async () => {
    const scores = await scoresOf(store.sql, leg.run.id);
    const win = (id: string) => scores.get(id)!;
    expect(win(b.deals.stalled)).toMatchObject({
      kind: "win",
      model_version: "win-history-v1",
      tier: "pipeline",
    });
    expect(win(b.deals.stalled).probability).toBeCloseTo(PROPOSAL * 0.6, 5);
    expect(win(b.deals.stalled).reasons.map((r) => r.factor)).toEqual([
      "stage proposal: 12 of 24 closed deals that reached it were won",
      "40 days in stage (tenant p75 10 days, median 10)",
    ]);
    expect(win(b.deals.single).probability).toBeCloseTo(DISCOVERY * 0.8, 5);
    expect(win(b.deals.single).reasons[1]!.evidence_ids).toEqual([
      `deal:${b.deals.single}`,
      `contact:${b.contacts.bert}`,
    ]);
    // negotiation: no closed deal reached it, so the labelled stage table; slipped and no next step
    expect(win(b.deals.noStep)).toMatchObject({ model_version: "win-stage-heuristic-v1", tier: "best_case" });
    expect(win(b.deals.noStep).probability).toBeCloseTo(0.75 * 0.8 * 0.9, 5);
    expect(win(b.deals.noStep).reasons.map((r) => r.factor)).toEqual([
      "stage negotiation: stage-table rate (0 closed deals reached it, < 20)",
      "close date slipped from 2026-11-20 to 2026-12-20",
      "no next step",
    ]);
    expect(win(b.deals.past).reasons[1]!.factor).toBe(
      "expected close 2026-10-25 has passed while the deal is open",
    );
    expect(win(b.deals.past).probability).toBeCloseTo(PROPOSAL * 0.8, 5);
  });

  it("returns the pipeline forecast per rep and period in the final state", () => {
    const forecast = leg.values.forecast as ForecastRow[];
    const cell = (owner: string, period: string) =>
      forecast.find((r) => r.owner_name === owner && r.period === period);
    const rita = 100_000 * PROPOSAL * 0.6 + 50_000 * 0.54 + 30_000 * PROPOSAL * 0.8;
    expect(cell("Rita Rep", "2026-Q4")).toMatchObject({ deals: 3, pipeline: 180_000, currency: "USD" });
    expect(cell("Rita Rep", "2026-Q4")!.weighted).toBeCloseTo(rita, -1); // probabilities are stored to 5 decimals
    expect(cell("Rita Rep", "2027-Q1")).toMatchObject({ deals: 1, pipeline: 40_000 });
    expect(cell("Sam Seller", "2026-Q4")!.weighted).toBeCloseTo(20_000 * DISCOVERY * 0.8, -1);
    // a close date already passed counts in the current month
    expect(cell("Rita Rep", "2026-11")).toMatchObject({ deals: 1, pipeline: 30_000 });
  });
});

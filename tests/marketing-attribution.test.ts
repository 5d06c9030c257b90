import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AttributionReport } from "../agents/marketing/index.ts";
import type { Store } from "../db/index.ts";
import {
  MKT_AS_OF,
  setMarketingSettings,
  writeMarketingBook,
  type MarketingBook,
} from "./support/marketing-book.ts";
import { auditOf, goalTarget, runMarketing } from "./support/marketing-queries.ts";
import { testDeps } from "./support/runtime-deps.ts";
import { STORE_KINDS, openTestStore } from "./support/stores.ts";

const NO_DRAFTS = goalTarget({ name: "Nobody", industry: "none such" });

describe.each(STORE_KINDS)("campaign attribution on %s", (kind) => {
  let store: Store;
  let b: MarketingBook;

  beforeAll(async () => {
    store = await openTestStore(kind);
    b = await writeMarketingBook(store.sql, "attribution");
  });
  afterAll(() => store?.close());

  it("credits won deals first touch, last touch and linear, over touches before each close", async () => {
    const leg = await runMarketing(await testDeps(store, { now: () => MKT_AS_OF }), b.tenantId, NO_DRAFTS);
    const report = leg.values.attribution as AttributionReport;
    // Atlas 10,000: webinar (ana, 190 d), email (ana, 95 d), email (dan, 94 d) → linear 3,333.34 / 6,666.66
    // Delta 30,000: webinar (hal, 180 d), event (hal, 50 d); Birch 5,000: email (fay, 95 d) — her event
    // touch came after the close; Cedar 2,000: no touches; Delta's 7,000 closed 400 days ago
    expect(report).toMatchObject({
      won_deals: 4,
      won_amount: 47_000,
      attributed_deals: 3,
      attributed_amount: 45_000,
    });
    const by = Object.fromEntries(report.campaigns.map((c) => [c.campaign_id, c]));
    expect(by[b.campaigns.webinar]).toMatchObject({
      first_touch: 40_000,
      last_touch: 0,
      linear: 18_333.34,
      deals_touched: 2,
    });
    expect(by[b.campaigns.email]).toMatchObject({
      first_touch: 5_000,
      last_touch: 15_000,
      linear: 11_666.66,
      deals_touched: 2,
    });
    expect(by[b.campaigns.event]).toMatchObject({
      first_touch: 0,
      last_touch: 30_000,
      linear: 15_000,
      deals_touched: 1,
    });
    expect(report.campaigns.map((c) => c.campaign_id)).toEqual([
      b.campaigns.webinar,
      b.campaigns.event,
      b.campaigns.email,
    ]);
    expect((leg.values.report as string[]).join("\n")).toContain(
      "attribution: 4 won deals worth 47,000; 3 touched by campaigns (45,000)",
    );
    const [summary] = await auditOf(store.sql, leg.run.id, "marketing.run_completed");
    expect(summary!.details.attribution).toEqual(report);
  });

  it("a shorter touch window leaves older touches out", async () => {
    await setMarketingSettings(store.sql, b.tenantId, {
      attribution: { lookback_days: 365, touch_window_days: 100 },
    });
    const leg = await runMarketing(await testDeps(store, { now: () => MKT_AS_OF }), b.tenantId, NO_DRAFTS);
    const report = leg.values.attribution as AttributionReport;
    // the webinar touches (190 and 180 days ago) are more than 100 days before their deals closed
    const by = Object.fromEntries(report.campaigns.map((c) => [c.campaign_id, c]));
    expect(by[b.campaigns.webinar]).toBeUndefined();
    expect(by[b.campaigns.email]).toMatchObject({ first_touch: 15_000, last_touch: 15_000, linear: 15_000 });
    expect(by[b.campaigns.event]).toMatchObject({ first_touch: 30_000, last_touch: 30_000, linear: 30_000 });
  });
});

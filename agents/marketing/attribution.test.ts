import { describe, expect, it } from "vitest";
import { AttributionLedger, type Touch, type WonDeal } from "./attribution.ts";

const touch = (member: string, campaign: string, at: string): Touch => ({
  member_id: member,
  campaign_id: campaign,
  campaign_name: campaign.toUpperCase(),
  campaign_kind: "email",
  contact_id: "c",
  touched_at: at,
});
const deal = (id: string, amount: number, touches: Touch[]): WonDeal => ({
  deal_id: id,
  name: id,
  account_id: null,
  amount,
  closed_at: "2026-10-01T00:00:00Z",
  touches,
});

describe("attribution", () => {
  it("first, last and linear credit sum exactly to the amount won, to the cent", () => {
    const ledger = new AttributionLedger();
    ledger.add([
      deal("d1", 100, [
        touch("m3", "b", "2026-05-01"),
        touch("m1", "a", "2026-01-01"),
        touch("m2", "b", "2026-03-01"),
      ]),
      deal("d2", 50.5, [touch("m4", "c", "2026-02-01")]),
      deal("d3", 999, []),
    ]);
    const r = ledger.report();
    expect(r).toMatchObject({
      won_deals: 3,
      won_amount: 1149.5,
      attributed_deals: 2,
      attributed_amount: 150.5,
    });
    const by = Object.fromEntries(r.campaigns.map((c) => [c.campaign_id, c]));
    expect(by.a).toMatchObject({ first_touch: 100, last_touch: 0, linear: 33.34, deals_touched: 1 });
    expect(by.b).toMatchObject({ first_touch: 0, last_touch: 100, linear: 66.66, deals_touched: 1 });
    expect(by.c).toMatchObject({ first_touch: 50.5, last_touch: 50.5, linear: 50.5 });
    for (const model of ["first_touch", "last_touch", "linear"] as const) {
      const cents = r.campaigns.reduce((s, c) => s + Math.round(c[model] * 100), 0);
      expect(cents).toBe(15050);
    }
  });

  it("orders equal times by member id, and accumulates over pages", () => {
    const ledger = new AttributionLedger();
    ledger.add([deal("d1", 10, [touch("m2", "b", "2026-01-01"), touch("m1", "a", "2026-01-01")])]);
    ledger.add([deal("d2", 10, [touch("m9", "a", "2026-01-02")])]);
    const by = Object.fromEntries(ledger.report().campaigns.map((c) => [c.campaign_id, c]));
    expect(by.a).toMatchObject({ first_touch: 20, last_touch: 10, linear: 15, deals_touched: 2 });
    expect(by.b).toMatchObject({ first_touch: 0, last_touch: 10, linear: 5 });
  });
});

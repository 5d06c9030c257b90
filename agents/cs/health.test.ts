import { describe, expect, it } from "vitest";
import { signals, usage } from "../../tests/support/cs-snapshot.ts";
import { scoreHealth } from "./health.ts";
import { parseCsPolicy } from "./policy.ts";

const policy = parseCsPolicy(null);
const driver = (h: ReturnType<typeof scoreHealth>, name: string) => h.drivers.find((d) => d.driver === name)!;
const ago = (days: number) => new Date(Date.parse("2026-11-15T12:00:00Z") - days * 86_400_000).toISOString();

describe("health score", () => {
  it("is 50 + Σ driver contributions, each weight × (score − 0.5), with a reason per driver", () => {
    const h = scoreHealth(signals(), [], policy);
    const sum = h.drivers.reduce((a, d) => a + d.contribution, 0);
    expect(h.value).toBeCloseTo(50 + sum, 1);
    expect(h.reasons.map((r) => r.factor.split(":")[0])).toEqual([
      "usage_trend",
      "seat_use",
      "support_load",
      "support_sentiment",
      "commercial",
      "engagement",
      "tenure",
      "trend",
    ]);
    expect(driver(h, "support_sentiment")).toMatchObject({ score: null, contribution: 0 }); // no data: neutral
  });

  it("usage trend: −30 % scores 0, +10 % scores 1, with the usage rows as evidence", () => {
    const down = scoreHealth(signals({ usage: usage(35, 50, 60) }), [], policy);
    const up = scoreHealth(signals({ usage: usage(60, 50, 60) }), [], policy);
    expect(driver(down, "usage_trend")).toMatchObject({ score: 0, contribution: -12.5 });
    expect(driver(down, "usage_trend").detail).toBe("active users −30% (last 3 vs prior 3 months)");
    expect(driver(down, "usage_trend").evidence).toEqual(
      usage(0, 0, 0).map((u) => `usage:${signals().account_id}:${u.period_start}`),
    );
    expect(driver(up, "usage_trend")).toMatchObject({ score: 1, contribution: 12.5 });
  });

  it("seat use: seats used / purchased between 40 % and 85 %", () => {
    expect(driver(scoreHealth(signals({ usage: usage(30, 30, 30) }), [], policy), "seat_use").score).toBe(0);
    expect(driver(scoreHealth(signals({ usage: usage(30, 30, 90) }), [], policy), "seat_use").score).toBe(1);
  });

  it("support load and sentiment: open, recent and severe tickets; CSAT and negative triage", () => {
    const ids = ["0000000c-0000-4000-8000-000000000001"];
    const busy = scoreHealth(
      signals({
        open_tickets: 2,
        tickets_90d: 4,
        severe_90d: 2,
        open_ticket_ids: ids,
        recent_ticket_ids: ids,
      }),
      [],
      policy,
    );
    expect(driver(busy, "support_load")).toMatchObject({ score: 0, contribution: -6 }); // load 2 + 2 + 2 = 6
    expect(driver(busy, "support_load").evidence).toEqual([`ticket:${ids[0]}`]);
    const unhappy = scoreHealth(signals({ csat_avg: 4.5, tickets_90d: 4, negative_90d: 2 }), [], policy);
    expect(driver(unhappy, "support_sentiment").score).toBe(0.5); // CSAT at best, half the tickets negative
    expect(driver(unhappy, "support_sentiment").detail).toBe(
      "CSAT 4.5/5 (180 days), 2 of 4 tickets negative (triage)",
    );
  });

  it("plan and billing: expansions raise it, billing and cancellation tickets lower it", () => {
    const deal = "0000000d-0000-4000-8000-000000000001";
    expect(
      driver(scoreHealth(signals({ won_expansion_ids: [deal, deal] }), [], policy), "commercial").score,
    ).toBe(1);
    const leaving = scoreHealth(signals({ cancellation_90d: 1 }), [], policy);
    expect(driver(leaving, "commercial").score).toBe(0);
  });

  it("engagement recency and tenure", () => {
    expect(driver(scoreHealth(signals({ last_activity_at: ago(10) }), [], policy), "engagement").score).toBe(
      1,
    );
    expect(driver(scoreHealth(signals({ last_activity_at: ago(95) }), [], policy), "engagement").score).toBe(
      0,
    );
    const none = scoreHealth(signals({ last_activity_at: null, last_activity_id: null }), [], policy);
    expect(driver(none, "engagement")).toMatchObject({ score: 0, detail: "no activity recorded" });
    expect(driver(scoreHealth(signals({ customer_since: "2026-08-15" }), [], policy), "tenure").score).toBe(
      0,
    );
    expect(driver(scoreHealth(signals({ customer_since: "2022-01-01" }), [], policy), "tenure").score).toBe(
      1,
    );
  });

  it("tiers: healthy ≥ 70, watch 40–69, at risk < 40, and a tenant's own tiers", () => {
    const great = signals({
      usage: usage(60, 50, 90),
      last_activity_at: ago(5),
      customer_since: "2022-01-01",
    });
    const poor = signals({
      usage: usage(20, 50, 30),
      last_activity_at: ago(120),
      open_tickets: 4,
      tickets_90d: 4,
    });
    expect(scoreHealth(great, [], policy).tier).toBe("healthy");
    expect(scoreHealth(signals(), [], policy).tier).toBe("watch");
    expect(scoreHealth(poor, [], policy).tier).toBe("at_risk");
    expect(scoreHealth(great, [], parseCsPolicy({ tiers: { healthy: 99 } })).tier).toBe("watch");
  });

  it("trend: the change since the previous health score, as a reason of its own (contribution 0)", () => {
    const first = scoreHealth(signals(), [], policy);
    expect(first.trend).toBeNull();
    expect(first.reasons.at(-1)).toEqual({
      factor: "trend: first health score (no earlier one to compare)",
      contribution: 0,
      evidence_ids: [],
    });
    const down = scoreHealth(signals(), [{ value: 80, created_at: "2026-10-20T08:00:00.000Z" }], policy);
    expect(down.trend).toMatchObject({ previous: 80, direction: "down" });
    expect(down.trend!.delta).toBeCloseTo(first.value - 80, 2);
    expect(down.reasons.at(-1)!.factor).toBe(
      `trend: down ${Math.abs(down.trend!.delta)} since 2026-10-20 (80 → ${first.value})`,
    );
    const flat = scoreHealth(
      signals(),
      [{ value: first.value - 1, created_at: "2026-10-20T08:00:00.000Z" }],
      policy,
    );
    expect(flat.trend!.direction).toBe("flat");
  });
});

import { describe, expect, it } from "vitest";
import { act, AS_OF, lead } from "../../tests/support/sales-facts.ts";
import { rulesVersion, scoreLeadByRules } from "./lead-rules.ts";
import { DEFAULT_POLICY, resolveSalesPolicy } from "./policy.ts";
import { leadTier } from "./tiers.ts";

const score = (l = lead(), policy = DEFAULT_POLICY, note?: string) =>
  scoreLeadByRules(l, policy, AS_OF, note);
const points = (l: Parameters<typeof score>[0]) => score(l).reasons.map((r) => r.contribution);

describe("lead rules engine", () => {
  it("a pricing-page view is +30 once, with every view as evidence", () => {
    const views = [act("pricing_page_view", 30), act("pricing_page_view", 50)];
    const s = score(lead({ activities: views }));
    expect(s.value).toBe(30);
    expect(s.reasons).toEqual([
      {
        factor: "viewed the pricing page (2× in 30 days)",
        contribution: 30,
        evidence_ids: views.map((v) => `activity:${v.id}`),
      },
    ]);
  });

  it("activity in the last 24 h is +20; at 25 h it is only an engagement", () => {
    const now = act("web_visit", 23);
    expect(score(lead({ activities: [now] })).reasons[0]).toEqual({
      factor: "active in the last 24 h (web_visit)",
      contribution: 20,
      evidence_ids: [`activity:${now.id}`],
    });
    expect(points(lead({ activities: [now] }))).toEqual([20, 5]);
    expect(points(lead({ activities: [act("web_visit", 25)] }))).toEqual([5]);
  });

  it("a demo request is +15", () => {
    const demo = act("demo_request", 48);
    expect(score(lead({ activities: [demo] })).reasons).toEqual([
      { factor: "requested a demo", contribution: 15, evidence_ids: [`activity:${demo.id}`] },
    ]);
  });

  it("a company over 50 employees is +10 (the lead's own count, else its account's)", () => {
    expect(points(lead({ employees: 50 }))).toEqual([]);
    const big = lead({ employees: 51 });
    expect(score(big).reasons).toEqual([
      { factor: "company over 50 employees (51)", contribution: 10, evidence_ids: [`lead:${big.id}`] },
    ]);
    const linked = lead({ employees: null, account_employees: 300, account_id: "acc-1" });
    expect(score(linked).reasons[0]!.evidence_ids).toEqual(["account:acc-1"]);
  });

  it("each engagement is +5, capped at 25", () => {
    const visits = (k: number) => Array.from({ length: k }, (_, i) => act("web_visit", 48 + i));
    expect(points(lead({ activities: visits(3) }))).toEqual([15]);
    const capped = score(lead({ activities: visits(7) }));
    expect(capped.reasons).toEqual([
      expect.objectContaining({ factor: "7 engagements × 5 (capped at 25)", contribution: 25 }),
    ]);
    expect(capped.reasons[0]!.evidence_ids).toHaveLength(7);
  });

  it("ignores the rep's outbound activity and anything outside the lookback window", () => {
    const l = lead({
      activities: [act("email", 1, "outbound"), act("pricing_page_view", 31 * 24), act("demo_request", -2)],
    });
    expect(score(l)).toMatchObject({ value: 0, tier: "cold", reasons: [] });
  });

  it("adds up to the tiers: hot ≥ 70, warm 40–69, cold < 40", () => {
    const all = lead({
      employees: 120,
      activities: [
        act("web_visit", 2),
        act("pricing_page_view", 48),
        act("demo_request", 72),
        act("form_fill", 100),
      ],
    });
    expect(score(all)).toMatchObject({ value: 85, tier: "hot", probability: null, engine: "rules" });
    expect([70, 69, 40, 39].map((v) => leadTier(v, DEFAULT_POLICY.tiers))).toEqual([
      "hot",
      "warm",
      "warm",
      "cold",
    ]);
  });

  it("a tenant's table can exceed 100: the score is capped and the cap shown as a reason", () => {
    const policy = resolveSalesPolicy({ lead_points: { pricing_page_view: 90, recent_activity: 30 } });
    const s = score(lead({ activities: [act("pricing_page_view", 1)] }), policy);
    expect(s.value).toBe(100);
    expect(s.reasons.map((r) => r.contribution)).toEqual([90, 30, -20]);
    expect(s.model_version).toBe(rulesVersion(policy.lead_points));
    expect(s.model_version).toMatch(/^lead-rules-v1\+[0-9a-f]{8}$/);
    expect(rulesVersion(DEFAULT_POLICY.lead_points)).toBe("lead-rules-v1");
  });

  it("a fallback note goes into the model version and a zero-point reason", () => {
    const s = score(lead(), DEFAULT_POLICY, "learned model unavailable: no trained lead model");
    expect(s.model_version).toBe("lead-rules-v1 (learned model unavailable: no trained lead model)");
    expect(s.reasons).toEqual([
      { factor: "learned model unavailable: no trained lead model", contribution: 0, evidence_ids: [] },
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { CsPolicyError } from "./errors.ts";
import { healthTier, normalisedWeights, parseCsPolicy } from "./policy.ts";

describe("cs policy", () => {
  it("defaults: weights sum to 100, tiers 70 / 40, renewal prep 90 days ahead", () => {
    const p = parseCsPolicy(null);
    expect(Object.values(normalisedWeights(p)).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 10);
    expect(p.tiers).toEqual({ healthy: 70, watch: 40 });
    expect(p.interventions.renewalLeadDays).toBe(90);
    expect([healthTier(p, 70), healthTier(p, 69.9), healthTier(p, 40), healthTier(p, 39.9)]).toEqual([
      "healthy",
      "watch",
      "watch",
      "at_risk",
    ]);
  });

  it("a tenant overrides any part; weights are relative and rescaled to 100", () => {
    const p = parseCsPolicy({ weights: { usage_trend: 100, seat_use: 0 }, tiers: { healthy: 80 } });
    const w = normalisedWeights(p);
    expect(w.seat_use).toBe(0);
    expect(w.usage_trend).toBeCloseTo((100 * 100) / 155, 10); // 100 + the five untouched defaults (55)
    expect(p.tiers).toEqual({ healthy: 80, watch: 40 });
    expect(p.interventions.expansionSeatUse).toBe(0.9);
  });

  it.each([
    [{ weights: { usage_trend: "high" } }, "cs.weights.usage_trend", "expected number"],
    [{ weights: { usage_trendd: 3 } }, "cs.weights", 'Unrecognized key: "usage_trendd"'],
    [{ tiers: { healthy: 30 } }, "cs.tiers", "healthy must be above watch"],
    [{ churn: { atRiskProbability: 2 } }, "cs.churn.atRiskProbability", "<=1"],
    [{ interventions: { renewalLeadDays: -1 } }, "cs.interventions.renewalLeadDays", ">=0"],
    [{ ramps: { seat_use: { worst: 1, best: 1 } } }, "cs.ramps.seat_use", "worst and best must differ"],
    ["not an object", "cs", "expected object"],
  ])("a bad setting %j fails naming %s", (settings, path, problem) => {
    const err = (() => {
      try {
        parseCsPolicy(settings);
      } catch (e) {
        return e as CsPolicyError;
      }
    })();
    expect(err).toBeInstanceOf(CsPolicyError);
    expect(err!.code).toBe("CS_POLICY_INVALID");
    expect(err!.path).toBe(path);
    expect(err!.message).toContain(`tenant setting ${path} is invalid`);
    expect(err!.message).toContain(problem);
  });
});

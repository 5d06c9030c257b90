import { describe, expect, it } from "vitest";
import { signals, usage } from "../../tests/support/cs-snapshot.ts";
import { signalRecord, CHURN_SIGNALS_MODEL } from "../scoring/models/churn-signals.ts";
import { trainModel } from "../scoring/train.ts";
import { chooseChurnModel, scoreChurn, type ChurnModelChoice } from "./churn.ts";
import { scoreHealth } from "./health.ts";
import { parseCsPolicy } from "./policy.ts";

const policy = parseCsPolicy(null);

/** A learned churn-signals model on 240 synthetic accounts: falling usage churns more. */
function learned() {
  const rows = Array.from({ length: 240 }, (_, i) => {
    const recent = 20 + ((i * 37) % 60);
    const label = recent < 45 ? i % 3 !== 0 : i % 5 === 0;
    const s = signals({ usage: usage(recent, 50, 60), open_tickets: i % 4 });
    return {
      id: String(i),
      key: String(i).padStart(4, "0"),
      record: signalRecord(s),
      label,
      knownAt: new Date(0),
    };
  });
  return trainModel(CHURN_SIGNALS_MODEL, rows).artifact;
}

describe("churn probability", () => {
  const artifact = learned();

  it("uses the tenant's active model when it saw enough outcomes and cross-validates well", () => {
    expect(chooseChurnModel({ artifact, trained_rows: 240 }, policy)).toEqual({ kind: "learned", artifact });
  });

  it.each([
    ["no model", null, {}, "no trained churn-signals model (run: crm train churn-signals)"],
    ["too few rows", "model", { churn: { minTrainingRows: 1000 } }, "saw 240 outcomes"],
    ["too few positives", "model", { churn: { minPositives: 500 } }, "needs 200 (500)"],
    ["weak CV AUC", "model", { churn: { minCvAuc: 0.99 } }, "CV AUC"],
  ])("falls back to the heuristic with %s, and says why", (_what, model, settings, why) => {
    const choice = chooseChurnModel(model ? { artifact, trained_rows: 240 } : null, parseCsPolicy(settings));
    expect(choice.kind).toBe("heuristic");
    expect((choice as { why: string }).why).toContain(why);
  });

  it("learned: calibrated probability, the artifact's version, top factors with evidence ids", () => {
    const model: ChurnModelChoice = { kind: "learned", artifact };
    const s = signals({ usage: usage(25, 50, 60) });
    const churn = scoreChurn(s, scoreHealth(s, [], policy), model, policy);
    const safer = signals({ usage: usage(75, 50, 60) });
    expect(churn.probability).toBeGreaterThan(
      scoreChurn(safer, scoreHealth(safer, [], policy), model, policy).probability,
    );
    expect(churn.modelVersion).toBe(artifact.version);
    expect(churn.value).toBeCloseTo(100 * churn.probability, 1);
    const usageReason = churn.reasons.find((r) => r.factor.startsWith("active users"))!;
    expect(usageReason.contribution).toBeGreaterThan(0);
    expect(usageReason.evidence_ids[0]).toBe(`usage:${s.account_id}:2026-10-01`);
  });

  it("heuristic: p = σ(−1.4 + 0.06 × (50 − health)), labelled a fallback, the drivers as reasons", () => {
    const s = signals({ usage: usage(25, 50, 30) });
    const health = scoreHealth(s, [], policy);
    const churn = scoreChurn(s, health, { kind: "heuristic", why: "no model" }, policy);
    expect(churn.probability).toBeCloseTo(1 / (1 + Math.exp(1.4 - 0.06 * (50 - health.value))), 4);
    expect(churn.modelVersion).toBe("churn-heuristic-v1 (fallback)");
    expect(churn.reasons[0]!.factor).toBe("fallback heuristic from health, not a learned model: no model");
    const usageReason = churn.reasons.find((r) => r.factor.startsWith("usage_trend"))!;
    expect(usageReason.contribution).toBeCloseTo(0.06 * 12.5, 4); // the driver took 12.5 health points
    expect(churn.tier).toBe(churn.probability >= 0.5 ? "high" : churn.probability >= 0.25 ? "medium" : "low");
  });
});

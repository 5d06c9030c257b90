import { describe, expect, it } from "vitest";
import { AS_OF, contact, deal, NORMS } from "../../tests/support/sales-facts.ts";
import { atRisk, dealSignals, stageNorm } from "./deal-signals.ts";
import { DEFAULT_POLICY, resolveSalesPolicy } from "./policy.ts";
import { winProbability } from "./win.ts";

const daysAgo = (d: number) => new Date(AS_OF.getTime() - d * 86_400_000).toISOString();
const signals = (over: Parameters<typeof deal>[0] = {}, policy = DEFAULT_POLICY) =>
  dealSignals(deal(over), NORMS, policy, AS_OF);

describe("deal signals", () => {
  it("stagnation: days in stage past the tenant's p75 for the stage", () => {
    expect(stageNorm("proposal", NORMS, DEFAULT_POLICY)).toEqual({
      thresholdDays: 10,
      medianDays: 8,
      samples: 30,
      source: "tenant",
    });
    expect(signals({ stage_entered_at: daysAgo(10) }).stagnating).toBe(false);
    expect(signals({ stage_entered_at: daysAgo(11) })).toMatchObject({ stagnating: true, daysInStage: 11 });
    const stricter = resolveSalesPolicy({ stagnation_factor: 1.5 });
    expect(signals({ stage_entered_at: daysAgo(11) }, stricter).stagnating).toBe(false);
  });

  it("stagnation: too few completed stays for a tenant norm → the default days", () => {
    expect(stageNorm("demo", NORMS, DEFAULT_POLICY)).toEqual({
      thresholdDays: 30,
      medianDays: null,
      samples: 3,
      source: "default",
    });
    expect(signals({ stage: "demo", stage_entered_at: daysAgo(29) }).stagnating).toBe(false);
    expect(signals({ stage: "demo", stage_entered_at: daysAgo(31) }).stagnating).toBe(true);
  });

  it("missing next step: none recorded, or its due date passed", () => {
    expect(signals().missingNextStep).toBeNull();
    expect(signals({ next_step: null }).missingNextStep).toBe("none");
    expect(signals({ next_step: "  " }).missingNextStep).toBe("none");
    expect(signals({ next_step_due: "2026-10-31" }).missingNextStep).toBe("overdue");
    expect(signals({ next_step_due: "2026-11-01" }).missingNextStep).toBeNull();
  });

  it("single-threaded: one contact, or none", () => {
    expect(signals().singleThreaded).toBe(false);
    expect(signals({ contacts: [contact()] }).singleThreaded).toBe(true);
    expect(signals({ contacts: [] }).singleThreaded).toBe(true);
  });

  it("slipped close date: moved past the original, or passed while open", () => {
    expect(signals().slipped).toBeNull();
    expect(signals({ original_close: "2026-11-20", expected_close: "2026-12-20" }).slipped).toBe("pushed");
    expect(signals({ original_close: "2026-10-20", expected_close: "2026-10-31" }).slipped).toBe("past");
    expect(signals({ original_close: null }).slipped).toBeNull();
    expect(atRisk(signals())).toBe(false);
    expect(atRisk(signals({ contacts: [] }))).toBe(true);
  });
});

describe("win probability", () => {
  const win = (over: Parameters<typeof deal>[0] = {}, policy = DEFAULT_POLICY) => {
    const d = deal(over);
    return winProbability(d, dealSignals(d, NORMS, policy, AS_OF), NORMS, policy);
  };

  it("learned from the tenant's closed deals through the stage, smoothed toward the stage table", () => {
    const w = win();
    expect(w.probability).toBeCloseTo((18 + 5 * 0.55) / 35, 5);
    expect(w).toMatchObject({ model_version: "win-history-v1", tier: "best_case" });
    expect(w.reasons).toEqual([
      {
        factor: "stage proposal: 18 of 30 closed deals that reached it were won",
        contribution: 59.29,
        evidence_ids: [expect.stringMatching(/^deal:/)],
      },
    ]);
  });

  it("the labelled stage table when too few closed deals reached the stage", () => {
    expect(win({ stage: "demo", stage_entered_at: daysAgo(1) })).toMatchObject({
      probability: 0.35,
      model_version: "win-stage-heuristic-v1",
      tier: "pipeline",
    });
    expect(win({ stage: "negotiation" })).toMatchObject({ probability: 0.75, tier: "commit" });
    expect(win({ stage: "custom_stage", probability: 0.42 }).probability).toBe(0.42);
  });

  it("each risk signal multiplies the probability and is a reason in points", () => {
    const w = win({
      stage: "negotiation",
      stage_entered_at: daysAgo(40),
      next_step: null,
      contacts: [contact()],
      expected_close: "2026-10-01",
    });
    expect(w.probability).toBeCloseTo(0.75 * 0.6 * 0.8 * 0.8 * 0.9, 5);
    expect(w.reasons.map((r) => [r.factor, r.contribution])).toEqual([
      ["stage negotiation: stage-table rate (0 closed deals reached it, < 20)", 75],
      ["40 days in stage (default 30 days: 0 completed stays, too few for a tenant norm)", -30],
      ["expected close 2026-10-01 has passed while the deal is open", -9],
      ["single-threaded (1 contact)", -7.2],
      ["no next step", -2.88],
    ]);
    expect(w.value).toBeCloseTo(100 * w.probability, 1);
  });
});

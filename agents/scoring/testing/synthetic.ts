import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { TrainingRow } from "../data/rows.ts";
import type { ModelDefinition } from "../models/definition.ts";

/** Test fixture: a small model over the synthetic rows below. */
export const SYNTHETIC_MODEL: ModelDefinition = {
  name: "synthetic",
  entity: "account",
  outcome: "churned",
  features: [
    { kind: "categorical", key: "plan", label: "contract", minCount: 5 },
    { kind: "numeric", key: "tenure", label: "tenure (months)", transform: "log1p", missingIndicator: true },
    { kind: "boolean", key: "paperless", label: "paperless billing" },
  ],
};

const PLANS = ["Month-to-month", "One year", "Two year"] as const;
const PLAN_EFFECT = { "Month-to-month": 1.2, "One year": -0.3, "Two year": -1.5 };

/**
 * Test fixture: seeded rows whose label follows a known logistic model of plan, tenure and
 * paperless billing (so a fitted model should rank them well), with some tenure values missing.
 */
export function syntheticRows(n: number, seed = 7): TrainingRow[] {
  const rng = xoroshiro128plus(seed);
  const u = () => uniformFloat64(rng);
  return Array.from({ length: n }, (_, i) => {
    const plan = PLANS[Math.floor(u() * PLANS.length)]!;
    const tenure = Math.floor(u() * 72);
    const paperless = u() < 0.5;
    const z = PLAN_EFFECT[plan] - 0.6 * Math.log1p(tenure) + (paperless ? 0.5 : 0) + 1;
    const label = u() < 1 / (1 + Math.exp(-z));
    return {
      id: `id-${i}`,
      key: `k-${String(i).padStart(6, "0")}`,
      record: { plan, tenure: u() < 0.05 ? null : tenure, paperless },
      label,
      knownAt: new Date("2026-01-01T00:00:00Z"),
    };
  });
}

import { daysBetween, type DealFacts, type DealNorms } from "./facts.ts";
import type { SalesPolicy } from "./policy.ts";
import { round } from "./tiers.ts";

/** The norm a deal's time in stage is measured against. */
export interface StageNorm {
  /** Days after which a deal in this stage stagnates. */
  thresholdDays: number;
  medianDays: number | null;
  samples: number;
  /** `tenant`: p75 of the tenant's completed stays × stagnation_factor; `default`: too few stays. */
  source: "tenant" | "default";
}

/** The risk signals of one open deal. */
export interface DealSignals {
  daysInStage: number;
  norm: StageNorm;
  stagnating: boolean;
  /** `none`: no next step recorded; `overdue`: its due date has passed. */
  missingNextStep: "none" | "overdue" | null;
  /** One person (or nobody) on the deal. */
  singleThreaded: boolean;
  /** `pushed`: expected close moved past the original; `past`: expected close passed while open. */
  slipped: "pushed" | "past" | null;
}

/** The stagnation threshold of a stage: the tenant's own p75 when it has enough stays. */
export function stageNorm(stage: string, norms: DealNorms, policy: SalesPolicy): StageNorm {
  const own = norms.durations.find((d) => d.stage === stage);
  if (own && own.samples >= policy.norm_min_samples) {
    return {
      thresholdDays: round(own.p75_days * policy.stagnation_factor, 1),
      medianDays: round(own.median_days, 1),
      samples: own.samples,
      source: "tenant",
    };
  }
  return {
    thresholdDays: policy.stagnation_default_days,
    medianDays: null,
    samples: own?.samples ?? 0,
    source: "default",
  };
}

/** A deal's signals as of `asOf` (dates compare as calendar days in UTC). */
export function dealSignals(deal: DealFacts, norms: DealNorms, policy: SalesPolicy, asOf: Date): DealSignals {
  const today = asOf.toISOString().slice(0, 10);
  const daysInStage = round(daysBetween(deal.stage_entered_at, asOf), 1);
  const norm = stageNorm(deal.stage, norms, policy);
  const hasStep = (deal.next_step ?? "").trim() !== "";
  const missingNextStep = !hasStep
    ? "none"
    : deal.next_step_due !== null && deal.next_step_due < today
      ? "overdue"
      : null;
  const pushed =
    deal.expected_close !== null && deal.original_close !== null && deal.expected_close > deal.original_close;
  const past = deal.expected_close !== null && deal.expected_close < today;
  return {
    daysInStage,
    norm,
    stagnating: daysInStage > norm.thresholdDays,
    missingNextStep,
    singleThreaded: deal.contacts.length <= 1,
    slipped: past ? "past" : pushed ? "pushed" : null,
  };
}

/** True when any signal is raised. */
export const atRisk = (s: DealSignals): boolean =>
  s.stagnating || s.missingNextStep !== null || s.singleThreaded || s.slipped !== null;

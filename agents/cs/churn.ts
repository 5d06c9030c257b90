import type { ModelArtifact } from "../scoring/artifact.ts";
import type { AccountSignals } from "../scoring/data/account-signals.ts";
import { signalRecord } from "../scoring/models/churn-signals.ts";
import { scoreRecord } from "../scoring/predict.ts";
import { REFERENCE_KEY } from "../scoring/features/values.ts";
import type { HealthScore, ScoreReason } from "./health.ts";
import { churnEvidence } from "./churn-evidence.ts";
import type { CsPolicy } from "./policy.ts";

/** The churn model a run uses: the tenant's active learned model, or why it falls back. */
export type ChurnModelChoice =
  { kind: "learned"; artifact: ModelArtifact } | { kind: "heuristic"; why: string };

/** An account's churn score as record_score stores it (value = probability × 100). */
export interface ChurnScore {
  value: number;
  probability: number;
  tier: "high" | "medium" | "low";
  reasons: ScoreReason[];
  modelVersion: string;
}

/** The heuristic's version (model_version of fallback churn scores). */
export const CHURN_HEURISTIC_VERSION = "churn-heuristic-v1";

/**
 * Decides between the tenant's active model (from `active_score_model`) and the heuristic: no
 * model, too few training rows or positives, or a cross-validated AUC below the policy's floor
 * all fall back, and say so.
 */
export function chooseChurnModel(
  active: { artifact: ModelArtifact; trained_rows: number } | null,
  policy: CsPolicy,
): ChurnModelChoice {
  const c = policy.churn;
  if (!active) return { kind: "heuristic", why: `no trained ${c.model} model (run: crm train ${c.model})` };
  const { rows, positives, cvAuc } = active.artifact.training;
  if (rows < c.minTrainingRows || positives < c.minPositives)
    return {
      kind: "heuristic",
      why: `${active.artifact.version} saw ${rows} outcomes (${positives} churned); needs ${c.minTrainingRows} (${c.minPositives})`,
    };
  if (cvAuc < c.minCvAuc)
    return {
      kind: "heuristic",
      why: `${active.artifact.version} CV AUC ${cvAuc.toFixed(3)} < ${c.minCvAuc}`,
    };
  return { kind: "learned", artifact: active.artifact };
}

const tierOf = (p: number, policy: CsPolicy): ChurnScore["tier"] =>
  p >= policy.churn.highTier ? "high" : p >= policy.churn.mediumTier ? "medium" : "low";
const round = (x: number, k = 4) => Math.round(x * 10 ** k) / 10 ** k;

/** Churn probability of one account: the learned model's, or the transparent fallback's. */
export function scoreChurn(
  s: AccountSignals,
  health: HealthScore,
  model: ChurnModelChoice,
  policy: CsPolicy,
): ChurnScore {
  if (model.kind === "learned") {
    // the model's own feature spec picks what it reads: imported columns, signals, or both
    const scored = scoreRecord(model.artifact, { ...s.record, ...signalRecord(s), [REFERENCE_KEY]: s.cut });
    const reasons = scored.factors.slice(0, 6).map((f) => ({
      factor: f.factor.slice(0, 200),
      contribution: round(f.contribution),
      evidence_ids: churnEvidence(s, f.key),
    }));
    const p = scored.probability;
    return {
      value: round(100 * p, 2),
      probability: round(p),
      tier: tierOf(p, policy),
      reasons,
      modelVersion: model.artifact.version,
    };
  }
  // fallback: logit = intercept + perPoint × (50 − health); each driver's share is −perPoint × its contribution
  const { heuristicIntercept: b0, heuristicPerPoint: b1 } = policy.churn;
  const p = 1 / (1 + Math.exp(-(b0 + b1 * (50 - health.value))));
  const reasons: ScoreReason[] = [
    {
      factor: `fallback heuristic from health, not a learned model: ${model.why}`.slice(0, 200),
      contribution: 0,
      evidence_ids: [],
    },
    ...health.drivers.map((d) => ({
      factor: `${d.driver}: ${d.detail}`.slice(0, 200),
      contribution: round(-b1 * d.contribution),
      evidence_ids: d.evidence.slice(0, 50),
    })),
  ];
  return {
    value: round(100 * p, 2),
    probability: round(p),
    tier: tierOf(p, policy),
    reasons,
    modelVersion: `${CHURN_HEURISTIC_VERSION} (fallback)`,
  };
}

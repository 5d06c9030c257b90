import { parseArtifactJson, type ModelArtifact } from "../scoring/index.ts";
import type { LeadFacts } from "./facts.ts";
import { scoreLeadLearned } from "./lead-learned.ts";
import { scoreLeadByRules, type LeadScore } from "./lead-rules.ts";
import type { SalesPolicy } from "./policy.ts";

/** The name the tenant's lead model is trained and stored under (`crm train lead`). */
export const LEAD_MODEL_NAME = "lead";

/**
 * Which engine scores this run's leads. `rules` carries why the learned model was not used
 * (null when the tenant chose rules), so the fallback is said in every score.
 */
export type LeadEngine =
  | { kind: "learned"; artifact: ModelArtifact; trainedRows: number }
  | { kind: "rules"; fallback: string | null };

/** A stored model as the active_score_model tool returns it. */
export interface StoredModel {
  artifact: unknown;
  trained_rows: number;
}

/**
 * Picks the engine: the tenant's active lead model if it exists, reads, was trained on at least
 * `learned_min_rows` rows and cross-validated to `learned_min_auc`; otherwise the rules, saying why.
 */
export function chooseLeadEngine(policy: SalesPolicy, stored: StoredModel | null): LeadEngine {
  if (policy.lead_engine === "rules") return { kind: "rules", fallback: null };
  const unavailable = (why: string) => ({
    kind: "rules" as const,
    fallback: `learned model unavailable: ${why}`,
  });
  if (!stored) return unavailable("no trained lead model");
  if (stored.trained_rows < policy.learned_min_rows)
    return unavailable(`trained on ${stored.trained_rows} rows < ${policy.learned_min_rows}`);
  let artifact: ModelArtifact;
  try {
    artifact = parseArtifactJson(stored.artifact);
  } catch {
    return unavailable("stored model does not read");
  }
  const auc = artifact.training.cvAuc;
  if (auc < policy.learned_min_auc)
    return unavailable(`cross-validated AUC ${auc.toFixed(2)} < ${policy.learned_min_auc}`);
  return { kind: "learned", artifact, trainedRows: stored.trained_rows };
}

/** Scores a lead with the chosen engine: one interface over rules and learned model. */
export function scoreLead(lead: LeadFacts, engine: LeadEngine, policy: SalesPolicy, asOf: Date): LeadScore {
  return engine.kind === "learned"
    ? scoreLeadLearned(lead, engine.artifact, policy)
    : scoreLeadByRules(lead, policy, asOf, engine.fallback ?? undefined);
}

import { parseArtifactJson, scoreRecord, type ModelArtifact } from "../scoring/index.ts";
import { responseRecord } from "../scoring/models/response-propensity.ts";
import { daysSince, type ResponseFacts } from "./facts.ts";
import { heuristicPropensity, type KindRates } from "./heuristic.ts";
import type { MarketingPolicy } from "./policy.ts";

/** The name the tenant's response model is trained and stored under (`crm train response-propensity`). */
export const RESPONSE_MODEL_NAME = "response-propensity";
/** How many of the learned model's largest contributions a score shows as reasons. */
const TOP_FACTORS = 4;

/** Which engine ranks this run's audiences; `heuristic` says why the learned model was not used. */
export type PropensityEngine =
  | { kind: "learned"; artifact: ModelArtifact; trainedRows: number }
  | { kind: "heuristic"; fallback: string | null; rates: KindRates };

/** A contact's response propensity for one campaign kind, with its reasons. */
export interface Propensity {
  probability: number;
  /** 0–100. */
  value: number;
  tier: "high" | "medium" | "low";
  reasons: { factor: string; contribution: number; evidence_ids: string[] }[];
  model_version: string;
}

/**
 * Picks the engine: the tenant's active response model if it exists, reads and was trained on
 * at least `learned_min_rows` rows; otherwise the heuristic over the tenant's response rates.
 */
export function chooseEngine(
  policy: MarketingPolicy,
  stored: { artifact: unknown; trained_rows: number } | null,
  rates: KindRates,
): PropensityEngine {
  if (policy.propensity_engine === "heuristic") return { kind: "heuristic", fallback: null, rates };
  const unavailable = (why: string) => ({
    kind: "heuristic" as const,
    fallback: `learned model unavailable: ${why}`,
    rates,
  });
  if (!stored) return unavailable(`no trained ${RESPONSE_MODEL_NAME} model`);
  if (stored.trained_rows < policy.learned_min_rows)
    return unavailable(`trained on ${stored.trained_rows} rows < ${policy.learned_min_rows}`);
  try {
    return {
      kind: "learned",
      artifact: parseArtifactJson(stored.artifact),
      trainedRows: stored.trained_rows,
    };
  } catch {
    return unavailable("stored model does not read");
  }
}

export const tierOf = (p: number): Propensity["tier"] => (p >= 0.25 ? "high" : p >= 0.1 ? "medium" : "low");
const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/** A contact's propensity to respond to a campaign of `kind`, by the run's engine. */
export function scorePropensity(
  engine: PropensityEngine,
  facts: ResponseFacts,
  kind: string,
  asOf: Date,
): Propensity {
  if (engine.kind === "heuristic") {
    return heuristicPropensity(
      engine.rates,
      facts,
      kind,
      daysSince(facts.last_engagement_at, asOf),
      engine.fallback,
    );
  }
  const scored = scoreRecord(engine.artifact, responseRecord(facts, kind));
  const evidence = [`contact:${facts.contact_id}`];
  return {
    probability: round(scored.probability, 5),
    value: round(100 * scored.probability, 1),
    tier: tierOf(scored.probability),
    reasons: scored.factors.slice(0, TOP_FACTORS).map((f) => ({
      factor: `${f.factor} (log-odds)`,
      contribution: round(f.contribution, 3),
      evidence_ids: evidence,
    })),
    model_version: engine.artifact.version,
  };
}

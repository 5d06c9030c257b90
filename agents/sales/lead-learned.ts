import { scoreRecord, type FeatureRecord, type ModelArtifact } from "../scoring/index.ts";
import type { LeadFacts } from "./facts.ts";
import type { LeadScore } from "./lead-rules.ts";
import type { SalesPolicy } from "./policy.ts";
import { leadTier, round } from "./tiers.ts";

/** How many of the largest factor contributions a learned score shows as reasons. */
export const LEARNED_TOP_FACTORS = 5;

/**
 * The record the lead model scores: the same columns and `fields.<key>` paths its training rows
 * were read with (agents/scoring/data/leads.ts), so a stored model applies to a live lead.
 */
export function leadRecord(lead: LeadFacts): FeatureRecord {
  const record: FeatureRecord = {
    source: lead.source,
    country: lead.country,
    title: lead.title,
    employees: lead.employees,
  };
  for (const [k, v] of Object.entries(lead.fields)) {
    if (v === null || ["string", "number", "boolean"].includes(typeof v))
      record[`fields.${k}`] = v as string | number | boolean | null;
  }
  return record;
}

/**
 * The learned score: the calibrated conversion probability as 0–100, with the largest non-zero
 * factor contributions (shifts of the model's log-odds against an average training lead) as reasons,
 * each backed by the lead's own record.
 */
export function scoreLeadLearned(lead: LeadFacts, artifact: ModelArtifact, policy: SalesPolicy): LeadScore {
  const scored = scoreRecord(artifact, leadRecord(lead));
  const value = round(100 * scored.probability, 1);
  return {
    value,
    tier: leadTier(value, policy.tiers),
    probability: round(scored.probability, 5),
    reasons: scored.factors
      .map((f) => ({
        factor: `${f.factor} (log-odds)`,
        contribution: round(f.contribution, 3),
        evidence_ids: [`lead:${lead.id}`],
      }))
      .filter((r) => r.contribution !== 0)
      .slice(0, LEARNED_TOP_FACTORS),
    model_version: artifact.version,
    engine: "learned",
  };
}

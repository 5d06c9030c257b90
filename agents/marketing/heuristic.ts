import type { ResponseFacts } from "./facts.ts";
import type { Propensity } from "./propensity.ts";

/** Names the heuristic in every score it writes. */
export const HEURISTIC_VERSION = "response-heuristic-v1";

/** The tenant's recorded touches and responses per campaign kind (marketing_response_rates). */
export type KindRates = Record<string, { touches: number; responses: number }>;

/** Pseudo-touches of the tenant-wide rate added to each kind's own (shrinks small kinds toward it). */
const PRIOR_WEIGHT = 20;

/**
 * The base rate of a campaign kind: its own response rate shrunk toward the tenant's overall rate,
 * (responses_k + 20 · overall) / (touches_k + 20), where overall = (responses + 1) / (touches + 10)
 * — 10 % for a tenant with no history at all.
 */
export function baseRate(rates: KindRates, kind: string): number {
  const all = Object.values(rates).reduce((s, r) => ({ t: s.t + r.touches, r: s.r + r.responses }), {
    t: 0,
    r: 0,
  });
  const overall = (all.r + 1) / (all.t + 10);
  const own = rates[kind] ?? { touches: 0, responses: 0 };
  return (own.responses + PRIOR_WEIGHT * overall) / (own.touches + PRIOR_WEIGHT);
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * The transparent fallback when no learned model is usable: the kind's base rate times a few
 * multipliers, each one a reason (its contribution in points of the 0–100 value):
 * responded before ×1.8; account engaged within 30 days ×1.3; no engagement for 180 days or
 * never ×0.7; three or more touches without a response ×0.8. Capped at 0.95.
 */
export function heuristicPropensity(
  rates: KindRates,
  facts: ResponseFacts,
  kind: string,
  daysSinceEngagement: number | null,
  fallback: string | null,
): Propensity {
  const contact = `contact:${facts.contact_id}`;
  const activity = facts.last_engagement_id ? [`activity:${facts.last_engagement_id}`] : [];
  const base = baseRate(rates, kind);
  const steps: { factor: string; times: number; evidence: string[] }[] = [];
  if (facts.prior_responses > 0)
    steps.push({
      factor: `responded to ${facts.prior_responses} earlier campaign(s)`,
      times: 1.8,
      evidence: [contact],
    });
  if (daysSinceEngagement !== null && daysSinceEngagement <= 30)
    steps.push({
      factor: `account engaged ${Math.floor(daysSinceEngagement)} days ago`,
      times: 1.3,
      evidence: activity,
    });
  else if (daysSinceEngagement === null || daysSinceEngagement > 180)
    steps.push({
      factor: daysSinceEngagement === null ? "account never engaged" : "account quiet for over 180 days",
      times: 0.7,
      evidence: daysSinceEngagement === null ? [] : activity,
    });
  if (facts.prior_touches >= 3 && facts.prior_responses === 0)
    steps.push({
      factor: `${facts.prior_touches} campaigns without a response`,
      times: 0.8,
      evidence: [contact],
    });
  let p = base;
  const reasons: Propensity["reasons"] = [
    {
      factor: `${kind} base response rate ${round(100 * base, 1)} %`,
      contribution: round(100 * base, 2),
      evidence_ids: [],
    },
  ];
  for (const s of steps) {
    const next = Math.min(0.95, p * s.times);
    reasons.push({
      factor: `${s.factor} (×${s.times})`,
      contribution: round(100 * (next - p), 2),
      evidence_ids: s.evidence,
    });
    p = next;
  }
  if (fallback) reasons.push({ factor: fallback, contribution: 0, evidence_ids: [] });
  return {
    probability: round(p, 5),
    value: round(100 * p, 1),
    tier: p >= 0.25 ? "high" : p >= 0.1 ? "medium" : "low",
    reasons,
    model_version: fallback ? `${HEURISTIC_VERSION} (${fallback})` : HEURISTIC_VERSION,
  };
}

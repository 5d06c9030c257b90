import type { ResponseFacts } from "../data/campaign-responses.ts";
import type { FeatureRecord } from "../features/spec.ts";
import type { ModelDefinition } from "./definition.ts";

/** A touch without a response this many days later counts as no response. */
export const RESPONSE_WINDOW_DAYS = 14;

const DAY_MS = 86_400_000;
const MAX_DAYS = 365;

/**
 * Campaign response propensity of a contact: P(responds | touched by a campaign of kind K). One
 * model for every campaign kind, with the kind as a feature, so "per campaign type" scores share
 * what the kinds have in common (a small tenant has few responses per kind). Scored for a planned
 * campaign by setting `campaign_kind` to its kind. Features come from `responseFactsAt`
 * (agents/scoring/data/campaign-responses.ts), cut at the touch in training and at the run's
 * as-of when scoring.
 */
export const RESPONSE_PROPENSITY_MODEL: ModelDefinition = {
  name: "response-propensity",
  entity: "contact",
  outcome: "responded",
  features: [
    { kind: "categorical", key: "campaign_kind", label: "campaign kind", minCount: 5 },
    { kind: "categorical", key: "role", label: "contact role", minCount: 10 },
    { kind: "categorical", key: "segment", label: "account segment", minCount: 10 },
    { kind: "numeric", key: "employees", label: "employees", transform: "log1p", missingIndicator: true },
    { kind: "numeric", key: "prior_touches", label: "earlier campaign touches", transform: "log1p" },
    { kind: "numeric", key: "prior_responses", label: "earlier campaign responses", transform: "log1p" },
    { kind: "numeric", key: "engagements_90d", label: "account engagements (90 days)", transform: "log1p" },
    {
      kind: "numeric",
      key: "days_since_engagement",
      label: "days since the account last engaged (at most 365)",
      transform: "log1p",
      missingIndicator: true,
    },
  ],
};

/** The feature record of a contact's facts for a campaign of `campaignKind` (training and scoring). */
export function responseRecord(facts: ResponseFacts, campaignKind: string): FeatureRecord {
  const cut = new Date(facts.cut).getTime();
  return {
    campaign_kind: campaignKind,
    role: facts.role,
    segment: facts.segment,
    employees: facts.employees,
    prior_touches: facts.prior_touches,
    prior_responses: facts.prior_responses,
    engagements_90d: facts.engagements_90d,
    // capped at a year: beyond it "long ago" is all the feature says, and a cap keeps a live value
    // from landing far outside what training saw
    days_since_engagement: facts.last_engagement_at
      ? Math.min(MAX_DAYS, Math.max(0, (cut - new Date(facts.last_engagement_at).getTime()) / DAY_MS))
      : null,
  };
}

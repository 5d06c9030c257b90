import { createHash } from "node:crypto";
import { daysBetween, type ActivityFact, type LeadFacts, type ScoreReason } from "./facts.ts";
import { DEFAULT_POLICY, type LeadPoints, type SalesPolicy } from "./policy.ts";
import { leadTier, type LeadTier } from "./tiers.ts";

/** The version of the points-table engine; a tenant's own table adds a hash of it. */
export const LEAD_RULES_VERSION = "lead-rules-v1";

/** A lead's score from either engine. */
export interface LeadScore {
  /** 0–100. */
  value: number;
  tier: LeadTier;
  /** Calibrated probability of conversion (learned engine only). */
  probability: number | null;
  reasons: ScoreReason[];
  model_version: string;
  engine: "rules" | "learned";
}

const MAX_EVIDENCE = 10;
const ref = (a: ActivityFact) => `activity:${a.id}`;

/**
 * The transparent rules score: every point comes from one row of the points table and is
 * shown as a reason with the activities (or the lead) behind it. Activities count when they fall
 * in the lookback window before `asOf`; only the lead's own (not outbound) activities count.
 * The total is capped at 100, and the cap is itself shown as a reason.
 */
export function scoreLeadByRules(lead: LeadFacts, policy: SalesPolicy, asOf: Date, note?: string): LeadScore {
  const p = policy.lead_points;
  const mine = lead.activities.filter((a) => {
    const age = daysBetween(a.occurred_at, asOf);
    return a.direction !== "outbound" && age >= 0 && age <= p.lookback_days;
  });
  const reasons: ScoreReason[] = [];
  const add = (factor: string, points: number, evidence: string[]) => {
    if (points > 0)
      reasons.push({ factor, contribution: points, evidence_ids: evidence.slice(0, MAX_EVIDENCE) });
  };
  const pricing = mine.filter((a) => a.kind === "pricing_page_view");
  if (pricing.length > 0)
    add(
      `viewed the pricing page (${pricing.length}× in ${p.lookback_days} days)`,
      p.pricing_page_view,
      pricing.map(ref),
    );
  const recent = mine.find((a) => daysBetween(a.occurred_at, asOf) * 24 <= p.recent_activity_hours);
  if (recent)
    add(`active in the last ${p.recent_activity_hours} h (${recent.kind})`, p.recent_activity, [ref(recent)]);
  const demos = mine.filter((a) => a.kind === "demo_request");
  if (demos.length > 0) add("requested a demo", p.demo_request, demos.map(ref));
  const employees = lead.employees ?? lead.account_employees;
  if (employees !== null && employees > p.company_size_min_employees) {
    const source = lead.employees !== null ? `lead:${lead.id}` : `account:${lead.account_id}`;
    add(`company over ${p.company_size_min_employees} employees (${employees})`, p.company_size, [source]);
  }
  const engaged = mine.filter((a) => a.kind !== "pricing_page_view" && a.kind !== "demo_request");
  const engagement = Math.min(p.engagement_cap, engaged.length * p.engagement);
  add(
    `${engaged.length} engagement${engaged.length === 1 ? "" : "s"} × ${p.engagement} (capped at ${p.engagement_cap})`,
    engagement,
    engaged.map(ref),
  );
  const total = reasons.reduce((s, r) => s + r.contribution, 0);
  if (total > 100)
    reasons.push({ factor: "score capped at 100", contribution: 100 - total, evidence_ids: [] });
  if (note) reasons.push({ factor: note, contribution: 0, evidence_ids: [] });
  const value = Math.min(100, total);
  const version = rulesVersion(p);
  return {
    value,
    tier: leadTier(value, policy.tiers),
    probability: null,
    reasons,
    model_version: note ? `${version} (${note})`.slice(0, 100) : version,
    engine: "rules",
  };
}

/** `lead-rules-v1`, or `lead-rules-v1+<hash>` for a tenant's own points table. */
export function rulesVersion(points: LeadPoints): string {
  const defaults = JSON.stringify(DEFAULT_POLICY.lead_points);
  const own = JSON.stringify(points);
  if (own === defaults) return LEAD_RULES_VERSION;
  return `${LEAD_RULES_VERSION}+${createHash("sha256").update(own).digest("hex").slice(0, 8)}`;
}

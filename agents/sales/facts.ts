/**
 * What the sales domain reasons over: plain JSON facts as the sales batch reads return them
 * (tools/reads/sales-*.ts). Times are ISO 8601 text, dates `YYYY-MM-DD`.
 */

/** One activity of a lead or a deal. */
export interface ActivityFact {
  id: string;
  kind: string;
  /** `inbound` (the prospect acted), `outbound` (the rep did) or null. */
  direction: string | null;
  subject: string | null;
  occurred_at: string;
}

/** An earlier draft the agent wrote about the entity, in another run. */
export interface RecentDraftFact {
  id: string;
  status: string;
  created_at: string;
}

/** An open lead with its recent activities (newest first). */
export interface LeadFacts {
  id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  company: string | null;
  title: string | null;
  employees: number | null;
  /** Employees of the linked account, when the lead has none of its own. */
  account_employees: number | null;
  country: string | null;
  source: string | null;
  status: string;
  owner_id: string | null;
  owner_name: string | null;
  account_id: string | null;
  do_not_contact: boolean;
  opted_out_at: string | null;
  fields: Record<string, unknown>;
  activities: ActivityFact[];
  recent_drafts: RecentDraftFact[];
}

/** A person on a deal, with consent. */
export interface DealContactFact {
  id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  title: string | null;
  role: string | null;
  deal_role: string | null;
  email_consent: boolean;
  opted_out_at: string | null;
}

/** An open deal with its people and latest activities (newest first). */
export interface DealFacts {
  id: string;
  name: string;
  account_id: string | null;
  account_name: string | null;
  owner_id: string | null;
  owner_name: string | null;
  stage: string;
  amount: number | null;
  currency: string;
  probability: number | null;
  expected_close: string | null;
  original_close: string | null;
  next_step: string | null;
  next_step_due: string | null;
  stage_entered_at: string;
  contacts: DealContactFact[];
  activities: (ActivityFact & { contact_id: string | null })[];
  recent_drafts: RecentDraftFact[];
}

/** The tenant's deal history, as sales_stage_norms returns it. */
export interface DealNorms {
  durations: { stage: string; samples: number; median_days: number; p75_days: number }[];
  outcomes: { stage: string; won: number; lost: number }[];
  won: { count: number; mean_amount: number | null };
}

/** One reason behind a score: the factor, its contribution and the evidence ids backing it. */
export interface ScoreReason {
  factor: string;
  contribution: number;
  evidence_ids: string[];
}

export const DAY_MS = 86_400_000;
/** Days from `from` to `to` (ISO text or Date). */
export const daysBetween = (from: string | Date, to: string | Date): number =>
  (new Date(to).getTime() - new Date(from).getTime()) / DAY_MS;
/** A person's display name from first and last name. */
export const personName = (p: { first_name: string | null; last_name: string | null }): string =>
  [p.first_name, p.last_name].filter(Boolean).join(" ") || "(no name)";

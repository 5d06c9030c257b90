import type { ResponseFacts } from "../scoring/data/campaign-responses.ts";

export type { ResponseFacts };

export const DAY_MS = 86_400_000;

/**
 * What segmentation knows about one account as of the run (the marketing_account_features tool):
 * plain JSON, instants as ISO 8601. "Engagement" is defined once, in
 * agents/scoring/data/campaign-responses.ts (ENGAGEMENT_KINDS): inbound activities, meetings,
 * visits, demo requests and form fills.
 */
export interface AccountFeatures {
  account_id: string;
  name: string;
  segment: string | null;
  plan: string | null;
  lifecycle_stage: string;
  mrr: number;
  seats_purchased: number | null;
  /** The latest engagement: an activity or a contact's campaign response, whichever is later. */
  last_engaged_at: string | null;
  /** Engagement activities in the RFM window. */
  engagements: number;
  /** Campaign responses of the account's contacts in the RFM window. */
  responses: number;
  /** Amount of deals won in the RFM window. */
  won_amount: number;
  /** Support tickets opened in the last 90 days. */
  tickets_90d: number;
  /** Active users in the latest month of usage, if any. */
  active_users: number | null;
}

/** One contact an audience may reach, with consent, recent drafts and the facts drafts cite. */
export interface AudienceContact {
  contact_id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  role: string | null;
  email_consent: boolean;
  opted_out_at: string | null;
  /**
   * Drafts to this contact by any agent, other runs only, not rejected or closed: those of the cap
   * window, and pending ones of any age (they can still go out).
   */
  recent_drafts: number;
  /** A draft of this campaign to this contact by an earlier run (not rejected or closed). */
  campaign_drafted: boolean;
  /** A marketing draft (any campaign) to this contact by an earlier run still waits for a person. */
  pending_drafted: boolean;
  account: {
    id: string;
    name: string;
    segment: string | null;
    plan: string | null;
    mrr: number;
    /** The account's stored segments (`rfm:<group>`, `cluster:<n>`). */
    segments: string[];
  };
  facts: ResponseFacts;
}

/** Days between an ISO instant and `asOf` (null stays null). */
export const daysSince = (at: string | null, asOf: Date): number | null =>
  at ? Math.max(0, (asOf.getTime() - new Date(at).getTime()) / DAY_MS) : null;

/** A person's name for a greeting and for PII masking. */
export const personName = (c: { first_name: string | null; last_name: string | null }): string =>
  [c.first_name, c.last_name].filter(Boolean).join(" ") || "there";

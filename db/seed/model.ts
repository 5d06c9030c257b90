/**
 * The generative model, as small pure functions. Every entity draws independent standard-normal
 * latent propensities; each latent drives both observable signals (usage, tickets, activities,
 * threads on a deal) and the entity's outcome, so the signals predict the outcome the way they do
 * in a real book — with noise, and without the outcome ever being written into a signal.
 *
 * Coefficients are on the logit scale unless stated. They were chosen for realistic base rates:
 * ~20 % churn at a renewal, ~25 % lead conversion, ~40 % win rate on closed deals, ~12 % campaign
 * response.
 */

export type Segment = "smb" | "mid-market" | "enterprise";

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
export const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** An account's latent propensities (each ~N(0, 1), independent). */
export interface AccountLatents {
  /** Product fit: seat utilisation, usage level and usage trend. */
  health: number;
  /** Support pain: ticket volume, severity, frustrated tone, low CSAT. */
  pain: number;
  /** Relationship strength: engagement volume and recency, campaign response. */
  bond: number;
}

/** Monthly log-growth of active users: an unhealthy account's usage falls month after month. */
export function usageDrift(health: number, noise: number): number {
  return 0.07 * health + 0.015 * noise;
}

/** Share of purchased seats assigned at the reference month (low seat use signals risk). */
export function seatUtilisation(health: number, noise: number): number {
  return clamp(sigmoid(0.9 + 0.9 * health + 0.3 * noise), 0.05, 1);
}

/** Share of assigned seats active in a month. */
export function activeShare(health: number): number {
  return clamp(sigmoid(0.6 + 0.6 * health), 0.1, 0.98);
}

const SEGMENT_TICKETS: Record<Segment, number> = { smb: 0.6, "mid-market": 1.3, enterprise: 2.6 };

/** Relative rate of support tickets; tickets are spread over a block's accounts by this weight. */
export function ticketWeight(pain: number, segment: Segment): number {
  return SEGMENT_TICKETS[segment] * Math.exp(0.8 * pain);
}

/** Probability that a ticket is high or critical priority. */
export function severeTicketProbability(pain: number): number {
  return sigmoid(-1.6 + 0.8 * pain);
}

/** Probability that a ticket is written in a frustrated tone. */
export function frustratedProbability(pain: number): number {
  return sigmoid(-1.2 + 1.2 * pain);
}

/** CSAT 1–5 after resolution: lower with pain, lower again after an SLA breach. */
export function csatScore(pain: number, breached: boolean, noise: number): number {
  return clamp(Math.round(4.2 - 0.6 * pain - (breached ? 0.8 : 0) + 0.7 * noise), 1, 5);
}

const SEGMENT_TOUCHES: Record<Segment, number> = { smb: 3, "mid-market": 5, enterprise: 8 };

/**
 * Expected account activities (emails, calls, meetings, notes, visits): `earlier` over the
 * account's window before the last 90 days, `recent` in the 90 days before the window ends.
 * A weak relationship goes quiet: few recent touches is a churn signal.
 */
export function engagementRates(bond: number, segment: Segment): { earlier: number; recent: number } {
  const base = SEGMENT_TOUCHES[segment];
  return { earlier: base * Math.exp(0.3 * bond), recent: 0.45 * base * Math.exp(0.9 * bond - 0.3) };
}

const SEGMENT_CHURN: Record<Segment, number> = { smb: 0.3, "mid-market": 0, enterprise: -0.5 };

/**
 * Probability that an account churns at a renewal. Falls with health (usage trend and seat use)
 * and relationship (recent engagement), rises with support pain, and is highest at the first
 * renewal (short tenure), easing with every further year.
 */
export function churnProbability(latents: AccountLatents, tenureYears: number, segment: Segment): number {
  const firstRenewal = tenureYears <= 1 ? 1 : 0;
  const loyalty = 0.15 * Math.min(Math.max(tenureYears - 1, 0), 4);
  return sigmoid(
    -1.9 -
      1.2 * latents.health +
      0.7 * latents.pain -
      0.8 * latents.bond +
      0.8 * firstRenewal -
      loyalty +
      SEGMENT_CHURN[segment],
  );
}

/** A lead's latent buying intent (~N(0, 1)) drives its engagement and its conversion. */
export interface LeadSignals {
  /** Expected pricing-page views. */
  pricingViews: number;
  /** Expected web visits. */
  webVisits: number;
  /** Probability of a demo request. */
  demoRequest: number;
  /** Probability of a form fill (content download, contact-us). */
  formFill: number;
  /** Probability the lead answers a rep's email. */
  reply: number;
  /** Exponent that pulls activity towards the end of the lead's window (recent engagement). */
  recency: number;
}

export function leadSignals(intent: number): LeadSignals {
  return {
    pricingViews: 0.4 * Math.exp(1.1 * intent),
    webVisits: 0.8 * Math.exp(0.4 * intent),
    demoRequest: sigmoid(-2.4 + 1.3 * intent),
    formFill: sigmoid(-1.0 + 0.5 * intent),
    reply: sigmoid(-1.2 + 0.9 * intent),
    recency: Math.exp(0.7 * intent),
  };
}

/** How much each lead source adds to the conversion logit. */
export const SOURCE_EFFECT: Record<string, number> = {
  referral: 0.6,
  partner: 0.4,
  event: 0.2,
  webinar: 0.1,
  website: 0,
  content: -0.2,
  paid_search: -0.2,
  outbound: -0.5,
};

/** Probability that a lead converts: intent, company size (log-scale) and source. */
export function conversionProbability(intent: number, employees: number, source: string): number {
  const size = Math.log10(Math.max(employees, 1) / 50);
  return sigmoid(-1.6 + 1.4 * intent + 0.35 * size + (SOURCE_EFFECT[source] ?? 0));
}

/** Probability that a deal stalls (long stage times, a slipped close date, a missing next step). */
export function stallProbability(quality: number): number {
  return sigmoid(-1.1 - 0.8 * quality);
}

/** Expected contacts beyond the first on a deal: better deals are multi-threaded. */
export function extraThreads(quality: number): number {
  return Math.exp(-0.25 + 0.5 * quality);
}

/** Probability that a deal is won: quality, multi-threading (up to 4 people), not stalled. */
export function winProbability(
  quality: number,
  threads: number,
  stalled: boolean,
  expansion: boolean,
): number {
  return sigmoid(
    -0.8 + 0.6 * quality + 0.55 * Math.min(threads - 1, 3) - 1.3 * (stalled ? 1 : 0) + (expansion ? 0.5 : 0),
  );
}

const CAMPAIGN_KIND_EFFECT: Record<string, number> = {
  webinar: 0.4,
  event: 0.3,
  content: 0,
  email: -0.2,
  ads: -0.4,
};

/** Probability that a touched person responds to a campaign. */
export function responseProbability(propensity: number, campaignQuality: number, kind: string): number {
  return sigmoid(-2.1 + 0.8 * propensity + campaignQuality + (CAMPAIGN_KIND_EFFECT[kind] ?? 0));
}

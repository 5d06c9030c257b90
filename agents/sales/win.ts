import type { DealSignals } from "./deal-signals.ts";
import type { DealFacts, DealNorms, ScoreReason } from "./facts.ts";
import { DEFAULT_STAGE_WIN, type SalesPolicy } from "./policy.ts";
import { round, winTier, type WinTier } from "./tiers.ts";

/** Win rates learned from the tenant's own closed deals, per stage reached. */
export const WIN_HISTORY_VERSION = "win-history-v1";
/** The fixed stage table, used when the tenant has too few closed deals through the stage. */
export const WIN_STAGE_VERSION = "win-stage-heuristic-v1";
/** Pseudo-deals of the stage table mixed into a tenant's rate (smoothing small counts). */
const PRIOR_WEIGHT = 5;

/** A deal's win probability with its reasons. */
export interface WinEstimate {
  probability: number;
  /** probability × 100, the stored score value. */
  value: number;
  tier: WinTier;
  reasons: ScoreReason[];
  model_version: string;
}

/**
 * P(win) of an open deal: the tenant's win rate of closed deals that reached the deal's stage
 * (smoothed towards the stage table) when at least `win_min_deals` did, else the stage table;
 * then one multiplier per risk signal (policy.win_adjustments). Each step is a reason in points.
 */
export function winProbability(
  deal: DealFacts,
  signals: DealSignals,
  norms: DealNorms,
  policy: SalesPolicy,
): WinEstimate {
  const dealRef = `deal:${deal.id}`;
  const prior = DEFAULT_STAGE_WIN[deal.stage] ?? deal.probability ?? 0.2;
  const seen = norms.outcomes.find((o) => o.stage === deal.stage);
  const reached = seen ? seen.won + seen.lost : 0;
  const learned = seen !== undefined && reached >= policy.win_min_deals;
  let p = learned ? (seen.won + PRIOR_WEIGHT * prior) / (reached + PRIOR_WEIGHT) : prior;
  const reasons: ScoreReason[] = [
    {
      factor: learned
        ? `stage ${deal.stage}: ${seen.won} of ${reached} closed deals that reached it were won`
        : `stage ${deal.stage}: stage-table rate (${reached} closed deals reached it, < ${policy.win_min_deals})`,
      contribution: round(100 * p),
      evidence_ids: [dealRef],
    },
  ];
  const adjust = (on: boolean, factor: string, multiplier: number, evidence: string[]) => {
    if (!on || multiplier === 1) return;
    const next = p * multiplier;
    reasons.push({ factor, contribution: round(100 * (next - p)), evidence_ids: evidence });
    p = next;
  };
  const a = policy.win_adjustments;
  adjust(signals.stagnating, stagnationText(signals), a.stagnating, [dealRef]);
  adjust(signals.slipped !== null, slipText(deal, signals), a.slipped, [dealRef]);
  adjust(
    signals.singleThreaded,
    `single-threaded (${deal.contacts.length} contact${deal.contacts.length === 1 ? "" : "s"})`,
    a.single_threaded,
    [dealRef, ...deal.contacts.map((c) => `contact:${c.id}`)],
  );
  adjust(
    signals.missingNextStep !== null,
    signals.missingNextStep === "none" ? "no next step" : `next step overdue since ${deal.next_step_due}`,
    a.missing_next_step,
    [dealRef],
  );
  const probability = round(Math.min(1, Math.max(0, p)), 5);
  return {
    probability,
    value: round(100 * probability, 1),
    tier: winTier(probability),
    reasons,
    model_version: learned ? WIN_HISTORY_VERSION : WIN_STAGE_VERSION,
  };
}

/** "45 days in proposal (tenant p75 20 days, median 12)". */
export function stagnationText(s: DealSignals): string {
  const norm =
    s.norm.source === "tenant"
      ? `tenant p75 ${s.norm.thresholdDays} days, median ${s.norm.medianDays}`
      : `default ${s.norm.thresholdDays} days: ${s.norm.samples} completed stays, too few for a tenant norm`;
  return `${Math.floor(s.daysInStage)} days in stage (${norm})`;
}

/** "close date slipped from 2026-11-10 to 2026-12-20" or "close date 2026-10-30 passed". */
export function slipText(deal: DealFacts, s: DealSignals): string {
  return s.slipped === "past"
    ? `expected close ${deal.expected_close} has passed while the deal is open`
    : `close date slipped from ${deal.original_close} to ${deal.expected_close}`;
}

import type { DealSignals } from "./deal-signals.ts";
import type { DealFacts, LeadFacts } from "./facts.ts";
import type { LeadScore } from "./lead-rules.ts";
import { round } from "./tiers.ts";
import type { WinEstimate } from "./win.ts";

/** A scored lead the agent acts on (tasks, drafts). */
export interface LeadFinding {
  lead: LeadFacts;
  score: LeadScore;
  /** Expected value of working the lead: P(convert) (or score/100 for rules) × a deal's value. */
  expectedValue: number;
}

/** A reviewed deal the agent acts on. */
export interface DealFinding {
  deal: DealFacts;
  signals: DealSignals;
  win: WinEstimate;
  /** amount × P(win). */
  expectedValue: number;
}

/** P(convert) × deal value; a rules score counts as score/100 (labelled an estimate in task reasons). */
export function leadExpectedValue(score: LeadScore, dealValue: number): number {
  return round((score.probability ?? score.value / 100) * dealValue);
}

/** The value a converted lead is worth: the tenant's mean won amount (≥ 5 won deals) or the policy's. */
export function leadDealValue(won: { count: number; mean_amount: number | null }, fallback: number): number {
  return won.count >= 5 && won.mean_amount !== null ? round(won.mean_amount) : fallback;
}

/** Every evidence id of a set of reasons, once each, at most `max`. */
export function evidenceOf(reasons: { evidence_ids: string[] }[], max = 50): string[] {
  return [...new Set(reasons.flatMap((r) => r.evidence_ids))].slice(0, max);
}

import { daysSince, type AccountFeatures } from "./facts.ts";
import type { RfmSegment } from "./goals.ts";

/** Names the RFM definition below; stored as the version of the `rfm:*` segments. */
export const RFM_VERSION = "rfm-v1";

/**
 * RFM of one account, over the RFM window (default 365 days) before the run's as-of:
 * - **recency**: days since the account last engaged (an engagement activity or a contact's
 *   campaign response); null when it never did (scores lowest);
 * - **frequency**: engagement activities + campaign responses in the window;
 * - **monetary**: recurring revenue plus one-off wins: 12 × MRR + amount of deals won in the window.
 */
export interface RfmValues {
  recencyDays: number | null;
  frequency: number;
  monetary: number;
}

/** An account's RFM values, its 1–5 scores (quintiles within the tenant's book) and its group. */
export interface RfmResult extends RfmValues {
  account_id: string;
  r: number;
  f: number;
  m: number;
  segment: RfmSegment;
}

/** What each RFM group means, as stored with the segment. */
export const RFM_DESCRIPTIONS: Record<RfmSegment, string> = {
  champions: "engaged recently and often, and among the most valuable (R ≥ 4, (F+M)/2 ≥ 4)",
  loyal: "steady engagement and value (R ≥ 3, (F+M)/2 ≥ 3)",
  promising: "engaged recently, low engagement and value so far (R ≥ 4, (F+M)/2 < 3)",
  needs_attention: "middling recency, low engagement and value (R = 3, (F+M)/2 < 3)",
  at_risk: "valuable, but gone quiet (R ≤ 2, (F+M)/2 ≥ 3)",
  hibernating: "quiet and of low value (R ≤ 2, (F+M)/2 < 3)",
};

export function rfmValues(a: AccountFeatures, asOf: Date): RfmValues {
  return {
    recencyDays: daysSince(a.last_engaged_at, asOf),
    frequency: a.engagements + a.responses,
    monetary: 12 * a.mrr + a.won_amount,
  };
}

/**
 * 1–5 scores by quintile of mid-rank percentile: p = (values below + ½ values equal) / n, score =
 * 1 + ⌊5p⌋ (capped at 5). Equal values always get equal scores; higher values score higher.
 */
export function quintileScores(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const n = values.length;
  const lower = (x: number) => {
    let [lo, hi] = [0, n];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const upper = (x: number) => {
    let [lo, hi] = [0, n];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return values.map((x) => {
    const below = lower(x);
    const p = (below + (upper(x) - below) / 2) / n;
    return Math.min(5, 1 + Math.floor(5 * p));
  });
}

/** The group of an account's scores; the rules are read top to bottom, the first match wins. */
export function rfmSegment(r: number, f: number, m: number): RfmSegment {
  const fm = (f + m) / 2;
  if (r >= 4 && fm >= 4) return "champions";
  if (r >= 3 && fm >= 3) return "loyal";
  if (r >= 4) return "promising";
  if (r <= 2 && fm >= 3) return "at_risk";
  if (r <= 2) return "hibernating";
  return "needs_attention";
}

/** RFM of every account of a book, scored against each other. */
export function scoreRfm(accounts: readonly AccountFeatures[], asOf: Date): RfmResult[] {
  const values = accounts.map((a) => rfmValues(a, asOf));
  // more recent is better: score minus the days; never engaged ranks below everyone
  const r = quintileScores(values.map((v) => (v.recencyDays === null ? -Infinity : -v.recencyDays)));
  const f = quintileScores(values.map((v) => v.frequency));
  const m = quintileScores(values.map((v) => v.monetary));
  return accounts.map((a, i) => ({
    account_id: a.account_id,
    ...values[i]!,
    r: r[i]!,
    f: f[i]!,
    m: m[i]!,
    segment: rfmSegment(r[i]!, f[i]!, m[i]!),
  }));
}

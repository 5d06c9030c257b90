import { daysSince, type AccountFeatures } from "./facts.ts";

/** One behavioural feature of the clustering, with the words its high and low ends read as. */
export interface BehaviourFeature {
  key: "inactive_days" | "engagement" | "mrr" | "support_load" | "seat_use";
  /** What the raw mean is, in a description: "days since engagement". */
  unit: string;
  high: string;
  low: string;
  /** Clustering uses log(1 + x) of skewed counts and amounts. */
  log: boolean;
}

/**
 * The features accounts are clustered on: how long since they engaged, how much they engage,
 * what they pay, how much support they need, and how much of what they bought they use.
 */
export const BEHAVIOUR_FEATURES: readonly BehaviourFeature[] = [
  {
    key: "inactive_days",
    unit: "days since engagement",
    high: "long inactive",
    low: "recently active",
    log: true,
  },
  {
    key: "engagement",
    unit: "engagements a year",
    high: "highly engaged",
    low: "little engagement",
    log: true,
  },
  { key: "mrr", unit: "MRR", high: "high-MRR", low: "low-MRR", log: true },
  {
    key: "support_load",
    unit: "tickets in 90 days",
    high: "heavy support load",
    low: "low support load",
    log: true,
  },
  { key: "seat_use", unit: "active users per seat", high: "high seat use", low: "low seat use", log: false },
];

/** Raw feature values of every account (rows) in BEHAVIOUR_FEATURES order (columns). */
export function behaviourMatrix(
  accounts: readonly AccountFeatures[],
  asOf: Date,
  windowDays: number,
): number[][] {
  const seatUse = accounts.map((a) =>
    a.active_users !== null && a.seats_purchased ? Math.min(2, a.active_users / a.seats_purchased) : null,
  );
  const known = seatUse.filter((x): x is number => x !== null);
  // unknown seat use (no usage rows, no seats) is imputed with the book's mean: it says nothing
  const fill = known.length ? known.reduce((s, x) => s + x, 0) / known.length : 0;
  return accounts.map((a, i) => [
    // never engaged counts as twice the window: further out than anyone who did
    Math.min(daysSince(a.last_engaged_at, asOf) ?? 2 * windowDays, 2 * windowDays),
    a.engagements + a.responses,
    a.mrr,
    a.tickets_90d,
    seatUse[i] ?? fill,
  ]);
}

/** Mean and standard deviation per column of the transformed matrix. */
export interface Scaler {
  mean: number[];
  sd: number[];
}

const transform = (row: readonly number[]) =>
  row.map((x, j) => (BEHAVIOUR_FEATURES[j]!.log ? Math.log1p(Math.max(0, x)) : x));

/** Transformed and standardised (z-scores) rows, and the scaler used; a constant column becomes 0. */
export function standardise(raw: readonly number[][]): { z: number[][]; scaler: Scaler } {
  const t = raw.map(transform);
  const d = BEHAVIOUR_FEATURES.length;
  const n = Math.max(1, t.length);
  const mean = Array.from({ length: d }, (_, j) => t.reduce((s, r) => s + r[j]!, 0) / n);
  const sd = Array.from({ length: d }, (_, j) =>
    Math.sqrt(t.reduce((s, r) => s + (r[j]! - mean[j]!) ** 2, 0) / n),
  );
  const z = t.map((r) => r.map((x, j) => (sd[j]! > 1e-12 ? (x - mean[j]!) / sd[j]! : 0)));
  return { z, scaler: { mean, sd } };
}

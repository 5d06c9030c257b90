import type { AccountSignals } from "../scoring/data/account-signals.ts";
import { signalMetrics, type SignalMetrics } from "../scoring/models/churn-signals.ts";
import { healthDrivers, type DriverResult } from "./drivers.ts";
import { healthTier, normalisedWeights, type CsPolicy } from "./policy.ts";

/** A reason as record_score stores it. */
export interface ScoreReason {
  factor: string;
  contribution: number;
  evidence_ids: string[];
}

/** How health moved since the account's previous health score. */
export interface HealthTrend {
  previous: number;
  previousAt: string;
  delta: number;
  direction: "up" | "down" | "flat";
}

/** An account's health: value 0–100 = 50 + Σ driver contributions, tier, reasons, trend. */
export interface HealthScore {
  value: number;
  tier: "healthy" | "watch" | "at_risk";
  drivers: (DriverResult & { contribution: number })[];
  reasons: ScoreReason[];
  trend: HealthTrend | null;
  metrics: SignalMetrics;
}

/** The policy version recorded as the health score's model_version. */
export const HEALTH_MODEL_VERSION = "cs-health-v1";
const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Scores an account's health. Each driver contributes weight × (score − 0.5), weights scaled to
 * sum to 100, so a driver with no data adds 0 and the value stays within 0–100. The trend compares
 * with the previous health score (from `history`, newest first) and is a reason of its own with
 * contribution 0: it explains the score's movement, it is not part of the sum.
 */
export function scoreHealth(
  s: AccountSignals,
  history: readonly { value: number; created_at: string }[],
  policy: CsPolicy,
): HealthScore {
  const metrics = signalMetrics(s);
  const w = normalisedWeights(policy);
  const drivers = healthDrivers(s, metrics, policy).map((d) => ({
    ...d,
    contribution: round2(w[d.driver] * ((d.score ?? 0.5) - 0.5)),
  }));
  const value = round2(Math.min(100, Math.max(0, 50 + drivers.reduce((a, d) => a + d.contribution, 0))));
  const trend = trendOf(value, history[0], policy.trendFlatBand);
  const reasons: ScoreReason[] = drivers.map((d) => ({
    factor: `${d.driver}: ${d.detail}`.slice(0, 200),
    contribution: d.contribution,
    evidence_ids: d.evidence.slice(0, 50),
  }));
  reasons.push({ factor: trendFactor(trend), contribution: 0, evidence_ids: [] });
  return { value, tier: healthTier(policy, value), drivers, reasons, trend, metrics };
}

function trendOf(
  value: number,
  previous: { value: number; created_at: string } | undefined,
  flatBand: number,
): HealthTrend | null {
  if (!previous) return null;
  const delta = round2(value - previous.value);
  const direction = Math.abs(delta) < flatBand ? "flat" : delta > 0 ? "up" : "down";
  return { previous: previous.value, previousAt: previous.created_at, delta, direction };
}

/** The trend reason's text, e.g. "trend: down 12.4 since 2026-10-20 (68 → 55.6)". */
export function trendFactor(t: HealthTrend | null): string {
  if (!t) return "trend: first health score (no earlier one to compare)";
  const by =
    t.direction === "flat"
      ? `flat (${t.delta >= 0 ? "+" : ""}${t.delta})`
      : `${t.direction} ${Math.abs(t.delta)}`;
  return `trend: ${by} since ${t.previousAt.slice(0, 10)} (${t.previous} → ${round2(t.previous + t.delta)})`;
}

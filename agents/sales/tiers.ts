import type { SalesPolicy } from "./policy.ts";

/** Lead tiers: hot ≥ 70, warm 40–69, cold < 40 (the tenant may move the bounds). */
export type LeadTier = "hot" | "warm" | "cold";

export function leadTier(value: number, tiers: SalesPolicy["tiers"]): LeadTier {
  return value >= tiers.hot ? "hot" : value >= tiers.warm ? "warm" : "cold";
}

/** Forecast categories of a deal by win probability: commit ≥ 0.7, best case ≥ 0.4, else pipeline. */
export type WinTier = "commit" | "best_case" | "pipeline";

export function winTier(probability: number): WinTier {
  return probability >= 0.7 ? "commit" : probability >= 0.4 ? "best_case" : "pipeline";
}

/** A number rounded to `digits` decimals (scores and money are shown, not computed further). */
export const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

import { z } from "zod";
import { CsPolicyError } from "./errors.ts";

/** The health drivers, in the order reasons list them. */
export const DRIVERS = [
  "usage_trend",
  "seat_use",
  "support_load",
  "support_sentiment",
  "commercial",
  "engagement",
  "tenure",
] as const;
export type DriverName = (typeof DRIVERS)[number];

const num = (fallback: number, describe: string) => z.number().finite().default(fallback).describe(describe);
const share = (fallback: number, describe: string) => num(fallback, describe).pipe(z.number().min(0).max(1));
const days = (fallback: number, describe: string) =>
  z.number().int().min(0).max(3650).default(fallback).describe(describe);
/** A linear ramp: the driver scores 0 at `worst` and 1 at `best` (either may be the larger). */
const ramp = (worst: number, best: number) =>
  z
    .object({ worst: num(worst, "metric value scoring 0"), best: num(best, "metric value scoring 1") })
    .strict()
    .refine((r) => r.worst !== r.best, "worst and best must differ")
    .prefault({});
const weight = (fallback: number) => z.number().min(0).max(1000).default(fallback);

/**
 * The customer-success policy: every weight, threshold and window the agent uses, with its
 * default. A tenant overrides any part in `tenants.settings.cs` (validated here; unknown keys are
 * errors, so a typo does not silently fall back to a default).
 */
export const csPolicySchema = z
  .object({
    /** Relative driver weights; scaled to sum to 100 (a driver moves health by ± half its weight). */
    weights: z
      .object(Object.fromEntries(DRIVERS.map((d, i) => [d, weight([25, 20, 12, 8, 10, 15, 10][i]!)])))
      .strict()
      .refine((w) => Object.values(w).some((x) => (x as number) > 0), "at least one weight must be above 0")
      .prefault({}),
    /** Tiers by health value: healthy ≥ healthy, watch ≥ watch, at_risk below. */
    tiers: z
      .object({ healthy: num(70, "lowest healthy value"), watch: num(40, "lowest watch value") })
      .strict()
      .refine((t) => t.healthy > t.watch, "healthy must be above watch")
      .prefault({}),
    /** Where each driver's metric scores 0 and 1. */
    ramps: z
      .object({
        usage_change_pct: ramp(-30, 10),
        seat_use: ramp(0.4, 0.85),
        support_load: ramp(6, 0),
        csat: ramp(2, 4.5),
        commercial: ramp(-2, 2),
        days_since_activity: ramp(90, 14),
        tenure_months: ramp(6, 36),
      })
      .strict()
      .prefault({}),
    /** Health changes smaller than this (points) read as a flat trend. */
    trendFlatBand: num(3, "flat band in points"),
    /**
     * Churn: the tenant's active `model` is used when it saw `minTrainingRows` outcomes with
     * `minPositives` churns and cross-validated at `minCvAuc`; otherwise the heuristic
     * p = σ(heuristicIntercept + heuristicPerPoint × (50 − health)). Why 200 / 40: the seeded
     * demo book (97 decided renewals, 20 churns) cross-validates at 0.66 ± 0.12 — too unsteady.
     */
    churn: z
      .object({
        model: z.string().min(1).default("churn-signals"),
        minTrainingRows: z.number().int().min(0).default(200),
        minPositives: z.number().int().min(0).default(40),
        minCvAuc: share(0.6, "lowest cross-validated AUC a learned model must have"),
        atRiskProbability: share(0.5, "churn probability that makes an account at risk"),
        highTier: share(0.5, "lowest probability of the high tier"),
        mediumTier: share(0.25, "lowest probability of the medium tier"),
        heuristicIntercept: num(-1.4, "fallback logit at health 50"),
        heuristicPerPoint: num(0.06, "fallback logit per health point below 50"),
      })
      .strict()
      .prefault({}),
    interventions: z
      .object({
        checkInQuietDays: days(45, "days without activity that call for a check-in"),
        checkInUsageDropPct: num(-20, "usage change (%) that calls for a check-in"),
        qbrSegments: z.array(z.string()).default(["mid-market", "enterprise"]),
        qbrIntervalDays: days(90, "days without a meeting before a QBR is due"),
        renewalLeadDays: days(90, "renewal preparation starts this many days before renewal"),
        renewalDueDaysBefore: days(30, "renewal preparation is due this many days before renewal"),
        execSponsorRoles: z.array(z.string()).default(["executive", "decision_maker"]),
        expansionSeatUse: share(0.9, "seat use that signals expansion"),
        expansionUpliftShare: share(0.2, "expected ARR uplift of an expansion"),
        escalationTicketDays: days(30, "open tickets this recent escalate on an at-risk account"),
      })
      .strict()
      .prefault({}),
    drafts: z
      .object({
        cooldownDays: days(14, "no new draft while the account had one this recently"),
        maxPerRun: z.number().int().min(0).max(1000).default(25),
      })
      .strict()
      .prefault({}),
    /** Accounts per batch (one read, then scoring, tasks and drafts for the batch). */
    pageSize: z.number().int().min(1).max(500).default(200),
  })
  .strict();

export type CsPolicy = z.output<typeof csPolicySchema>;
export type CsPolicyInput = z.input<typeof csPolicySchema>;

/** The policy from a tenant's `settings.cs` (null or absent: the defaults). */
export function parseCsPolicy(settings: unknown): CsPolicy {
  const parsed = csPolicySchema.safeParse(settings ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = ["cs", ...issue.path.map(String)].join(".");
  throw new CsPolicyError(path, issue.message);
}

/** Driver weights scaled to sum to 100. */
export function normalisedWeights(policy: CsPolicy): Record<DriverName, number> {
  const w = policy.weights as Record<DriverName, number>;
  const total = DRIVERS.reduce((s, d) => s + w[d], 0);
  return Object.fromEntries(DRIVERS.map((d) => [d, (100 * w[d]) / total])) as Record<DriverName, number>;
}

/** The tier of a health value. */
export function healthTier(policy: CsPolicy, value: number): "healthy" | "watch" | "at_risk" {
  return value >= policy.tiers.healthy ? "healthy" : value >= policy.tiers.watch ? "watch" : "at_risk";
}

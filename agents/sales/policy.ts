import { z } from "zod";
import { SalesSettingsError } from "./errors.ts";

const points = (fallback: number, what: string) =>
  z.number().min(0).max(100).default(fallback).describe(`Points for ${what}.`);

/** The rules engine's points table; every entry can be changed per tenant (settings.sales.lead_points). */
export const leadPointsSchema = z
  .object({
    pricing_page_view: points(30, "a pricing-page view in the lookback window"),
    recent_activity: points(20, "any activity by the lead in the last `recent_activity_hours`"),
    recent_activity_hours: z.number().positive().max(720).default(24).describe("What 'recent' means, hours."),
    demo_request: points(15, "a demo request in the lookback window"),
    company_size: points(10, "a company with more than `company_size_min_employees` employees"),
    company_size_min_employees: z.number().int().min(0).default(50).describe("Employees to exceed."),
    engagement: points(5, "each other inbound engagement (visit, form, reply, meeting)"),
    engagement_cap: points(25, "all engagements together, at most"),
    lookback_days: z.number().int().min(1).max(365).default(30).describe("Days of activity scored."),
  })
  .strict();
export type LeadPoints = z.infer<typeof leadPointsSchema>;

/** Default win probability by stage: the stage-based heuristic when the tenant has too little history. */
export const DEFAULT_STAGE_WIN: Readonly<Record<string, number>> = {
  prospecting: 0.1,
  discovery: 0.2,
  demo: 0.35,
  proposal: 0.55,
  negotiation: 0.75,
};

/** Win-probability multipliers for a deal's risk signals (1 = no effect). */
const winAdjustmentsSchema = z
  .object({
    stagnating: z.number().min(0).max(1).default(0.6),
    slipped: z.number().min(0).max(1).default(0.8),
    single_threaded: z.number().min(0).max(1).default(0.8),
    missing_next_step: z.number().min(0).max(1).default(0.9),
  })
  .strict();

/**
 * Everything the sales agent decides by, with defaults; a tenant overrides any part in
 * `tenants.settings.sales` (unknown keys are refused, so a typo is an error, not a silent default).
 */
export const salesSettingsSchema = z
  .object({
    lead_points: leadPointsSchema.prefault({}),
    /** Lead tiers: hot at or above `hot`, warm at or above `warm`, else cold. */
    tiers: z
      .object({ hot: z.number().default(70), warm: z.number().default(40) })
      .strict()
      .prefault({}),
    /** `auto`: the learned lead model when usable, else rules; `rules`: always the points table. */
    lead_engine: z.enum(["auto", "rules"]).default("auto"),
    /** The learned lead model is used only if trained on at least this many rows. */
    learned_min_rows: z.number().int().min(1).default(200),
    /** …and only if its cross-validated ROC AUC reached this (a model no better than chance is not used). */
    learned_min_auc: z.number().min(0).max(1).default(0.6),
    /** A stage's tenant norm needs this many completed stays; below it `stagnation_default_days` applies. */
    norm_min_samples: z.number().int().min(1).default(10),
    /** Days in a stage beyond which a deal stagnates when the tenant has no norm for the stage. */
    stagnation_default_days: z.number().positive().default(30),
    /** A deal stagnates past this multiple of its stage's p75 days. */
    stagnation_factor: z.number().positive().default(1),
    /** Closed deals through a stage needed to use the tenant's own win rate for it. */
    win_min_deals: z.number().int().min(1).default(20),
    win_adjustments: winAdjustmentsSchema.prefault({}),
    /** Deal value assumed for a lead when the tenant has fewer than 5 won deals. */
    lead_deal_value: z.number().min(0).default(25_000),
    /** Drafts written per run at most (highest expected value first); the rest wait for the next run. */
    max_drafts_per_run: z.number().int().min(0).max(50).default(10),
    /** No new draft about an entity the agent drafted for within this many days (in another run). */
    draft_cooldown_days: z.number().min(0).default(7),
    /** Leads or deals per batch read: a run over a whole book works through it page by page. */
    page_size: z.number().int().min(1).max(1000).default(200),
  })
  .strict();

/** The resolved sales policy of one tenant. */
export type SalesPolicy = z.infer<typeof salesSettingsSchema>;

/** The default policy (no tenant settings). */
export const DEFAULT_POLICY: SalesPolicy = salesSettingsSchema.parse({});

/**
 * A tenant's sales policy from its stored settings (null → defaults). Throws
 * SALES_SETTINGS_INVALID naming the first bad field, e.g. `lead_points.pricing_page_view`.
 */
export function resolveSalesPolicy(stored: unknown): SalesPolicy {
  const parsed = salesSettingsSchema.safeParse(stored ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
  const path = [...issue.path, ...keys.slice(0, 1)].map(String).join(".");
  throw new SalesSettingsError(path || "(root)", issue.message);
}

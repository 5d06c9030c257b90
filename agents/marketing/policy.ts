import { z } from "zod";
import { MarketingSettingsError } from "./errors.ts";
import { goalSchema } from "./goals.ts";

/**
 * Everything the marketing agent decides by, with defaults; a tenant overrides any part in
 * `tenants.settings.marketing` (unknown keys are refused, so a typo is an error, not a default).
 */
export const marketingSettingsSchema = z
  .object({
    /**
     * No contact gets more than `max_drafts` drafts (of any agent, not rejected) within
     * `window_days`; this run's own drafts count too.
     */
    frequency_cap: z
      .object({
        max_drafts: z.number().int().min(0).max(50).default(2),
        window_days: z.number().int().min(1).max(90).default(7),
      })
      .strict()
      .prefault({}),
    /** Drafts per audience per run at most (highest propensity first); the rest stay ranked, undrafted. */
    max_drafts_per_audience: z.number().int().min(0).max(200).default(10),
    /** `auto`: the learned response model when usable, else the heuristic; `heuristic`: always the heuristic. */
    propensity_engine: z.enum(["auto", "heuristic"]).default("auto"),
    /** The learned response model is used only if trained on at least this many rows. */
    learned_min_rows: z.number().int().min(1).default(100),
    /** Days of history recency, frequency and monetary value look at. */
    rfm_window_days: z.number().int().min(30).max(1095).default(365),
    /** Behavioural clusters: k is chosen in [k_min, k_max] by silhouette, on up to `sample` accounts. */
    clusters: z
      .object({
        k_min: z.number().int().min(2).max(12).default(2),
        k_max: z.number().int().min(2).max(12).default(6),
        seed: z.number().int().default(42),
        sample: z.number().int().min(50).max(10_000).default(2_000),
      })
      .strict()
      .refine((c) => c.k_min <= c.k_max, { message: "k_min must not exceed k_max" })
      .prefault({}),
    /** Attribution: won deals closed in the last `lookback_days`, touches up to `touch_window_days` before. */
    attribution: z
      .object({
        lookback_days: z.number().int().min(1).max(3650).default(365),
        touch_window_days: z.number().int().min(1).max(1095).default(180),
      })
      .strict()
      .prefault({}),
    /** The goals of a run on the whole book (default: DEFAULT_GOALS). */
    default_goals: z.array(goalSchema).min(1).max(5).optional(),
  })
  .strict();

/** The resolved marketing policy of one tenant. */
export type MarketingPolicy = z.infer<typeof marketingSettingsSchema>;

/** The tenant's policy from its stored settings (null → defaults); a bad setting names its path. */
export function resolveMarketingPolicy(raw: unknown): MarketingPolicy {
  const parsed = marketingSettingsSchema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new MarketingSettingsError(issue.path.join(".") || "(root)", issue.message);
}

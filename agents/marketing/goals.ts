import { createHash } from "node:crypto";
import { z } from "zod";

/** Campaign kinds the store records (campaigns.kind) and a propensity is scored for. */
export const CAMPAIGN_KINDS = ["email", "webinar", "event", "content", "ads"] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];
/** Account segments (accounts.segment). */
export const ACCOUNT_SEGMENTS = ["smb", "mid-market", "enterprise"] as const;
/** Lifecycle stages (accounts.lifecycle_stage). */
export const LIFECYCLE_STAGES = ["prospect", "onboarding", "customer", "churned"] as const;
/** Contact roles (contacts.role). */
export const CONTACT_ROLES = [
  "executive",
  "decision_maker",
  "champion",
  "user",
  "billing",
  "technical",
  "other",
] as const;
/** The RFM groups (agents/marketing/rfm.ts), stored as segments `rfm:<name>`. */
export const RFM_SEGMENTS = [
  "champions",
  "loyal",
  "promising",
  "needs_attention",
  "at_risk",
  "hibernating",
] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

/** `mid_market`, `Mid Market` and `mid-market` all name the same segment. */
const segmentName = z.preprocess(
  (v) =>
    typeof v === "string"
      ? v
          .trim()
          .toLowerCase()
          .replace(/[\s_]+/g, "-")
      : v,
  z.enum(ACCOUNT_SEGMENTS),
);

/**
 * A campaign goal as a person (or the CLI) states it: free text, structured fields, or both.
 * Structured fields map to an audience by transparent rules (audience-spec.ts); free text goes to
 * the LLM when one is configured and to a keyword reading offline. Fields given win over text.
 */
export const goalSchema = z
  .object({
    name: z.string().min(1).max(120).optional().describe("A short name for the campaign."),
    text: z.string().min(1).max(500).optional().describe("The goal in words."),
    segment: segmentName.optional().describe("Account segment: smb, mid-market or enterprise."),
    lifecycle_stage: z.enum(LIFECYCLE_STAGES).optional().describe("Account lifecycle stage."),
    dormant_days: z.number().int().min(1).max(1095).optional().describe("No engagement in this many days."),
    min_mrr: z.number().min(0).optional().describe("MRR at least this."),
    max_mrr: z.number().min(0).optional().describe("MRR at most this."),
    industry: z.string().min(1).max(80).optional().describe("Account industry (exact)."),
    region: z.string().min(1).max(80).optional().describe("Account region (exact)."),
    plan: z.string().min(1).max(80).optional().describe("Account plan (exact)."),
    rfm_segments: z.array(z.enum(RFM_SEGMENTS)).min(1).max(6).optional().describe("RFM groups."),
    roles: z.array(z.enum(CONTACT_ROLES)).min(1).max(7).optional().describe("Contact roles to write to."),
    campaign_kind: z.enum(CAMPAIGN_KINDS).optional().describe("The campaign's kind (default email)."),
    topic: z.string().min(1).max(120).optional().describe("What the campaign is about."),
  })
  .strict();
export type Goal = z.infer<typeof goalSchema>;

/** The goal of a run on the whole book when neither the target nor the tenant names one. */
export const DEFAULT_GOALS: Goal[] = [
  {
    name: "Re-engage dormant customers",
    lifecycle_stage: "customer",
    dormant_days: 60,
    campaign_kind: "email",
    topic: "our latest product updates",
  },
];

/** A goal read from a run target: a JSON object, or text alone. */
export const parseGoal = (raw: unknown) =>
  goalSchema.safeParse(typeof raw === "string" ? { text: raw } : raw);

/**
 * The offline reading of a goal's text: keywords → structured fields, each rule visible here.
 * Fields the goal states explicitly are kept; text only fills the ones it left open.
 */
export function goalFromText(goal: Goal): Goal {
  const text = (goal.text ?? "").toLowerCase();
  if (!text) return goal;
  const read: Partial<Goal> = {};
  const days = /(\d{1,4})\s*days?/.exec(text);
  if (/dormant|inactive|re-?engage|lapsed|gone quiet|win[- ]?back/.test(text))
    read.dormant_days = days ? Math.min(1095, Math.max(1, Number(days[1]))) : 90;
  if (/mid[- ]?market/.test(text)) read.segment = "mid-market";
  else if (/\bsmb\b|small business/.test(text)) read.segment = "smb";
  else if (/enterprise/.test(text)) read.segment = "enterprise";
  if (/\bprospects?\b/.test(text)) read.lifecycle_stage = "prospect";
  else if (/\bchurned\b/.test(text)) read.lifecycle_stage = "churned";
  else if (/\bcustomers?\b/.test(text)) read.lifecycle_stage = "customer";
  if (/webinar/.test(text)) read.campaign_kind = "webinar";
  else if (/\bevent\b|conference|meetup/.test(text)) read.campaign_kind = "event";
  else if (/e-?book|guide|whitepaper|content/.test(text)) read.campaign_kind = "content";
  if (/champions?|best customers|loyal/.test(text)) read.rfm_segments = ["champions", "loyal"];
  else if (/at[- ]risk/.test(text)) read.rfm_segments = ["at_risk"];
  return { ...read, ...goal };
}

/** The campaign a goal defines: a stable key (same goal → same key), so a rerun finds its drafts. */
export function campaignKey(goal: Goal): string {
  const canonical = JSON.stringify(Object.entries(goal).sort(([a], [b]) => (a < b ? -1 : 1)));
  const hash = createHash("sha256").update(canonical).digest("hex").slice(0, 10);
  const slug = (goal.name ?? goal.text ?? "goal")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40);
  return `${slug || "goal"}-${hash}`;
}

/** A readable name of a goal. */
export const goalName = (goal: Goal): string => goal.name ?? goal.text ?? "Campaign";

import { z } from "zod";
import { segmentSpec, type SegmentCondition } from "../../tools/index.ts";
import { CAMPAIGN_KINDS, CONTACT_ROLES, RFM_SEGMENTS, goalFromText, type Goal } from "./goals.ts";

/**
 * An audience: which accounts (a segment_query filter over `accounts`), optionally only those
 * without engagement for `inactive_days` or in some RFM groups, and which of their contacts.
 * Consent, opt-outs and the frequency cap are not part of it: the agent always applies them.
 * This is the schema the LLM answers with, so every field says what it means.
 */
export const audienceSpecSchema = z.object({
  filter: segmentSpec.describe(
    "Which accounts: a segment filter whose entity is `accounts`, over the account fields listed in the prompt.",
  ),
  inactive_days: z
    .number()
    .int()
    .min(1)
    .max(1095)
    .optional()
    .describe("Only accounts with no engagement (activity or campaign response) in this many days: dormant."),
  rfm_segments: z
    .array(z.enum(RFM_SEGMENTS))
    .max(6)
    .optional()
    .describe("Only accounts in these RFM groups."),
  contact_roles: z
    .array(z.enum(CONTACT_ROLES))
    .max(7)
    .optional()
    .describe("Only contacts with these roles (default: every contact of the accounts)."),
  campaign_kind: z.enum(CAMPAIGN_KINDS).describe("The kind of campaign the audience is for."),
  rationale: z.string().max(500).optional().describe("One sentence: how the filter follows from the goal."),
});
export type AudienceSpec = z.infer<typeof audienceSpecSchema>;

/** An audience spec with the rules that produced it, one readable line each. */
export interface RuledSpec {
  spec: AudienceSpec;
  rules: string[];
}

/**
 * The offline mapping of a goal to an audience spec. Text is first read by keywords
 * (goalFromText); then each structured field becomes one condition:
 * segment → `segment eq`, lifecycle_stage → `lifecycle_stage eq`, min_mrr/max_mrr → `mrr gte/lte`,
 * industry/region/plan → `eq`, dormant_days → inactive_days, rfm_segments → rfm_segments,
 * roles → contact_roles, campaign_kind (default email).
 */
export function specFromGoal(stated: Goal): RuledSpec {
  const goal = goalFromText(stated);
  const conditions: SegmentCondition[] = [];
  const rules: string[] = [];
  const add = (field: string, op: SegmentCondition["op"], value: string | number, from: string) => {
    conditions.push({ field, op, value });
    rules.push(`${from} → accounts.${field} ${op} ${JSON.stringify(value)}`);
  };
  if (goal.segment) add("segment", "eq", goal.segment, "segment");
  if (goal.lifecycle_stage) add("lifecycle_stage", "eq", goal.lifecycle_stage, "lifecycle_stage");
  if (goal.min_mrr !== undefined) add("mrr", "gte", goal.min_mrr, "min_mrr");
  if (goal.max_mrr !== undefined) add("mrr", "lte", goal.max_mrr, "max_mrr");
  if (goal.industry) add("industry", "eq", goal.industry, "industry");
  if (goal.region) add("region", "eq", goal.region, "region");
  if (goal.plan) add("plan", "eq", goal.plan, "plan");
  const spec: AudienceSpec = {
    filter: { entity: "accounts", combine: "and", conditions, groups: [] },
    campaign_kind: goal.campaign_kind ?? "email",
  };
  if (goal.dormant_days) {
    spec.inactive_days = goal.dormant_days;
    rules.push(`dormant_days → no engagement in ${goal.dormant_days} days`);
  }
  if (goal.rfm_segments) {
    spec.rfm_segments = goal.rfm_segments;
    rules.push(`rfm_segments → in ${goal.rfm_segments.join(", ")}`);
  }
  if (goal.roles) {
    spec.contact_roles = goal.roles;
    rules.push(`roles → contacts with role ${goal.roles.join(", ")}`);
  }
  rules.push(`campaign_kind → ${spec.campaign_kind}`);
  if (conditions.length === 0 && !spec.inactive_days && !spec.rfm_segments)
    rules.push("no condition → every account");
  return { spec, rules };
}

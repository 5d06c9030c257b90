import { describe, expect, it } from "vitest";
import { specFromGoal, type AudienceSpec } from "./audience-spec.ts";
import { campaignKey, goalFromText, goalSchema } from "./goals.ts";
import { modelPlan } from "./plan.ts";
import { checkAudienceSpec } from "./spec-check.ts";

const goal = (raw: unknown) => goalSchema.parse(raw);
const spec = (filter: Partial<AudienceSpec["filter"]>): AudienceSpec => ({
  filter: { entity: "accounts", combine: "and", conditions: [], groups: [], ...filter },
  campaign_kind: "email",
});

describe("audience specs from goals", () => {
  it("maps a structured goal by transparent rules", () => {
    const { spec: s, rules } = specFromGoal(goal({ segment: "mid_market", dormant_days: 90, min_mrr: 1000 }));
    expect(s).toEqual({
      filter: {
        entity: "accounts",
        combine: "and",
        conditions: [
          { field: "segment", op: "eq", value: "mid-market" },
          { field: "mrr", op: "gte", value: 1000 },
        ],
        groups: [],
      },
      inactive_days: 90,
      campaign_kind: "email",
    });
    expect(rules).toContain('segment → accounts.segment eq "mid-market"');
    expect(rules).toContain("dormant_days → no engagement in 90 days");
  });

  it("reads a goal's text by keywords offline; stated fields win", () => {
    expect(goalFromText(goal({ text: "Re-engage dormant mid-market accounts" }))).toMatchObject({
      dormant_days: 90,
      segment: "mid-market",
    });
    expect(
      goalFromText(goal({ text: "invite our best customers to a webinar", campaign_kind: "event" })),
    ).toMatchObject({
      rfm_segments: ["champions", "loyal"],
      lifecycle_stage: "customer",
      campaign_kind: "event",
    });
    expect(goalFromText(goal({ text: "inactive for 120 days" })).dormant_days).toBe(120);
  });

  it("keys a campaign by its goal: the same goal gives the same key", () => {
    const a = campaignKey(goal({ name: "Win back", segment: "smb" }));
    expect(a).toMatch(/^win-back-[0-9a-f]{10}$/);
    expect(campaignKey(goal({ segment: "smb", name: "Win back" }))).toBe(a);
    expect(campaignKey(goal({ name: "Win back", segment: "enterprise" }))).not.toBe(a);
  });

  it("rejects unsafe or invalid specs: another entity, unknown or refused fields, wrong types", () => {
    expect(checkAudienceSpec(spec({ conditions: [{ field: "segment", op: "eq", value: "smb" }] }))).toEqual(
      [],
    );
    expect(checkAudienceSpec(spec({ entity: "leads" }))).toEqual([
      "filter.entity: an audience selects accounts, not leads",
    ]);
    expect(
      checkAudienceSpec(spec({ conditions: [{ field: "email_consent", op: "eq", value: false }] })),
    ).toEqual(['filter.conditions[0]: unknown account field "email_consent"']);
    expect(
      checkAudienceSpec(spec({ conditions: [{ field: "owner_id", op: "is_null", value: false }] }))[0],
    ).toMatch(/may not filter on owner_id/);
    expect(
      checkAudienceSpec(
        spec({ groups: [{ combine: "or", conditions: [{ field: "mrr", op: "contains", value: 5 }] }] }),
      ),
    ).toEqual(["filter.groups[0].conditions[0]: contains works on text fields only"]);
    expect(checkAudienceSpec(spec({ conditions: [{ field: "mrr", op: "gt", value: "lots" }] }))[0]).toMatch(
      /single number/,
    );
  });

  it("a rejected model spec falls back to the rules, saying why; a good one keeps stated fields", () => {
    const g = goal({ text: "dormant mid-market", campaign_kind: "webinar" });
    const bad = modelPlan(g, spec({ entity: "deals" }), "openai-compatible:m");
    expect(bad.source).toBe(
      "rules (model spec rejected: filter.entity: an audience selects accounts, not deals)",
    );
    expect(bad.spec.inactive_days).toBe(90);
    const good = modelPlan(g, { ...spec({}), rationale: "all accounts" }, "openai-compatible:m");
    expect(good).toMatchObject({
      source: "openai-compatible:m",
      explanation: ["all accounts"],
      rejected: [],
    });
    expect(good.spec.campaign_kind).toBe("webinar");
  });
});

import { describe, expect, it } from "vitest";
import { AudienceBuilder, exclusionOf } from "./audience.ts";
import type { AudienceContact } from "./facts.ts";
import { baseRate, heuristicPropensity } from "./heuristic.ts";
import type { Propensity } from "./propensity.ts";
import { variantOf } from "./variants.ts";

const contact = (id: string, over: Partial<AudienceContact> = {}): AudienceContact => ({
  contact_id: id,
  first_name: id,
  last_name: null,
  email: `${id}@x.io`,
  role: null,
  email_consent: true,
  opted_out_at: null,
  recent_drafts: 0,
  campaign_drafted: false,
  pending_drafted: false,
  account: { id: "a", name: "A", segment: null, plan: null, mrr: 0, segments: [] },
  facts: {
    key: id,
    contact_id: id,
    account_id: "a",
    cut: "2026-11-01T00:00:00.000Z",
    role: null,
    segment: null,
    employees: null,
    prior_touches: 0,
    prior_responses: 0,
    last_response_at: null,
    engagements_90d: 0,
    last_engagement_id: null,
    last_engagement_at: null,
    last_engagement_kind: null,
    last_engagement_subject: null,
  },
  ...over,
});
const score = (p: number): Propensity => ({
  probability: p,
  value: 100 * p,
  tier: "low",
  reasons: [],
  model_version: "t",
});

describe("audiences", () => {
  it("excludes for consent, then missing email, then an earlier draft of the campaign, then the cap", () => {
    expect(exclusionOf(contact("a", { opted_out_at: "2026-01-01T00:00:00Z", email: null }), 0, 2)).toBe(
      "consent",
    );
    expect(exclusionOf(contact("a", { email_consent: false }), 0, 2)).toBe("consent");
    expect(exclusionOf(contact("a", { email: null }), 0, 2)).toBe("no_email");
    expect(exclusionOf(contact("a", { campaign_drafted: true, recent_drafts: 5 }), 0, 2)).toBe(
      "already_drafted",
    );
    // a marketing draft of another campaign still waits for a person: not drafted again
    expect(exclusionOf(contact("a", { pending_drafted: true, recent_drafts: 1 }), 0, 2)).toBe(
      "already_drafted",
    );
    expect(exclusionOf(contact("a", { recent_drafts: 2 }), 0, 2)).toBe("frequency_cap");
    expect(exclusionOf(contact("a", { recent_drafts: 1 }), 1, 2)).toBe("frequency_cap");
    expect(exclusionOf(contact("a", { recent_drafts: 1 }), 0, 2)).toBeNull();
  });

  it("keeps the most likely responders over pages, ties by contact id, and counts the rest", () => {
    const p: Record<string, number> = { c1: 0.1, c2: 0.3, c3: 0.3, c4: 0.05, c5: 0.9 };
    const builder = new AudienceBuilder("k", 2, 3, new Map([["c5", 2]]), (c) => score(p[c.contact_id]!));
    builder.add([contact("c1"), contact("c2"), contact("c6", { email_consent: false })]);
    builder.add([contact("c3"), contact("c4"), contact("c5")]);
    const members = builder.members();
    expect(members.map((m) => [m.contact.contact_id, m.rank])).toEqual([
      ["c2", 1],
      ["c3", 2],
      ["c1", 3],
    ]);
    expect(builder.counts).toEqual({
      total: 6,
      excluded_consent: 1,
      excluded_no_email: 0,
      excluded_already_drafted: 0,
      excluded_frequency_cap: 1,
      final: 4,
      drafted: 3,
    });
  });

  it("assigns A/B by a hash of campaign and contact: stable, and about half each", () => {
    const ids = Array.from(
      { length: 400 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    );
    const arms = ids.map((id) => variantOf("spring-abc", id));
    expect(ids.map((id) => variantOf("spring-abc", id))).toEqual(arms);
    const a = arms.filter((v) => v === "A").length;
    expect(a).toBeGreaterThan(160);
    expect(a).toBeLessThan(240);
    expect(variantOf("spring-abc", ids[0]!.toUpperCase())).toBe(arms[0]);
  });

  it("the heuristic: the kind's shrunk base rate times visible multipliers, each a reason", () => {
    const rates = { email: { touches: 30, responses: 3 }, webinar: { touches: 10, responses: 4 } };
    expect(baseRate(rates, "email")).toBeCloseTo((3 + 20 * (8 / 50)) / 50, 10);
    expect(baseRate({}, "event")).toBeCloseTo(0.1, 10);
    const c = contact("c", {
      facts: { ...contact("c").facts, prior_responses: 1, last_engagement_id: "act" },
    });
    const p = heuristicPropensity(rates, c.facts, "webinar", 12, "learned model unavailable: none");
    const base = baseRate(rates, "webinar");
    expect(p.probability).toBeCloseTo(base * 1.8 * 1.3, 4);
    expect(p.reasons.map((r) => r.factor)).toEqual([
      `webinar base response rate ${Math.round(1000 * base) / 10} %`,
      "responded to 1 earlier campaign(s) (×1.8)",
      "account engaged 12 days ago (×1.3)",
      "learned model unavailable: none",
    ]);
    expect(p.reasons[2]!.evidence_ids).toEqual(["activity:act"]);
    expect(p.model_version).toBe("response-heuristic-v1 (learned model unavailable: none)");
  });
});

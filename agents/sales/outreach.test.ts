import { describe, expect, it } from "vitest";
import { act, AS_OF, contact, deal, lead, NORMS } from "../../tests/support/sales-facts.ts";
import { dealSignals } from "./deal-signals.ts";
import type { DealFacts, LeadFacts } from "./facts.ts";
import type { DealFinding, LeadFinding } from "./findings.ts";
import { scoreLeadByRules } from "./lead-rules.ts";
import { planDrafts } from "./outreach.ts";
import { DEFAULT_POLICY, resolveSalesPolicy } from "./policy.ts";
import { citedEvidence } from "./prompts.ts";
import { offlineDraft } from "./templates.ts";
import { winProbability } from "./win.ts";

const hot = (over: Partial<LeadFacts> = {}, value = 8000): LeadFinding => {
  const l = lead({
    employees: 100,
    activities: [act("pricing_page_view", 50), act("demo_request", 3), act("web_visit", 2)],
    ...over,
  });
  return { lead: l, score: scoreLeadByRules(l, DEFAULT_POLICY, AS_OF), expectedValue: value };
};
const stalled = (over: Partial<DealFacts> = {}, value = 30_000): DealFinding => {
  const d = deal({
    stage_entered_at: "2026-10-01T00:00:00Z",
    activities: [{ ...act("meeting", 700, "outbound"), contact_id: null }],
    ...over,
  });
  const signals = dealSignals(d, NORMS, DEFAULT_POLICY, AS_OF);
  return { deal: d, signals, win: winProbability(d, signals, NORMS, DEFAULT_POLICY), expectedValue: value };
};
const plan = (leads: LeadFinding[], deals: DealFinding[], policy = DEFAULT_POLICY) =>
  planDrafts(leads, deals, policy, AS_OF);

describe("outreach drafts", () => {
  it("plans a draft per hot lead and stalled deal, highest expected value first", () => {
    const { plans, skips } = plan([hot({}, 8000)], [stalled({}, 30_000)]);
    expect(skips).toEqual([]);
    expect(plans.map((p) => [p.template, p.expectedValue])).toEqual([
      ["stalled_deal", 30_000],
      ["hot_lead", 8000],
    ]);
  });

  it("never plans a draft to a lead who opted out or must not be contacted", () => {
    const optedOut = hot({ opted_out_at: "2026-10-15T09:00:00.000Z" });
    const dnc = hot({ do_not_contact: true });
    const { plans, skips } = plan([optedOut, dnc], []);
    expect(plans).toEqual([]);
    expect(skips.map((s) => s.reason)).toEqual([
      "lead opted out on 2026-10-15",
      "lead is marked do not contact",
    ]);
  });

  it("writes to the deal's champion who may be emailed, skipping opted-out and unconsented people", () => {
    const champion = contact({ first_name: "Carla", deal_role: "champion" });
    const otto = contact({ first_name: "Otto", deal_role: "champion", opted_out_at: "2026-10-01T00:00:00Z" });
    const user = contact({ first_name: "Uma", deal_role: "end_user" });
    expect(plan([], [stalled({ contacts: [user, otto, champion] })]).plans[0]!.recipient).toMatchObject({
      kind: "contact",
      id: champion.id,
    });
    const nobody = stalled({ contacts: [otto, contact({ first_name: "Nina", email_consent: false })] });
    expect(plan([], [nobody]).skips[0]!.reason).toBe(
      "nobody on the deal may be emailed: Otto Doe opted out on 2026-10-01; Nina Doe has not consented to email",
    );
    expect(plan([], [stalled({ contacts: [] })]).skips[0]!.reason).toBe("no contact on the deal");
  });

  it("skips an entity drafted for in another run within the cooldown, and caps drafts per run", () => {
    const recent = hot({
      recent_drafts: [{ id: "d-1", status: "approved", created_at: "2026-10-28T10:00:00.000Z" }],
    });
    expect(plan([recent], []).skips[0]!.reason).toBe(
      "already drafted 2026-10-28 (draft d-1, approved), within 7 days",
    );
    const old = hot({
      recent_drafts: [{ id: "d-0", status: "approved", created_at: "2026-10-20T10:00:00.000Z" }],
    });
    expect(plan([old], []).plans).toHaveLength(1);
    const capped = plan(
      [hot({}, 1), hot({}, 3), hot({}, 2)],
      [],
      resolveSalesPolicy({ max_drafts_per_run: 2 }),
    );
    expect(capped.plans.map((p) => p.expectedValue)).toEqual([3, 2]);
    expect(capped.skips.map((s) => s.reason)).toEqual([
      "over the cap of 2 drafts per run (expected value 1)",
    ]);
  });

  it("the offline draft states only facts of the plan and cites exactly their evidence ids", () => {
    const f = hot();
    const [p] = plan([f], []).plans;
    const demo = f.lead.activities[1]!;
    expect(p!.facts.map((x) => x.evidence_id)).toEqual([
      `activity:${f.lead.activities[0]!.id}`,
      `activity:${demo.id}`,
      `activity:${f.lead.activities[2]!.id}`,
      `lead:${f.lead.id}`,
    ]);
    const draft = offlineDraft(p!);
    expect(draft.evidence_ids).toEqual([`activity:${demo.id}`]);
    expect(draft.body).toBe(
      "Hi Hanna,\n\nThank you for requesting a demo on 2026-11-01. Would 20 minutes this week suit you to go through what " +
        "would fit Hanna Corp? I can bring pricing for a team of your size.\n\nBest regards,\nRita Rep",
    );
    const d = stalled();
    const dealDraft = offlineDraft(plan([], [d]).plans[0]!);
    expect(dealDraft.evidence_ids).toEqual([`deal:${d.deal.id}`, `activity:${d.deal.activities[0]!.id}`]);
    expect(dealDraft.body).toContain('I wanted to check in on "Acme platform"');
    expect(dealDraft.body).toContain(
      'Our last exchange was on 2026-10-03. Is "Send revised quote" still the right next step',
    );
  });

  it("keeps only the evidence a model cites from the facts offered, else all of them", () => {
    const [p] = plan([hot()], []).plans;
    const offered = p!.facts.map((f) => f.evidence_id);
    expect(citedEvidence(p!, [offered[1]!, "activity:made-up", offered[1]!])).toEqual([offered[1]]);
    expect(citedEvidence(p!, ["deal:not-offered"])).toEqual(offered);
  });
});

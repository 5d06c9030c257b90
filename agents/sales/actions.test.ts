import { describe, expect, it } from "vitest";
import { act, AS_OF, contact, deal, lead, NORMS } from "../../tests/support/sales-facts.ts";
import { dealTasks, leadTasks } from "./actions.ts";
import { dealSignals } from "./deal-signals.ts";
import type { LeadFacts } from "./facts.ts";
import { leadExpectedValue, type DealFinding } from "./findings.ts";
import { scoreLeadByRules } from "./lead-rules.ts";
import { DEFAULT_POLICY } from "./policy.ts";
import { winProbability } from "./win.ts";

const hotLead = (over: Partial<LeadFacts> = {}) => {
  const l = lead({
    employees: 100,
    activities: [act("pricing_page_view", 2), act("demo_request", 30), act("web_visit", 40)],
    ...over,
  });
  const score = scoreLeadByRules(l, DEFAULT_POLICY, AS_OF);
  return { lead: l, score, expectedValue: leadExpectedValue(score, 10_000) };
};
const finding = (over: Parameters<typeof deal>[0] = {}): DealFinding => {
  const d = deal(over);
  const signals = dealSignals(d, NORMS, DEFAULT_POLICY, AS_OF);
  const win = winProbability(d, signals, NORMS, DEFAULT_POLICY);
  return { deal: d, signals, win, expectedValue: Math.round((d.amount ?? 0) * win.probability * 100) / 100 };
};

describe("next-best actions", () => {
  it("a hot lead: call within the hour, valued at score/100 × deal value, keyed per lead", () => {
    const f = hotLead();
    expect(f.score).toMatchObject({ value: 80, tier: "hot" });
    const { tasks, skips } = leadTasks(f, AS_OF);
    expect(skips).toEqual([]);
    expect(tasks).toEqual([
      expect.objectContaining({
        type: "call_hot_lead",
        title: "Call Hanna Lead (Hanna Corp) within the hour",
        entity_kind: "lead",
        entity_id: f.lead.id,
        priority_value: 8000,
        due_at: "2026-11-01T13:00:00.000Z",
        dedupe_key: `sales:call_hot_lead:lead:${f.lead.id}`,
      }),
    ]);
    expect(tasks[0]!.reason).toMatch(
      /^Hot lead, score 80 \[lead-rules-v1\]: viewed the pricing page .*Expected value 8000 \(score\/100 × deal value, an estimate\)\.$/,
    );
    expect(tasks[0]!.evidence_ids).toHaveLength(4);
  });

  it("a warm lead gets no task; a hot lead who must not be contacted is skipped, with why", () => {
    const warm = hotLead({ activities: [act("pricing_page_view", 50)] });
    expect(leadTasks(warm, AS_OF)).toEqual({ tasks: [], skips: [] });
    const dnc = hotLead({ do_not_contact: true });
    expect(leadTasks(dnc, AS_OF)).toEqual({
      tasks: [],
      skips: [
        {
          what: "task:call_hot_lead",
          entity_kind: "lead",
          entity_id: dnc.lead.id,
          reason: "lead is marked do not contact",
        },
      ],
    });
  });

  it("a stalled deal: re-engage, valued at amount × P(win)", () => {
    const f = finding({ stage_entered_at: new Date(AS_OF.getTime() - 20 * 86_400_000).toISOString() });
    const [task] = dealTasks(f, AS_OF);
    expect(task).toMatchObject({
      type: "reengage_deal",
      title: "Re-engage stalled deal: Acme platform",
      priority_value: f.expectedValue,
      due_at: "2026-11-02T12:00:00.000Z",
      assignee_id: "owner-rita",
      dedupe_key: `sales:reengage_deal:deal:${f.deal.id}`,
    });
    expect(task!.reason).toMatch(
      /^Stalled: 20 days in stage \(tenant p75 10 days, median 8\)\. Expected value/,
    );
  });

  it("a single-threaded deal: add a stakeholder; no next step: agree one", () => {
    const single = finding({ contacts: [contact()] });
    expect(dealTasks(single, AS_OF).map((t) => [t.type, t.reason.split(".")[0]])).toEqual([
      ["add_stakeholder", "Single-threaded: only Carla Doe (champion) on the deal"],
    ]);
    const noStep = finding({ next_step: null });
    expect(dealTasks(noStep, AS_OF).map((t) => [t.type, t.dedupe_key])).toEqual([
      ["set_next_step", `sales:set_next_step:deal:${noStep.deal.id}`],
    ]);
    expect(dealTasks(finding(), AS_OF)).toEqual([]);
  });
});

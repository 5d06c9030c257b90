import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../db/index.ts";
import type { ApprovalRequest, Deps, RunLeg } from "../graphs/runtime/index.ts";
import { SALES_AS_OF, writeSalesBook, type SalesBook } from "./support/sales-book.ts";
import { auditOf, draftsOf, runSales, scoresOf, tasksOf } from "./support/sales-queries.ts";
import { testDeps } from "./support/runtime-deps.ts";
import { STORE_KINDS, openTestStore } from "./support/stores.ts";

const FALLBACK = "lead-rules-v1 (learned model unavailable: no trained lead model)";
const PROPOSAL = 14.75 / 29; // (12 won + 5 × 0.55) / (24 closed + 5): the stalled deal's stage

describe.each(STORE_KINDS)("sales run over a whole book on %s", (kind) => {
  let store: Store;
  let deps: Deps;
  let b: SalesBook;
  let leg: RunLeg;

  beforeAll(async () => {
    store = await openTestStore(kind);
    deps = await testDeps(store, { now: () => SALES_AS_OF });
    b = await writeSalesBook(store.sql, "sales-run");
    leg = await runSales(deps, b.tenantId, { kind: "all" });
  });
  afterAll(() => store?.close());

  it("scores every open lead with the points table, every point a reason with its evidence", async () => {
    const scores = await scoresOf(store.sql, leg.run.id);
    const lead = (id: string) => scores.get(id)!;
    expect(lead(b.leads.hot)).toMatchObject({
      kind: "lead",
      value: 90,
      tier: "hot",
      probability: null,
      model_version: FALLBACK,
    });
    expect(lead(b.leads.hot).reasons).toEqual([
      {
        factor: "viewed the pricing page (1× in 30 days)",
        contribution: 30,
        evidence_ids: [`activity:${b.activities.hotPricing}`],
      },
      {
        factor: "active in the last 24 h (web_visit)",
        contribution: 20,
        evidence_ids: [`activity:${b.activities.hotVisit}`],
      },
      { factor: "requested a demo", contribution: 15, evidence_ids: [`activity:${b.activities.hotDemo}`] },
      { factor: "company over 50 employees (120)", contribution: 10, evidence_ids: [`lead:${b.leads.hot}`] },
      expect.objectContaining({ factor: "3 engagements × 5 (capped at 25)", contribution: 15 }),
      { factor: "learned model unavailable: no trained lead model", contribution: 0, evidence_ids: [] },
    ]);
    expect(lead(b.leads.hot).reasons[4]!.evidence_ids).toHaveLength(3);
    expect([lead(b.leads.capped).value, lead(b.leads.capped).tier]).toEqual([25, "cold"]);
    expect(lead(b.leads.capped).reasons[0]).toMatchObject({
      factor: "7 engagements × 5 (capped at 25)",
      contribution: 25,
    });
    expect([lead(b.leads.warm).value, lead(b.leads.warm).tier]).toEqual([40, "warm"]);
    // an outbound email of the rep and a pricing view 45 days back score nothing
    expect([lead(b.leads.cold).value, lead(b.leads.cold).tier]).toEqual([0, "cold"]);
    expect([lead(b.leads.dnc).value, lead(b.leads.optedOut).value]).toEqual([80, 80]);
    expect(lead(b.leads.linked).reasons[0]).toMatchObject({
      contribution: 10,
      evidence_ids: [`account:${b.accounts.acme}`],
    });
    expect(scores.has(b.leads.converted)).toBe(false);
    expect(leg.values.leadSummary).toEqual({
      scored: 7,
      tiers: { hot: 3, warm: 1, cold: 3 },
      models: { [FALLBACK]: 7 },
    });
  });

  it("proposes one task per next-best action, valued by expected value, with stable dedupe keys", async () => {
    const tasks = await tasksOf(store.sql, b.tenantId);
    expect(tasks.map((t) => [t.type, t.entity_id]).sort()).toEqual(
      [
        ["add_stakeholder", b.deals.single],
        ["call_hot_lead", b.leads.hot],
        ["reengage_deal", b.deals.optedOutStall],
        ["reengage_deal", b.deals.stalled],
        ["set_next_step", b.deals.noStep],
      ].sort(),
    );
    const call = tasks.find((t) => t.type === "call_hot_lead")!;
    expect(call).toMatchObject({
      priority_value: 9000,
      dedupe_key: `sales:call_hot_lead:lead:${b.leads.hot}`,
    });
    expect(call.due_at.toISOString()).toBe("2026-11-01T13:00:00.000Z");
    // suggested to the owner of the lead or deal
    expect(call.assignee_id).toBe(b.users.rita);
    expect(tasks.find((t) => t.type === "add_stakeholder")!.assignee_id).toBe(b.users.sam);
    const reengage = tasks.find((t) => t.entity_id === b.deals.stalled)!;
    expect(reengage.priority_value).toBeCloseTo(100_000 * PROPOSAL * 0.6, -1);
    expect(reengage.evidence_ids).toEqual([
      `deal:${b.deals.stalled}`,
      `activity:${b.activities.stalledMeeting}`,
    ]);
    const skipped = leg.values.skipped as { what: string; entity_id: string; reason: string }[];
    expect(skipped).toContainEqual(
      expect.objectContaining({
        what: "task:call_hot_lead",
        entity_id: b.leads.dnc,
        reason: "lead is marked do not contact",
      }),
    );
    expect(skipped).toContainEqual(
      expect.objectContaining({ what: "task:call_hot_lead", entity_id: b.leads.optedOut }),
    );
  });

  it("drafts for the hot lead and the stalled deal only, from evidence, and never to anyone who opted out", async () => {
    const drafts = await draftsOf(store.sql, b.tenantId);
    expect(drafts).toHaveLength(2);
    const [toLead, toDeal] = [drafts.find((d) => d.lead_id)!, drafts.find((d) => d.contact_id)!];
    expect(toLead).toMatchObject({
      lead_id: b.leads.hot,
      status: "pending",
      provider: "offline:sales-templates-v1",
    });
    expect(toLead.evidence_ids).toEqual([`activity:${b.activities.hotDemo}`]);
    expect(toLead.body).toContain("requesting a demo on 2026-10-29");
    expect(toDeal).toMatchObject({
      contact_id: b.contacts.carla,
      entity_kind: "deal",
      entity_id: b.deals.stalled,
    });
    expect(toDeal.evidence_ids).toEqual([
      `deal:${b.deals.stalled}`,
      `activity:${b.activities.stalledMeeting}`,
    ]);
    expect(toDeal.body).toContain('"Send revised quote"');
    const optedOut = [b.contacts.otto, b.contacts.nina, b.leads.dnc, b.leads.optedOut];
    expect(drafts.filter((d) => optedOut.includes(d.contact_id ?? d.lead_id!))).toEqual([]);
    const audited = await auditOf(store.sql, leg.run.id, "sales.draft_skipped");
    expect(audited.map((a) => a.entity_id).sort()).toEqual(
      [b.leads.dnc, b.leads.optedOut, b.deals.optedOutStall].sort(),
    );
    const why = String(audited.find((a) => a.entity_id === b.deals.optedOutStall)!.details.reason);
    expect(why).toMatch(/^nobody on the deal may be emailed: /);
    expect(why).toMatch(/Otto Doe opted out on 2026-10-12/);
    expect(why).toContain("Nina Doe has not consented to email");
  });

  it("waits for a person with an ApprovalRequest listing the drafts", async () => {
    expect(leg.run.status).toBe("interrupted");
    const [request] = leg.interrupts as ApprovalRequest[];
    const drafts = await draftsOf(store.sql, b.tenantId);
    expect(request!.kind).toBe("draft_approval");
    expect(request!.drafts.map((d) => d.id).sort()).toEqual(drafts.map((d) => d.id).sort());
    expect(request!.drafts.find((d) => d.to === "hanna@lead.example")!.reason).toBe(
      `hot lead, score 90 [${FALLBACK}]`,
    );
  });
});

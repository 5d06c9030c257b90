import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTenant, type Store } from "../db/index.ts";
import { listRunEvents } from "../db/queries/run-events.ts";
import { seedBook, SEED_DEFAULTS } from "../db/seed/index.ts";
import type { ApprovalRequest, RunLeg } from "../graphs/runtime/index.ts";
import { setSalesSettings } from "./support/sales-book.ts";
import { draftsOf, runSales, scoresOf, tasksOf } from "./support/sales-queries.ts";
import { testDeps } from "./support/runtime-deps.ts";
import { STORE_KINDS, openTestStore } from "./support/stores.ts";

describe.each(STORE_KINDS)("sales over a seeded book on %s", (kind) => {
  let store: Store;
  let tenantId: string;
  let leg: RunLeg;

  beforeAll(async () => {
    store = await openTestStore(kind);
    tenantId = (await ensureTenant(store.sql, { slug: "seeded", name: "Seeded" })).id;
    await seedBook(store.sql, { tenantId, accounts: 100, seed: 7 });
    // small pages, so the batch nodes work through several pages of the book
    await setSalesSettings(store.sql, tenantId, { page_size: 25 });
    const deps = await testDeps(store, { now: () => new Date(SEED_DEFAULTS.asOf) });
    leg = await runSales(deps, tenantId, { kind: "all" });
  });
  afterAll(() => store?.close());

  it("scores every open lead and deal in one graph run of batch nodes, not one run per entity", async () => {
    const [open] = await store.sql<{ leads: number; deals: number }[]>`
      SELECT (SELECT count(*) FROM leads WHERE tenant_id = ${tenantId} AND status NOT IN ('converted', 'unqualified'))::int AS leads,
             (SELECT count(*) FROM deals WHERE tenant_id = ${tenantId} AND status = 'open')::int AS deals`;
    expect(open!.leads).toBeGreaterThan(25);
    const scores = [...(await scoresOf(store.sql, leg.run.id)).values()];
    expect(scores.filter((s) => s.kind === "lead")).toHaveLength(open!.leads);
    expect(scores.filter((s) => s.kind === "win")).toHaveLength(open!.deals);
    const events = await listRunEvents(store.sql, leg.run.id);
    const nodes = events.filter((e) => e.type === "node_finished").map((e) => e.data.node);
    expect(nodes).toEqual(["prepare", "score_leads", "score_deals", "propose_tasks", "write_drafts"]);
  });

  it("finds hot leads and stalled deals, proposes deduped tasks and at most the per-run cap of drafts", async () => {
    expect((leg.values.leadSummary as { tiers: Record<string, number> }).tiers.hot).toBeGreaterThan(0);
    const tasks = await tasksOf(store.sql, tenantId);
    expect(new Set(tasks.map((t) => t.dedupe_key)).size).toBe(tasks.length);
    const types = new Set(tasks.map((t) => t.type));
    expect(types).toContain("call_hot_lead");
    for (const type of types)
      expect(["call_hot_lead", "reengage_deal", "add_stakeholder", "set_next_step"]).toContain(type);
    const drafts = await draftsOf(store.sql, tenantId);
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts.length).toBeLessThanOrEqual(10);
    for (const d of drafts) expect(d.evidence_ids.length).toBeGreaterThan(0);
    const [request] = leg.interrupts as ApprovalRequest[];
    expect(request!.drafts).toHaveLength(drafts.length);
  });

  it("never drafts to a lead or contact who opted out or lacks consent", async () => {
    const [blocked] = await store.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM drafts d
      LEFT JOIN leads l ON l.id = d.lead_id
      LEFT JOIN contacts c ON c.id = d.contact_id
      WHERE d.tenant_id = ${tenantId}
        AND (l.do_not_contact OR l.opted_out_at IS NOT NULL OR NOT c.email_consent OR c.opted_out_at IS NOT NULL)`;
    expect(blocked!.n).toBe(0);
  });
});

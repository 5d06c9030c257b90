import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../db/index.ts";
import { HashingEmbedder } from "../memory/index.ts";
import { SALES_TOOLS } from "../agents/sales/index.ts";
import { runTool, TOOLS, type ToolContext } from "../tools/index.ts";
import { SALES_AS_OF, setSalesSettings, writeSalesBook, type SalesBook } from "./support/sales-book.ts";
import { newRun } from "./support/tools-book.ts";
import { STORE_KINDS, openTestStore } from "./support/stores.ts";

describe.each(STORE_KINDS)("sales batch reads on %s", (kind) => {
  let store: Store;
  let a: SalesBook;
  let other: SalesBook;
  const ctx = (book: SalesBook, runId: string | null = null): ToolContext => ({
    sql: store.sql,
    tenantId: book.tenantId,
    runId,
    agent: "sales",
    allowedTools: SALES_TOOLS,
    node: "test",
    embedder: new HashingEmbedder({ dimensions: 64 }),
    now: () => SALES_AS_OF,
  });
  const window = {
    activities_since: "2026-10-02T12:00:00Z",
    as_of: SALES_AS_OF.toISOString(),
    drafts_since: "2026-10-25T00:00:00Z",
  };

  beforeAll(async () => {
    store = await openTestStore(kind);
    a = await writeSalesBook(store.sql, "tools-a");
    other = await writeSalesBook(store.sql, "tools-b");
  });
  afterAll(() => store?.close());

  it("sales_open_leads pages through every open lead of the tenant once, in id order", async () => {
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await runTool(
        TOOLS.sales_open_leads,
        { ...window, limit: 3, ...(after ? { after } : {}) },
        ctx(a),
      );
      seen.push(...page.leads.map((l) => l.id));
      after = page.next_after ?? undefined;
      pages += 1;
    } while (after);
    const open = Object.entries(a.leads)
      .filter(([k]) => k !== "converted")
      .map(([, id]) => id);
    expect(seen).toEqual([...open].sort());
    expect(pages).toBe(3);
    expect(seen.some((id) => Object.values(other.leads).includes(id))).toBe(false);
  });

  it("returns each lead's activities inside the window only, newest first, with its owner and account size", async () => {
    const { leads } = await runTool(
      TOOLS.sales_open_leads,
      { ...window, lead_ids: [a.leads.cold, a.leads.hot, a.leads.linked] },
      ctx(a),
    );
    const byId = new Map(leads.map((l) => [l.id, l]));
    expect(byId.get(a.leads.cold)!.activities.map((x) => [x.kind, x.direction])).toEqual([
      ["email", "outbound"],
    ]);
    const hot = byId.get(a.leads.hot)!;
    expect(hot.activities.map((x) => x.kind)).toEqual([
      "web_visit",
      "pricing_page_view",
      "demo_request",
      "form_fill",
      "email",
    ]);
    expect(hot).toMatchObject({
      owner_name: "Rita Rep",
      employees: 120,
      do_not_contact: false,
      opted_out_at: null,
    });
    expect(byId.get(a.leads.linked)).toMatchObject({ employees: null, account_employees: 200 });
    // another tenant's lead id is simply not there
    const foreign = await runTool(TOOLS.sales_open_leads, { ...window, lead_ids: [other.leads.hot] }, ctx(a));
    expect(foreign.leads).toEqual([]);
  });

  it("sales_open_deals returns open deals with their people (consent included) and latest activities", async () => {
    const { deals, next_after } = await runTool(
      TOOLS.sales_open_deals,
      { drafts_since: window.drafts_since },
      ctx(a),
    );
    expect(next_after).toBeNull();
    expect(deals.map((d) => d.id).sort()).toEqual(Object.values(a.deals).sort());
    const stalled = deals.find((d) => d.id === a.deals.stalled)!;
    expect(stalled).toMatchObject({
      stage: "proposal",
      amount: 100_000,
      account_name: "Acme Corp",
      owner_name: "Rita Rep",
    });
    expect(
      stalled.contacts.map((c) => [c.first_name, c.email_consent, c.opted_out_at !== null]).sort(),
    ).toEqual([
      ["Carla", true, false],
      ["Otto", false, true],
    ]);
    expect(stalled.activities.map((x) => x.id)).toEqual([a.activities.stalledMeeting]);
  });

  it("lists earlier drafts about an entity from other runs, not the current run's own", async () => {
    const runA = await newRun(store.sql, a.tenantId);
    const runB = await newRun(store.sql, a.tenantId);
    await runTool(
      TOOLS.create_draft,
      {
        channel: "email",
        lead_id: a.leads.hot,
        body: "Hi",
        evidence_ids: [`lead:${a.leads.hot}`],
        provider: "offline:test",
      },
      { ...ctx(a, runA), node: "write_drafts" },
    );
    const input = { ...window, lead_ids: [a.leads.hot] };
    const fromA = await runTool(TOOLS.sales_open_leads, input, ctx(a, runA));
    const fromB = await runTool(TOOLS.sales_open_leads, input, ctx(a, runB));
    expect(fromA.leads[0]!.recent_drafts).toEqual([]);
    expect(fromB.leads[0]!.recent_drafts).toEqual([expect.objectContaining({ status: "pending" })]);
  });

  it("sales_stage_norms gives the tenant's stage durations, stage outcomes and won-deal value", async () => {
    const norms = await runTool(TOOLS.sales_stage_norms, {}, ctx(a));
    expect(norms.durations).toEqual([
      { stage: "discovery", samples: 24, median_days: 4, p75_days: 4 },
      { stage: "proposal", samples: 24, median_days: 10, p75_days: 10 },
    ]);
    expect(norms.outcomes).toEqual([
      { stage: "discovery", won: 12, lost: 12 },
      { stage: "proposal", won: 12, lost: 12 },
    ]);
    expect(norms.won).toEqual({ count: 12, mean_amount: 10_000 });
  });

  it("sales_settings returns the tenant's stored sales settings, or null", async () => {
    expect(await runTool(TOOLS.sales_settings, {}, ctx(other))).toEqual({ sales: null });
    await setSalesSettings(store.sql, other.tenantId, { lead_points: { demo_request: 25 } });
    expect(await runTool(TOOLS.sales_settings, {}, ctx(other))).toEqual({
      sales: { lead_points: { demo_request: 25 } },
    });
    expect(await runTool(TOOLS.sales_settings, {}, ctx(a))).toEqual({ sales: null });
  });
});

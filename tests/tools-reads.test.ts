import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../db/index.ts";
import { HashingEmbedder, upsertEmbeddings } from "../memory/index.ts";
import { runTool, TOOLS, type ToolContext } from "../tools/index.ts";
import { bookContext, writeToolsBook, type ToolsBook } from "./support/tools-book.ts";
import { STORE_KINDS, openTestStore } from "./support/stores.ts";

/* eslint-disable @typescript-eslint/no-explicit-any -- tool outputs are read loosely here */

for (const kind of STORE_KINDS) {
  describe(`read tools on ${kind}`, () => {
    let store: Store;
    let a: ToolsBook;
    let b: ToolsBook;
    let ctx: ToolContext;

    beforeAll(async () => {
      store = await openTestStore(kind);
      a = await writeToolsBook(store.sql, "tools-a");
      b = await writeToolsBook(store.sql, "tools-b");
      ctx = bookContext(store.sql, a);
    });
    afterAll(() => store.close());

    it("account_360 gathers the account and everything around it", async () => {
      const r: any = await runTool(TOOLS.account_360, { account_id: a.accounts.acme }, ctx);
      expect(r.account.name).toBe("Acme Analytics");
      expect(r.account.mrr).toBe(5000);
      expect(r.account.renewal_date).toBe("2027-01-15");
      expect(r.contacts.map((c: any) => c.first_name).sort()).toEqual(["Carla", "Nina", "Otto"]);
      expect(r.open_deals.map((d: any) => d.id)).toEqual([a.deals.open]);
      expect(r.recent_activities.map((x: any) => x.id)).toEqual([a.activities.meeting, a.activities.pricing]);
      expect(r.open_tickets.map((x: any) => x.id)).toEqual([a.tickets.sso]);
      expect(r.usage_trend.months.map((m: any) => m.active_users)).toEqual([50, 45, 40]);
      expect(r.usage_trend.active_users_change_pct).toBe(-20);
      const scores = Object.fromEntries(r.latest_scores.map((s: any) => [s.kind, s.value]));
      expect(scores).toEqual({ health: 55, churn: 30 });
    });

    it("lead_profile returns the lead, its account and activities", async () => {
      const r: any = await runTool(TOOLS.lead_profile, { lead_id: a.leads.linked }, ctx);
      expect(r.lead.company).toBe("Delta Dental");
      expect(r.account.id).toBe(a.accounts.delta);
      expect(r.activities.map((x: any) => x.id)).toEqual([a.activities.leadVisit]);
      const solo: any = await runTool(TOOLS.lead_profile, { lead_id: a.leads.doNotContact }, ctx);
      expect(solo.account).toBeNull();
    });

    it("deal_timeline returns stages in order, activities and contacts", async () => {
      const r: any = await runTool(TOOLS.deal_timeline, { deal_id: a.deals.open }, ctx);
      expect(r.stage_history.map((s: any) => s.stage)).toEqual(["discovery", "proposal"]);
      expect(r.stage_history[0].days).toBe(30);
      expect(r.stage_history[1].days).toBe(31); // open stage: until ctx.now()
      expect(r.activities.map((x: any) => x.id)).toEqual([a.activities.meeting]);
      expect(r.contacts.map((c: any) => [c.id, c.deal_role])).toEqual([[a.contacts.ok, "champion"]]);
    });

    it("ticket_with_history returns the requester, account and earlier tickets", async () => {
      const r: any = await runTool(TOOLS.ticket_with_history, { ticket_id: a.tickets.sso }, ctx);
      expect(r.ticket.subject).toContain("SSO");
      expect(r.contact.id).toBe(a.contacts.ok);
      expect(r.account.name).toBe("Acme Analytics");
      expect(r.history.map((x: any) => x.id)).toEqual([a.tickets.old]);
    });

    it("search_entities matches text and simple filters", async () => {
      const byText: any = await runTool(TOOLS.search_entities, { entity: "accounts", text: "bakery" }, ctx);
      expect(byText.hits.map((h: any) => h.id)).toEqual([a.accounts.beta]);
      const open: any = await runTool(
        TOOLS.search_entities,
        { entity: "deals", status: "open", account_id: a.accounts.acme },
        ctx,
      );
      expect(open.hits.map((h: any) => h.id)).toEqual([a.deals.open]);
      const literal: any = await runTool(TOOLS.search_entities, { entity: "tickets", text: "%" }, ctx);
      expect(literal.hits).toEqual([]); // % is matched literally, not as a wildcard
      await expect(
        runTool(TOOLS.search_entities, { entity: "contacts", status: "x" }, ctx),
      ).rejects.toMatchObject({
        code: "TOOL_INPUT_INVALID",
        path: "status",
      });
    });

    it("semantic_search finds activities, tickets and kb articles after embedding", async () => {
      const texts = [
        {
          kind: "activity" as const,
          id: a.activities.pricing,
          text: "Pricing discussion for the enterprise plan",
        },
        { kind: "ticket" as const, id: a.tickets.sso, text: "Login fails after the SSO update" },
        { kind: "ticket" as const, id: a.tickets.beta, text: "Oven dashboard is slow" },
        { kind: "kb_article" as const, id: a.kb, text: "How to reset single sign-on when login fails" },
      ];
      const embedder = new HashingEmbedder({ dimensions: 256 }).fit(texts.map((x) => x.text));
      const vectors = await embedder.embed(texts.map((x) => x.text));
      await upsertEmbeddings(
        store.sql,
        texts.map((x, i) => ({
          tenantId: a.tenantId,
          entityKind: x.kind,
          entityId: x.id,
          chunk: 0,
          embedder: embedder.id,
          content: x.text,
          embedding: vectors[i]!,
        })),
      );
      const sctx = { ...ctx, embedder };
      const r: any = await runTool(TOOLS.semantic_search, { query: "login fails", k: 2 }, sctx);
      expect(r.hits.map((h: any) => h.evidence_id).sort()).toEqual(
        [`kb_article:${a.kb}`, `ticket:${a.tickets.sso}`].sort(),
      );
      expect(r.hits[0].similarity).toBeGreaterThan(0.2);
      const pricing: any = await runTool(
        TOOLS.semantic_search,
        { query: "enterprise pricing", kinds: ["activity"] },
        sctx,
      );
      expect(pricing.hits[0]).toMatchObject({ entity_kind: "activity", entity_id: a.activities.pricing });
      const other: any = await runTool(
        TOOLS.semantic_search,
        { query: "login fails" },
        { ...sctx, tenantId: b.tenantId },
      );
      expect(other.hits).toEqual([]);
    });

    it("keeps tenants apart: B's entities are NOT_FOUND from A's context", async () => {
      const cases = [
        [TOOLS.account_360, { account_id: b.accounts.acme }],
        [TOOLS.lead_profile, { lead_id: b.leads.linked }],
        [TOOLS.deal_timeline, { deal_id: b.deals.open }],
        [TOOLS.ticket_with_history, { ticket_id: b.tickets.sso }],
      ] as const;
      for (const [tool, input] of cases) {
        await expect(runTool(tool as any, input, ctx)).rejects.toMatchObject({ code: "NOT_FOUND" });
      }
      const hits: any = await runTool(TOOLS.search_entities, { entity: "accounts", text: "Acme" }, ctx);
      expect(hits.hits.map((h: any) => h.id)).toEqual([a.accounts.acme]);
    });

    it("names the field of a bad input", async () => {
      await expect(runTool(TOOLS.account_360, { account_id: "nope" }, ctx)).rejects.toMatchObject({
        code: "TOOL_INPUT_INVALID",
        path: "account_id",
      });
      await expect(runTool(TOOLS.search_entities, { entity: "accounts", limit: 5000 }, ctx)).rejects.toThrow(
        /"limit"/,
      );
    });
  });
}

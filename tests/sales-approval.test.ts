import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../db/index.ts";
import { salesAgent } from "../graphs/sales/index.ts";
import { decideRunDrafts, type Deps } from "../graphs/runtime/index.ts";
import { SALES_AS_OF, writeSalesBook } from "./support/sales-book.ts";
import { auditOf, draftsOf, runSales, scoresOf, tasksOf } from "./support/sales-queries.ts";
import { testDeps } from "./support/runtime-deps.ts";
import { STORE_KINDS, openTestStore } from "./support/stores.ts";

describe.each(STORE_KINDS)("sales approval cycle on %s", (kind) => {
  let store: Store;
  let deps: Deps;
  const outbox = (tenantId: string) =>
    store.sql<{ draft_id: string; payload: { body: string; to: string } }[]>`
      SELECT draft_id, payload FROM outbox WHERE tenant_id = ${tenantId}`;

  beforeAll(async () => {
    store = await openTestStore(kind);
    deps = await testDeps(store, { now: () => SALES_AS_OF });
  });
  afterAll(() => store?.close());

  it("interrupt → approve one, reject one → resume: only the approved draft reaches the outbox", async () => {
    const b = await writeSalesBook(store.sql, "approve-reject");
    const leg = await runSales(deps, b.tenantId, { kind: "all" });
    expect(leg.run.status).toBe("interrupted");
    const drafts = await draftsOf(store.sql, b.tenantId);
    const [toLead, toDeal] = [drafts.find((d) => d.lead_id)!, drafts.find((d) => d.contact_id)!];
    const scoresBefore = (await scoresOf(store.sql, leg.run.id)).size;
    const done = await decideRunDrafts(
      deps,
      salesAgent,
      b.tenantId,
      leg.run.id,
      [
        { draftId: toLead.id, decision: "approve" },
        { draftId: toDeal.id, decision: "reject", note: "wrong timing" },
      ],
      "user:test",
    );
    expect(done.run.status).toBe("succeeded");
    expect(done.interrupts).toEqual([]);
    expect(done.values.outcome).toMatchObject({ approved: 1, edited: 0, rejected: 1 });
    expect((await outbox(b.tenantId)).map((o) => o.draft_id)).toEqual([toLead.id]);
    const after = await draftsOf(store.sql, b.tenantId);
    expect(Object.fromEntries(after.map((d) => [d.id, d.status]))).toEqual({
      [toLead.id]: "approved",
      [toDeal.id]: "rejected",
    });
    // the final node: a follow-up for the approved draft only, and one summary entry
    const followUps = (await tasksOf(store.sql, b.tenantId)).filter((t) => t.type === "follow_up_outreach");
    expect(followUps.map((t) => t.entity_id)).toEqual([b.leads.hot]);
    expect(followUps[0]!.evidence_ids).toEqual(toLead.evidence_ids);
    expect(followUps[0]!.assignee_id).toBe(b.users.rita);
    const [summary] = await auditOf(store.sql, leg.run.id, "sales.run_completed");
    expect(summary!.details).toMatchObject({
      tasks: 5,
      drafts: 2,
      decisions: { approved: 1, edited: 0, rejected: 1 },
    });
    // resuming re-ran nothing that writes scores, drafts or the first tasks
    expect((await scoresOf(store.sql, leg.run.id)).size).toBe(scoresBefore);
    expect(await draftsOf(store.sql, b.tenantId)).toHaveLength(2);
    expect(await tasksOf(store.sql, b.tenantId)).toHaveLength(6);
  });

  it("interrupt → edit → resume: the edited text is what goes to the outbox", async () => {
    const b = await writeSalesBook(store.sql, "edit");
    const leg = await runSales(deps, b.tenantId, { kind: "all" });
    const drafts = await draftsOf(store.sql, b.tenantId);
    const [toLead, toDeal] = [drafts.find((d) => d.lead_id)!, drafts.find((d) => d.contact_id)!];
    const done = await decideRunDrafts(
      deps,
      salesAgent,
      b.tenantId,
      leg.run.id,
      [
        { draftId: toLead.id, decision: "edit", body: "Hi Hanna, shall we talk on Tuesday? Rita" },
        { draftId: toDeal.id, decision: "approve" },
      ],
      "user:test",
    );
    expect(done.run.status).toBe("succeeded");
    expect(done.values.outcome).toMatchObject({ approved: 1, edited: 1, rejected: 0 });
    const sent = new Map((await outbox(b.tenantId)).map((o) => [o.draft_id, o.payload]));
    expect(sent.get(toLead.id)).toMatchObject({
      body: "Hi Hanna, shall we talk on Tuesday? Rita",
      to: "hanna@lead.example",
    });
    expect(sent.get(toDeal.id)).toMatchObject({ body: toDeal.body, to: "carla@example.com" });
    const followUps = (await tasksOf(store.sql, b.tenantId)).filter((t) => t.type === "follow_up_outreach");
    expect(followUps.map((t) => t.entity_id).sort()).toEqual([b.leads.hot, b.deals.stalled].sort());
  });

  it("a run without drafts does not interrupt", async () => {
    const b = await writeSalesBook(store.sql, "no-drafts");
    // one deal, single-threaded but not stalled: a task, no draft
    const leg = await runSales(deps, b.tenantId, { kind: "deal", id: b.deals.single });
    expect(leg.run.status).toBe("succeeded");
    expect(leg.interrupts).toEqual([]);
    expect(await draftsOf(store.sql, b.tenantId)).toEqual([]);
    expect((await tasksOf(store.sql, b.tenantId)).map((t) => t.type)).toEqual(["add_stakeholder"]);
    expect(leg.values.outcome).toEqual({ approved: 0, edited: 0, rejected: 0, followUps: [] });
  });

  it("a hot lead who must not be contacted gets a score, but no call task and no draft", async () => {
    const b = await writeSalesBook(store.sql, "dnc-only");
    const leg = await runSales(deps, b.tenantId, { kind: "lead", id: b.leads.optedOut });
    expect(leg.run.status).toBe("succeeded");
    expect((await scoresOf(store.sql, leg.run.id)).get(b.leads.optedOut)).toMatchObject({
      value: 80,
      tier: "hot",
    });
    expect(await draftsOf(store.sql, b.tenantId)).toEqual([]);
    expect(await tasksOf(store.sql, b.tenantId)).toEqual([]);
    const [audit] = await auditOf(store.sql, leg.run.id, "sales.draft_skipped");
    expect(audit!.details.reason).toBe("lead opted out on 2026-10-17");
  });
});

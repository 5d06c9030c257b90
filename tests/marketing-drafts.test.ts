import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignKey, goalSchema, variantOf } from "../agents/marketing/index.ts";
import type { Store } from "../db/index.ts";
import { marketingAgent, type MarketingDraft } from "../graphs/marketing/index.ts";
import { decideRunDrafts, type ApprovalRequest, type Deps } from "../graphs/runtime/index.ts";
import { MKT_AS_OF, writeMarketingBook } from "./support/marketing-book.ts";
import { auditOf, goalTarget, marketingDrafts, runMarketing } from "./support/marketing-queries.ts";
import { testDeps } from "./support/runtime-deps.ts";
import { STORE_KINDS, openTestStore } from "./support/stores.ts";

// every account: ana, dan, gus, hal and ivy may be written to (fay is at the cap)
const GOAL = { name: "Autumn update", topic: "the autumn release", campaign_kind: "email" };
const KEY = campaignKey(goalSchema.parse(GOAL));

describe.each(STORE_KINDS)("marketing drafts on %s", (kind) => {
  let store: Store;
  let deps: Deps;
  const outbox = (tenantId: string) =>
    store.sql<{ draft_id: string; payload: { body: string; to: string } }[]>`
      SELECT draft_id, payload FROM outbox WHERE tenant_id = ${tenantId}`;

  beforeAll(async () => {
    store = await openTestStore(kind);
    deps = await testDeps(store, { now: () => MKT_AS_OF });
  });
  afterAll(() => store?.close());

  it("writes two variants per audience, assigned by contact hash, recorded on each draft", async () => {
    const b = await writeMarketingBook(store.sql, "drafts-ab");
    const leg = await runMarketing(deps, b.tenantId, goalTarget(GOAL));
    expect(leg.run.status).toBe("interrupted");
    const drafts = await marketingDrafts(store.sql, b.tenantId);
    const c = b.contacts;
    expect(drafts.map((d) => d.contact_id).sort()).toEqual([c.ana, c.dan, c.gus, c.hal, c.ivy].sort());
    for (const d of drafts) {
      expect(d).toMatchObject({
        campaign_key: KEY,
        variant: variantOf(KEY, d.contact_id),
        status: "pending",
      });
      expect(d.provider).toBe("offline:marketing-templates-v1");
      expect(d.evidence_ids[0]).toBe(`contact:${d.contact_id}`);
      expect(d.subject).toMatch(
        d.variant === "A" ? /: the autumn release$/ : /, is the autumn release on your list\?$/,
      );
    }
    const ana = drafts.find((d) => d.contact_id === c.ana)!;
    expect(ana.body).toMatch(/^Hi Ana,/);
    // Atlas is in the loyal RFM group; a B draft names the meeting 120 days ago and cites it
    expect(ana.body).toContain("Thank you for working with us over the past year.");
    if (ana.variant === "B") {
      expect(ana.body).toContain("Since our meeting on 2026-07-04");
      expect(ana.evidence_ids).toContain(`activity:${b.activities.atlasMeeting}`);
    } else expect(ana.body).toContain("for teams like Atlas Freight on the growth plan");
    const [arms] = await auditOf(store.sql, leg.run.id, "marketing.variants_assigned");
    const byVariant = (v: string) =>
      drafts
        .filter((d) => d.variant === v)
        .map((d) => d.id)
        .sort();
    expect([...(arms!.details.A as string[])].sort()).toEqual(byVariant("A"));
    expect([...(arms!.details.B as string[])].sort()).toEqual(byVariant("B"));
    const request = leg.interrupts[0] as ApprovalRequest;
    expect(request.drafts.map((d) => d.id).sort()).toEqual(drafts.map((d) => d.id).sort());
    expect(request.drafts.map((d) => d.reason)).toContainEqual(
      expect.stringMatching(/^Autumn update: variant [AB], rank 1 of 5, response propensity 0\.\d{3}/),
    );
  });

  it("approve, edit, reject → resume: approved and edited text reach the outbox, rejected does not", async () => {
    const b = await writeMarketingBook(store.sql, "drafts-approval");
    const leg = await runMarketing(deps, b.tenantId, goalTarget(GOAL));
    const [first, second, third, ...rest] = leg.values.drafts as MarketingDraft[];
    const done = await decideRunDrafts(
      deps,
      marketingAgent,
      b.tenantId,
      leg.run.id,
      [
        { draftId: first!.id, decision: "approve" },
        { draftId: second!.id, decision: "edit", body: "Hi, a shorter note. — Marketing" },
        { draftId: third!.id, decision: "reject", note: "not this quarter" },
        ...rest.map((d) => ({ draftId: d.id, decision: "reject" as const })),
      ],
      "user:test",
    );
    expect(done.run.status).toBe("succeeded");
    expect(done.values.outcome).toEqual({ approved: 1, edited: 1, rejected: 1 + rest.length });
    const sent = new Map((await outbox(b.tenantId)).map((o) => [o.draft_id, o.payload]));
    expect([...sent.keys()].sort()).toEqual([first!.id, second!.id].sort());
    expect(sent.get(second!.id)!.body).toBe("Hi, a shorter note. — Marketing");
    expect(sent.get(first!.id)!.to).toBe(first!.to);
    const [summary] = await auditOf(store.sql, leg.run.id, "marketing.run_completed");
    expect(summary!.details).toMatchObject({ drafts: 5, decisions: { approved: 1, edited: 1, rejected: 3 } });
    expect((done.values.report as string[]).at(-1)).toBe("decisions: 1 approved, 1 edited, 3 rejected");
  });
});

// A second marketing run the same day must not draft contacts whose marketing drafts still wait
// for a person, and a pending draft counts toward the frequency cap whatever its age.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../db/index.ts";
import type { BuiltAudience } from "../graphs/marketing/index.ts";
import { MKT_AS_OF, setMarketingSettings, writeMarketingBook } from "./support/marketing-book.ts";
import { goalTarget, marketingDrafts, runMarketing } from "./support/marketing-queries.ts";
import { testDeps } from "./support/runtime-deps.ts";
import { STORE_KINDS, openTestStore } from "./support/stores.ts";

const audiences = (values: Record<string, unknown>) => values.audiences as BuiltAudience[];
const drafted = (a: BuiltAudience) => a.members.map((m) => m.contact.contact_id).sort();

describe.each(STORE_KINDS)("marketing and pending drafts on %s", (kind) => {
  let store: Store;
  const deps = () => testDeps(store, { now: () => MKT_AS_OF });

  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(() => store?.close());

  it("a second run the same day, for another campaign, skips contacts with pending marketing drafts", async () => {
    const b = await writeMarketingBook(store.sql, "pending-second");
    const first = await runMarketing(
      await deps(),
      b.tenantId,
      goalTarget({ name: "Dormant", segment: "mid-market", dormant_days: 90 }),
    );
    expect(first.run.status).toBe("interrupted");
    const pending = drafted(audiences(first.values)[0]!);
    expect(pending).toEqual([b.contacts.ana, b.contacts.dan, b.contacts.ivy].sort());

    // a different goal is a different campaign; the default cap (2 a week) would allow one more
    const second = await runMarketing(
      await deps(),
      b.tenantId,
      goalTarget({ name: "All mid-market", segment: "mid-market" }),
    );
    const [audience] = audiences(second.values);
    expect(drafted(audience!).filter((id) => pending.includes(id))).toEqual([]);
    expect(audience!.counts.excluded_already_drafted).toBe(3);
    const perContact = new Map<string, number>();
    for (const d of await marketingDrafts(store.sql, b.tenantId))
      if (d.status === "pending") perContact.set(d.contact_id, (perContact.get(d.contact_id) ?? 0) + 1);
    expect(Math.max(...perContact.values())).toBe(1);
  });

  it("once those drafts are decided, the contacts are under the cap again (decided drafts count in the window only)", async () => {
    const b = await writeMarketingBook(store.sql, "pending-decided");
    const first = await runMarketing(
      await deps(),
      b.tenantId,
      goalTarget({ name: "Dormant", segment: "mid-market", dormant_days: 90 }),
    );
    await store.sql`UPDATE drafts SET status = 'rejected', decision = 'reject' WHERE run_id = ${first.run.id}`;
    const second = await runMarketing(
      await deps(),
      b.tenantId,
      goalTarget({ name: "All mid-market", segment: "mid-market" }),
    );
    expect(drafted(audiences(second.values)[0]!)).toEqual(
      expect.arrayContaining([b.contacts.ana, b.contacts.dan]),
    );
  });

  it("a pending draft older than the cap window still counts toward the cap", async () => {
    const b = await writeMarketingBook(store.sql, "pending-old");
    await setMarketingSettings(store.sql, b.tenantId, { frequency_cap: { max_drafts: 1 } });
    // gus's sales draft is 10 days old, outside the 7-day window, and still pending: it can go out any time
    const smb = await runMarketing(await deps(), b.tenantId, goalTarget({ name: "SMB", segment: "smb" }));
    expect(audiences(smb.values)[0]!.counts).toMatchObject({ excluded_frequency_cap: 1, drafted: 0 });
    // decided (approved) 10 days ago, it is outside the window and no longer counts
    await store.sql`UPDATE drafts SET status = 'approved', decision = 'approve' WHERE tenant_id = ${b.tenantId} AND contact_id = ${b.contacts.gus}`;
    const again = await runMarketing(await deps(), b.tenantId, goalTarget({ name: "SMB", segment: "smb" }));
    expect(drafted(audiences(again.values)[0]!)).toEqual([b.contacts.gus]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BuiltAudience } from "../graphs/marketing/index.ts";
import type { Store } from "../db/index.ts";
import { MKT_AS_OF, setMarketingSettings, writeMarketingBook } from "./support/marketing-book.ts";
import { goalTarget, marketingDrafts, runMarketing } from "./support/marketing-queries.ts";
import { testDeps } from "./support/runtime-deps.ts";
import { STORE_KINDS, openTestStore } from "./support/stores.ts";

const audiences = (values: Record<string, unknown>) => values.audiences as BuiltAudience[];
const drafted = (a: BuiltAudience) => a.members.map((m) => m.contact.contact_id);

describe.each(STORE_KINDS)("marketing audience caps on %s", (kind) => {
  let store: Store;
  const deps = () => testDeps(store, { now: () => MKT_AS_OF });

  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(() => store?.close());

  it("the frequency cap counts other agents' drafts this week", async () => {
    const b = await writeMarketingBook(store.sql, "aud-cap");
    // every mid-market account: fay (Birch) already has a sales and a cs draft this week
    const leg = await runMarketing(
      await deps(),
      b.tenantId,
      goalTarget({ name: "Mid-market", segment: "mid-market" }),
    );
    const [audience] = audiences(leg.values);
    expect(audience!.counts).toMatchObject({
      total: 7,
      excluded_consent: 2,
      excluded_frequency_cap: 1,
      final: 3,
    });
    expect(drafted(audience!)).not.toContain(b.contacts.fay);
    // gus's sales draft was 10 days ago: outside the week
    const smb = await runMarketing(await deps(), b.tenantId, goalTarget({ name: "SMB", segment: "smb" }));
    expect(drafted(audiences(smb.values)[0]!)).toEqual([b.contacts.gus]);
  });

  it("the cap holds within a run: a contact drafted for one goal counts against the next", async () => {
    const b = await writeMarketingBook(store.sql, "aud-cap-run");
    await setMarketingSettings(store.sql, b.tenantId, { frequency_cap: { max_drafts: 1 } });
    const leg = await runMarketing(
      await deps(),
      b.tenantId,
      goalTarget(
        { name: "Dormant", segment: "mid-market", dormant_days: 90 },
        { name: "All mid-market", segment: "mid-market" },
      ),
    );
    const [first, second] = audiences(leg.values);
    expect(drafted(first!).sort()).toEqual([b.contacts.ana, b.contacts.dan, b.contacts.ivy].sort());
    // ana, dan and ivy were drafted by the first goal; fay is over the cap already
    expect(second!.counts).toMatchObject({
      total: 7,
      excluded_consent: 2,
      excluded_no_email: 1,
      excluded_frequency_cap: 4,
    });
    expect(second!.counts.final).toBe(0);
    const perContact = new Map<string, number>();
    for (const d of await marketingDrafts(store.sql, b.tenantId))
      perContact.set(d.contact_id, (perContact.get(d.contact_id) ?? 0) + 1);
    expect(Math.max(...perContact.values())).toBe(1);
  });

  it("an account target restricts the default goal to that account's contacts", async () => {
    const b = await writeMarketingBook(store.sql, "aud-account");
    const leg = await runMarketing(await deps(), b.tenantId, { kind: "account", id: b.accounts.atlas });
    const [audience] = audiences(leg.values);
    // the default goal: dormant (60 days) customers
    expect(audience!.name).toBe("Re-engage dormant customers");
    expect(audience!.counts).toMatchObject({ total: 5, excluded_consent: 2, excluded_no_email: 1, final: 2 });
  });
});

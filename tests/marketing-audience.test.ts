import { AIMessage } from "@langchain/core/messages";
import { fakeModel } from "@langchain/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BuiltAudience } from "../graphs/marketing/index.ts";
import type { PlannedAudience } from "../agents/marketing/index.ts";
import type { Store } from "../db/index.ts";
import { MKT_AS_OF, writeMarketingBook } from "./support/marketing-book.ts";
import { goalTarget, marketingDrafts, runMarketing } from "./support/marketing-queries.ts";
import { testDeps } from "./support/runtime-deps.ts";
import { STORE_KINDS, openTestStore } from "./support/stores.ts";

const json = (value: unknown) => new AIMessage({ content: JSON.stringify(value) });
const template = json({
  subject: "{company}: a note for {first_name}",
  body: "Hi {first_name},\n{segment_note}{cta}",
});
const audiences = (values: Record<string, unknown>) => values.audiences as BuiltAudience[];
const planned = (values: Record<string, unknown>) => values.planned as PlannedAudience[];
const drafted = (a: BuiltAudience) => a.members.map((m) => m.contact.contact_id);

describe.each(STORE_KINDS)("marketing audiences on %s", (kind) => {
  let store: Store;
  const deps = (chatModel?: ReturnType<typeof fakeModel>) =>
    testDeps(store, { now: () => MKT_AS_OF, ...(chatModel ? { chatModel } : {}) });

  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(() => store?.close());

  it("a structured goal becomes a filter spec by rules; consent, opt-outs and missing emails are excluded", async () => {
    const b = await writeMarketingBook(store.sql, "aud-structured");
    const leg = await runMarketing(
      await deps(),
      b.tenantId,
      goalTarget({ segment: "mid_market", dormant_days: 90 }),
    );
    expect(leg.run.status).toBe("interrupted");
    const [plan] = planned(leg.values);
    expect(plan).toMatchObject({ source: "rules", rejected: [] });
    expect(plan!.spec).toMatchObject({
      inactive_days: 90,
      filter: { conditions: [{ field: "segment", value: "mid-market" }] },
    });
    // Atlas and Elm are dormant mid-market accounts; Birch engaged 5 days ago
    const [audience] = audiences(leg.values);
    expect(audience!.counts).toEqual({
      total: 6,
      excluded_consent: 2,
      excluded_no_email: 1,
      excluded_already_drafted: 0,
      excluded_frequency_cap: 0,
      final: 3,
      drafted: 3,
    });
    // ana responded before; ivy's account has been quiet for 200 days
    expect(drafted(audience!)).toEqual([b.contacts.ana, b.contacts.dan, b.contacts.ivy]);
    const drafts = await marketingDrafts(store.sql, b.tenantId);
    expect(drafts.map((d) => d.contact_id).sort()).toEqual(
      [b.contacts.ana, b.contacts.dan, b.contacts.ivy].sort(),
    );
    for (const excluded of [b.contacts.ben, b.contacts.cara, b.contacts.eve])
      expect(drafts.some((d) => d.contact_id === excluded)).toBe(false);
  });

  it("a goal in words gets its filter spec from the model, validated", async () => {
    const b = await writeMarketingBook(store.sql, "aud-model");
    const spec = {
      filter: {
        entity: "accounts",
        combine: "and",
        conditions: [{ field: "segment", op: "eq", value: "mid-market" }],
      },
      inactive_days: 90,
      campaign_kind: "webinar",
      rationale: "mid-market accounts quiet for a quarter",
    };
    const chatModel = fakeModel().respond(json(spec)).respond(template).respond(template);
    const leg = await runMarketing(
      await deps(chatModel),
      b.tenantId,
      goalTarget("re-engage dormant mid-market accounts"),
    );
    const [plan] = planned(leg.values);
    expect(plan!.source).toMatch(/fake-model/);
    expect(plan!.explanation).toEqual(["mid-market accounts quiet for a quarter"]);
    expect(plan!.spec.campaign_kind).toBe("webinar");
    expect(audiences(leg.values)[0]!.counts).toMatchObject({ total: 6, final: 3 });
    const drafts = await marketingDrafts(store.sql, b.tenantId);
    expect(drafts[0]!.subject).toMatch(/^Atlas Freight: a note for (Ana|Dan)$|^Elm Studio: a note for Ivy$/);
    expect(drafts[0]!.provider).toMatch(/fake-model/);
  });

  it("an unsafe model spec is rejected and the goal falls back to the rules", async () => {
    const b = await writeMarketingBook(store.sql, "aud-unsafe");
    const unsafe = {
      filter: {
        entity: "contacts",
        combine: "or",
        conditions: [{ field: "email_consent", op: "eq", value: false }],
      },
      campaign_kind: "email",
    };
    const chatModel = fakeModel().respond(json(unsafe)).respond(template).respond(template);
    const leg = await runMarketing(
      await deps(chatModel),
      b.tenantId,
      goalTarget("re-engage dormant mid-market accounts"),
    );
    const [plan] = planned(leg.values);
    expect(plan!.source).toBe(
      "rules (model spec rejected: filter.entity: an audience selects accounts, not contacts)",
    );
    expect(plan!.rejected).toEqual(["filter.entity: an audience selects accounts, not contacts"]);
    expect(plan!.spec).toMatchObject({ inactive_days: 90, filter: { entity: "accounts" } });
    expect(audiences(leg.values)[0]!.counts).toMatchObject({ total: 6, excluded_consent: 2, final: 3 });
    expect((leg.values.report as string[]).join("\n")).toContain("model spec rejected");
  });
});

// GET /v1/drafts (cursor paging with totals; filters by agent, channel, status, run and account
// owner) and GET /v1/outbox (approved drafts waiting to be sent), on both stores.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sql } from "../db/index.ts";
import { MAX_PAGE_SIZE } from "../server/http/paging.ts";
import { call, keyedTenant, openHttpApp, type HttpHarness, type KeyedTenant } from "./support/http-app.ts";
import { writeSalesBook, type SalesBook } from "./support/sales-book.ts";
import { STORE_KINDS } from "./support/stores.ts";

type Page<T> = { data: T[]; page: { limit: number; next_cursor: string | null; total: number } };
type DraftView = { id: string; agent: string; channel: string; status: string; created_at: string };
type OutboxView = {
  id: string;
  draft_id: string;
  agent: string;
  to: string | null;
  body: string;
  decision: string;
};
type ErrorBody = { error: { code: string; message: string; field?: string } };

const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 9, minute));

/** A pending draft written outside any run. */
async function writeDraft(
  sql: Sql,
  t: string,
  d: {
    agent: string;
    channel: string;
    contact?: string;
    lead?: string;
    account?: string;
    at: Date;
    key: string;
  },
): Promise<string> {
  const entity = d.contact ?? d.lead!;
  const [row] = await sql<{ id: string }[]>`
    INSERT INTO drafts (tenant_id, channel, contact_id, lead_id, account_id, entity_kind, entity_id, subject, body,
                        evidence_ids, provider, agent, idempotency_key, created_at)
    VALUES (${t}, ${d.channel}, ${d.contact ?? null}, ${d.lead ?? null}, ${d.account ?? null},
            ${d.contact ? "contact" : "lead"}, ${entity}, 'Hello', ${`Hello from ${d.key}`},
            ${[`${d.contact ? "contact" : "lead"}:${entity}`]}, 'offline:test', ${d.agent}, ${d.key}, ${d.at})
    RETURNING id`;
  return row!.id;
}

describe.each(STORE_KINDS)("drafts and the outbox over HTTP on %s", (kind) => {
  let h: HttpHarness;
  let t: KeyedTenant;
  let other: KeyedTenant;
  let book: SalesBook;
  const ids = { cs: [] as string[], mkt: [] as string[], support: "" };

  beforeAll(async () => {
    h = await openHttpApp(kind);
    book = await writeSalesBook(h.store.sql, "drafts-list");
    t = await keyedTenant(h.store, "drafts-list");
    await writeSalesBook(h.store.sql, "drafts-other");
    other = await keyedTenant(h.store, "drafts-other");
    const sql = h.store.sql;
    const { carla, bert } = book.contacts;
    // two cs replies share their instant: the id breaks the tie, and paging keeps it
    for (const [i, minute] of [1, 2, 2].entries())
      ids.cs.push(
        await writeDraft(sql, t.tenantId, {
          agent: "cs",
          channel: "reply",
          contact: carla,
          account: book.accounts.acme,
          at: at(minute),
          key: `cs-${i}`,
        }),
      );
    for (const [i, minute] of [3, 4].entries())
      ids.mkt.push(
        await writeDraft(sql, t.tenantId, {
          agent: "marketing",
          channel: "email",
          contact: bert,
          account: book.accounts.bolt,
          at: at(minute),
          key: `mkt-${i}`,
        }),
      );
    ids.support = await writeDraft(sql, t.tenantId, {
      agent: "support",
      channel: "email",
      lead: book.leads.warm,
      at: at(5),
      key: "sup",
    });
  });
  afterAll(() => h?.close());

  const drafts = (query: string, key = t.keys.read) =>
    call<Page<DraftView>>(h.app, "GET", `/v1/drafts${query}`, { key });

  it("pages newest first with a cursor and a total, every draft once, ties in a stable order", async () => {
    const seen: DraftView[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await drafts(`?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      expect(res.body.page.total).toBe(6);
      seen.push(...res.body.data);
      cursor = res.body.page.next_cursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.map((d) => d.id)).toEqual([
      ids.support,
      ids.mkt[1],
      ids.mkt[0],
      ...[ids.cs[1]!, ids.cs[2]!].sort().reverse(),
      ids.cs[0],
    ]);
  });

  it("filters by agent, channel, status, run and the account's owner, with totals under the filters", async () => {
    expect((await drafts("?agent=cs")).body.page.total).toBe(3);
    expect((await drafts("?channel=email")).body.data.map((d) => d.agent).sort()).toEqual([
      "marketing",
      "marketing",
      "support",
    ]);
    // sam owns Bolt (bert's account); rita owns Acme and the warm lead, which has no account
    const sam = await drafts(`?owner_id=${book.users.sam}`);
    expect(sam.body.data.map((d) => d.id).sort()).toEqual([...ids.mkt].sort());
    expect((await drafts(`?owner_id=${book.users.rita}`)).body.page.total).toBe(4);
    expect((await drafts("?status=approved")).body.page.total).toBe(0);
    expect((await drafts(`?run_id=${book.users.sam}`)).body).toMatchObject({ data: [], page: { total: 0 } });
    // another tenant's key sees none of them
    expect((await drafts("", other.keys.read)).body.page.total).toBe(0);
  });

  it("refuses a page larger than the maximum and a cursor it did not give out", async () => {
    const big = await call<ErrorBody>(h.app, "GET", `/v1/drafts?limit=${MAX_PAGE_SIZE + 1}`, {
      key: t.keys.read,
    });
    expect(big.status).toBe(400);
    expect(big.body.error.field).toBe("limit");
    expect(big.body.error.message).toContain(String(MAX_PAGE_SIZE));
    const bad = await call<ErrorBody>(h.app, "GET", "/v1/drafts?cursor=bm90LWEtY3Vyc29y", {
      key: t.keys.read,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "INVALID_CURSOR", field: "cursor" });
    expect((await call(h.app, "GET", "/v1/outbox?limit=0", { key: t.keys.read })).status).toBe(400);
  });

  it("the outbox lists approved drafts oldest first, as approved, with filters, paging and totals", async () => {
    const decide = (id: string, body: Record<string, unknown>) =>
      call(h.app, "POST", `/v1/drafts/${id}/decision`, { key: t.keys.approve, body });
    expect((await decide(ids.mkt[1]!, { decision: "approve" })).status).toBe(200);
    expect((await decide(ids.cs[0]!, { decision: "edit", body: "Thanks, Carla: fixed." })).status).toBe(200);
    expect((await decide(ids.mkt[0]!, { decision: "reject", reason: "too soon" })).status).toBe(200);

    const first = await call<Page<OutboxView>>(h.app, "GET", "/v1/outbox?limit=1", { key: t.keys.read });
    expect(first.body.page.total).toBe(2);
    expect(first.body.data).toMatchObject([
      { draft_id: ids.mkt[1], agent: "marketing", to: "bert@example.com", decision: "approve" },
    ]);
    const second = await call<Page<OutboxView>>(
      h.app,
      "GET",
      `/v1/outbox?limit=1&cursor=${first.body.page.next_cursor}`,
      { key: t.keys.read },
    );
    expect(second.body.data).toMatchObject([
      { draft_id: ids.cs[0], body: "Thanks, Carla: fixed.", decision: "edit" },
    ]);
    expect(second.body.page.next_cursor).toBeNull();

    const cs = await call<Page<OutboxView>>(h.app, "GET", "/v1/outbox?agent=cs&channel=reply", {
      key: t.keys.read,
    });
    expect(cs.body.data.map((o) => o.draft_id)).toEqual([ids.cs[0]]);
    expect(
      (await call<Page<OutboxView>>(h.app, "GET", "/v1/outbox?channel=sms", { key: t.keys.read })).body.page
        .total,
    ).toBe(0);
    // a delivered entry is no longer waiting
    await h.store.sql`UPDATE outbox SET delivered_at = now() WHERE draft_id = ${ids.mkt[1]!}`;
    expect(
      (await call<Page<OutboxView>>(h.app, "GET", "/v1/outbox", { key: t.keys.read })).body.page.total,
    ).toBe(1);
    expect(
      (await call<Page<OutboxView>>(h.app, "GET", "/v1/outbox", { key: other.keys.read })).body.page.total,
    ).toBe(0);
    expect((await drafts("?status=approved")).body.page.total).toBe(2);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeEntitiesBook, type EntitiesBook } from "./support/entities-book.ts";
import { call, keyedTenant, openHttpApp, type HttpHarness, type KeyedTenant } from "./support/http-app.ts";
import { STORE_KINDS } from "./support/stores.ts";

type Row = {
  id: string;
  name?: string;
  scores: Record<string, { value: number; tier: string | null; scored_at: string }>;
};
type Page<T = Row> = { data: T[]; page: { limit: number; next_cursor: string | null; total: number } };
type ErrorBody = { error: { code: string; message: string; field?: string } };

describe.each(STORE_KINDS)("HTTP entity lists on %s", (kind) => {
  let h: HttpHarness;
  let t: KeyedTenant;
  let b: EntitiesBook;
  let other: EntitiesBook;
  let otherKey: string;

  const get = async <T = Page>(path: string, key = t.keys.read) => {
    const res = await call<T>(h.app, "GET", path, { key });
    return res;
  };
  const page = async (path: string) => {
    const res = await get(path);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  /** Every row of a list, walking its cursors `limit` at a time; checks the total on each page. */
  const walk = async (path: string, limit: number) => {
    const sep = path.includes("?") ? "&" : "?";
    const ids: string[] = [];
    let cursor: string | null = null;
    let total = -1;
    do {
      const p: Page = await page(`${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
      expect(p.data.length).toBeLessThanOrEqual(limit);
      if (total >= 0) expect(p.page.total).toBe(total);
      total = p.page.total;
      ids.push(...p.data.map((r) => r.id));
      cursor = p.page.next_cursor;
    } while (cursor);
    expect(ids).toHaveLength(total);
    return ids;
  };

  beforeAll(async () => {
    h = await openHttpApp(kind);
    b = await writeEntitiesBook(h.store.sql, "entities");
    t = await keyedTenant(h.store, "entities");
    other = await writeEntitiesBook(h.store.sql, "entities-other");
    otherKey = (await keyedTenant(h.store, "entities-other")).keys.read;
  });
  afterAll(() => h?.close());

  it("lists accounts by name, in stable cursor pages with totals, each with its latest scores", async () => {
    const a = b.accounts;
    const all = await page("/v1/accounts");
    expect(all.data.map((r) => r.id)).toEqual([a.alpha, a.beta, a.delta, a.pct, a.gamma]);
    expect(all.page).toEqual({ limit: 50, next_cursor: null, total: 5 });
    expect(await walk("/v1/accounts", 2)).toEqual(all.data.map((r) => r.id));
    const alpha = all.data[0]!;
    // the newer health score replaced the older one
    expect(alpha.scores.health).toMatchObject({
      value: 30,
      tier: "at_risk",
      scored_at: "2026-11-01T00:00:00.000Z",
    });
    expect(Object.keys(alpha.scores).sort()).toEqual(["churn", "health"]);
    expect(all.data[4]!.scores).toEqual({});
    // ties on updated (same microsecond on alpha and beta) still page without loss or repeats
    expect(await walk("/v1/accounts?sort=updated", 1)).toEqual([
      a.gamma,
      ...[a.alpha, a.beta].sort().reverse(),
      a.delta,
      a.pct,
    ]);
  });

  it("sorts accounts by churn, health and ARR with rows without a value last, either way", async () => {
    const a = b.accounts;
    const ids = async (q: string) => (await page(`/v1/accounts?${q}`)).data.map((r) => r.id);
    expect((await ids("sort=churn")).slice(0, 3)).toEqual([a.alpha, a.delta, a.beta]);
    expect((await ids("sort=churn&order=asc")).slice(0, 3)).toEqual([a.beta, a.delta, a.alpha]);
    expect((await ids("sort=health&order=asc")).slice(0, 3)).toEqual([a.alpha, a.delta, a.beta]);
    expect(await ids("sort=arr")).toEqual([a.delta, a.alpha, a.pct, a.beta, a.gamma]);
    expect(await ids("sort=arr&order=asc")).toEqual([a.beta, a.pct, a.alpha, a.delta, a.gamma]);
    expect(await walk("/v1/accounts?sort=arr&order=asc", 2)).toEqual([
      a.beta,
      a.pct,
      a.alpha,
      a.delta,
      a.gamma,
    ]);
    expect(await walk("/v1/accounts?sort=renewal", 3)).toHaveLength(5);
  });

  it("filters accounts by owner, region, search (wildcards literal) and tier", async () => {
    const a = b.accounts;
    const ids = async (q: string) => (await page(`/v1/accounts?${q}`)).data.map((r) => r.id).sort();
    expect(await ids(`owner_id=${b.people.bo}`)).toEqual([a.beta, a.gamma].sort());
    expect(await ids("region=EMEA")).toEqual([a.alpha, a.beta].sort());
    expect(await ids("q=ALP")).toEqual([a.alpha]);
    expect(await ids(`q=${encodeURIComponent("100%")}`)).toEqual([a.pct]);
    expect(await ids(`q=${encodeURIComponent("%")}`)).toEqual([a.pct]);
    expect(await ids("tier=at_risk")).toEqual([a.alpha, a.delta].sort());
    expect(await ids("tier=high&score_kind=churn")).toEqual([a.alpha]);
    const filtered = await page("/v1/accounts?region=US&limit=1");
    expect(filtered.page.total).toBe(2);
    // another tenant's owner id filters to nothing, like an unknown one
    expect((await page(`/v1/accounts?owner_id=${other.people.bo}`)).page.total).toBe(0);
  });

  it("refuses a page larger than the maximum, a bad sort and a cursor of another sort", async () => {
    const big = await get<ErrorBody>("/v1/accounts?limit=201");
    expect(big.status).toBe(400);
    expect(big.body.error.field).toBe("limit");
    expect(big.body.error.message).toMatch(/at most 200/);
    const sort = await get<ErrorBody>("/v1/accounts?sort=colour");
    expect(sort.status).toBe(400);
    expect(sort.body.error.field).toBe("sort");
    const first = await page("/v1/accounts?limit=1");
    const wrong = await get<ErrorBody>(`/v1/accounts?sort=arr&limit=1&cursor=${first.page.next_cursor}`);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: "INVALID_CURSOR", field: "cursor" });
    const leadCursor = await get<ErrorBody>(`/v1/leads?sort=name&cursor=${first.page.next_cursor}`);
    expect(leadCursor.body.error).toMatchObject({ code: "INVALID_CURSOR", field: "cursor" });
    const garbage = await get<ErrorBody>("/v1/accounts?cursor=bm90LWpzb24");
    expect(garbage.body.error).toMatchObject({ code: "INVALID_CURSOR", field: "cursor" });
  });

  it("answers one account and one lead with their latest scores and reasons; unknown or foreign ids are 404", async () => {
    const acc = await get<{
      id: string;
      owner_name: string;
      scores: { kind: string; value: number; reasons: unknown[] }[];
      counts: Record<string, number>;
    }>(`/v1/accounts/${b.accounts.alpha}`);
    expect(acc.status).toBe(200);
    expect(acc.body.owner_name).toBe("Ana Rep");
    expect(acc.body.scores.map((s) => [s.kind, s.value])).toEqual([
      ["churn", 70],
      ["health", 30],
    ]);
    expect(acc.body.scores[1]!.reasons).toEqual([{ factor: "health_factor", contribution: 3 }]);
    expect(acc.body.counts).toEqual({ contacts: 1, open_deals: 1, open_tickets: 2, open_tasks: 0 });
    const lead = await get<{ name: string; scores: { kind: string; tier: string }[] }>(
      `/v1/leads/${b.leads.hot}`,
    );
    expect(lead.status).toBe(200);
    expect(lead.body.name).toBe("Hana Lee");
    expect(lead.body.scores).toMatchObject([{ kind: "lead", tier: "hot" }]);
    for (const path of [
      `/v1/accounts/${other.accounts.alpha}`,
      `/v1/leads/${other.leads.hot}`,
      `/v1/leads/${b.accounts.alpha}`,
    ]) {
      const res = await get<ErrorBody>(path);
      expect(res.status, path).toBe(404);
      expect(res.body.error.field).toBe("id");
    }
    expect((await get<ErrorBody>("/v1/accounts/not-a-uuid")).body.error.field).toBe("id");
    // the other tenant sees its own account under its own key
    expect((await get(`/v1/accounts/${other.accounts.alpha}`, otherKey)).status).toBe(200);
  });

  it("lists leads hottest first, filtered by status, owner, search and tier", async () => {
    const l = b.leads;
    const ids = async (q: string) => (await page(`/v1/leads${q}`)).data.map((r) => r.id);
    expect(await ids("")).toEqual([l.hot, l.warm, l.cold, l.unscored]);
    expect(await ids("?sort=name")).toEqual([l.cold, l.hot, l.unscored, l.warm]);
    expect(await ids("?status=new,working&sort=name")).toEqual([l.hot, l.unscored, l.warm]);
    expect(await ids(`?owner_id=${b.people.ana}`)).toEqual([l.hot, l.cold]);
    expect(await ids("?q=warmco")).toEqual([l.warm]);
    expect(await ids("?tier=hot")).toEqual([l.hot]);
    expect(await walk("/v1/leads", 1)).toEqual([l.hot, l.warm, l.cold, l.unscored]);
    expect((await get<ErrorBody>("/v1/leads?status=new,asleep")).body.error.field).toMatch(/^status/);
  });

  it("lists deals, tickets, contacts and people with their filters and sorts", async () => {
    const ids = async (path: string) => (await page(path)).data.map((r) => r.id);
    expect(await ids("/v1/deals")).toEqual([b.deals.won, b.deals.soon, b.deals.late]);
    expect(await ids("/v1/deals?status=open&sort=win")).toEqual([b.deals.late, b.deals.soon]);
    expect(await ids(`/v1/deals?account_id=${b.accounts.beta}`)).toEqual([b.deals.late]);
    expect(await ids("/v1/deals?q=gamma")).toEqual([b.deals.won]);
    expect(await ids("/v1/tickets")).toEqual([b.tickets.low, b.tickets.critical, b.tickets.closed]);
    expect(await ids("/v1/tickets?sort=priority")).toEqual([
      b.tickets.critical,
      b.tickets.closed,
      b.tickets.low,
    ]);
    expect(await ids("/v1/tickets?status=open,pending&q=outage")).toEqual([b.tickets.critical]);
    const contacts = await page("/v1/contacts");
    expect(contacts.data.map((r) => r.id)).toEqual([b.contacts.carla, b.contacts.dora]);
    expect(contacts.data[0]!.scores.response_webinar).toMatchObject({ value: 55, tier: "medium" });
    expect(await ids("/v1/contacts?contactable=false")).toEqual([b.contacts.dora]);
    expect(await ids(`/v1/contacts?account_id=${b.accounts.alpha}`)).toEqual([b.contacts.carla]);
    const people = await page("/v1/people?territory=EMEA");
    expect(people.data.map((r) => r.name)).toEqual(["Ana Rep", "Cy Success"]);
    expect(await ids("/v1/people?role=rep&sort=capacity")).toEqual([b.people.ana, b.people.bo]);
    expect(await ids("/v1/people?skill=escalations")).toEqual([b.people.cy]);
    expect((await get<ErrorBody>("/v1/people?active=maybe")).body.error.field).toBe("active");
  });

  it("ranks the top scores of a kind with reasons and names, in pages, within the tenant", async () => {
    type Top = Page<{
      entity_id: string;
      entity_name: string;
      value: number;
      reasons: unknown[];
      tier: string;
    }>;
    const hot = await get<Top>("/v1/scores?kind=lead&limit=2");
    expect(hot.status).toBe(200);
    expect(hot.body.data.map((r) => [r.entity_name, r.value])).toEqual([
      ["Hana Lee", 90],
      ["Wim Lee", 40],
    ]);
    expect(hot.body.data[0]!.reasons).toEqual([{ factor: "lead_factor", contribution: 9 }]);
    expect(hot.body.page.total).toBe(3);
    const rest = await get<Top>(`/v1/scores?kind=lead&limit=2&cursor=${hot.body.page.next_cursor}`);
    expect(rest.body.data.map((r) => r.entity_name)).toEqual(["Cole Lee"]);
    expect(rest.body.page.next_cursor).toBeNull();
    const atRisk = await get<Top>("/v1/scores?kind=churn&entity_kind=account");
    expect(atRisk.body.data.map((r) => r.entity_id)).toEqual([
      b.accounts.alpha,
      b.accounts.delta,
      b.accounts.beta,
    ]);
    const lowestHealth = await get<Top>("/v1/scores?kind=health&order=asc&limit=1");
    expect(lowestHealth.body.data.map((r) => [r.entity_name, r.value])).toEqual([["Alpha", 30]]);
    const tier = await get<Top>("/v1/scores?kind=health&tier=at_risk");
    expect(tier.body.data.map((r) => r.entity_name)).toEqual(["Delta", "Alpha"]);
    const ids = new Set(Object.values(other.accounts).concat(Object.values(other.leads)));
    expect(atRisk.body.data.concat(hot.body.data).some((r) => ids.has(r.entity_id))).toBe(false);
    const big = await get<ErrorBody>("/v1/scores?kind=lead&limit=201");
    expect(big.body.error).toMatchObject({ field: "limit" });
    expect(big.body.error.message).toMatch(/at most 200/);
    const nothing = await get<ErrorBody>("/v1/scores");
    expect(nothing.status).toBe(400);
    expect(nothing.body.error.field).toBe("entity_id");
    // one entity's history still answers, with or without its kind
    const history = await get<{ current: { kind: string }[] }>(`/v1/scores?entity_id=${b.accounts.alpha}`);
    expect(history.body.current.map((s) => s.kind).sort()).toEqual(["churn", "health"]);
  });
});

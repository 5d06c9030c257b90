import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_PAGE_SIZE } from "../server/http/paging.ts";
import { call, keyedTenant, openHttpApp, type HttpHarness, type KeyedTenant } from "./support/http-app.ts";
import { STORE_KINDS } from "./support/stores.ts";

type Page<T> = { data: T[]; page: { limit: number; next_cursor: string | null; total: number } };
type ErrorBody = { error: { code: string; message: string; field?: string } };

// Schedules and plans are lists like the others: cursor pages with a total, a stable order, and
// a limit above the maximum page size is a 400 that says the maximum.
describe.each(STORE_KINDS)("cursor pages of schedules and plans on %s", (kind) => {
  let h: HttpHarness;
  let t: KeyedTenant;

  beforeAll(async () => {
    h = await openHttpApp(kind);
    t = await keyedTenant(h.store, "paging");
    for (const name of ["e-weekly", "a-daily", "c-monthly", "b-hourly", "d-yearly"]) {
      const made = await call(h.app, "POST", "/v1/schedules", {
        key: t.keys.admin,
        body: { name, agent: "cs", cron: "0 7 * * 1-5", tz: "Europe/Berlin" },
      });
      expect(made.status).toBe(201);
    }
  });
  afterAll(() => h?.close());

  it("pages schedules by name, two at a time, with the total and nothing repeated", async () => {
    const names: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : "";
      const res = await call<Page<{ name: string }>>(h.app, "GET", `/v1/schedules?limit=2${query}`, {
        key: t.keys.read,
      });
      expect(res.status).toBe(200);
      expect(res.body.page.total).toBe(5);
      names.push(...res.body.data.map((s) => s.name));
      cursor = res.body.page.next_cursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(names).toEqual(["a-daily", "b-hourly", "c-monthly", "d-yearly", "e-weekly"]);
  });

  it("refuses a limit above the maximum and a cursor it did not give out, naming the field", async () => {
    for (const path of ["/v1/schedules", "/v1/plans"]) {
      const big = await call<ErrorBody>(h.app, "GET", `${path}?limit=${MAX_PAGE_SIZE + 1}`, {
        key: t.keys.read,
      });
      expect(big.status, path).toBe(400);
      expect(big.body.error.field).toBe("limit");
      expect(big.body.error.message).toContain(`at most ${MAX_PAGE_SIZE}`);
      const bad = await call<ErrorBody>(h.app, "GET", `${path}?cursor=not-a-cursor`, { key: t.keys.read });
      expect(bad.status, path).toBe(400);
      expect(bad.body.error).toMatchObject({ code: "INVALID_CURSOR", field: "cursor" });
    }
  });

  it("answers plans as a cursor page with its total", async () => {
    const res = await call<Page<unknown>>(h.app, "GET", "/v1/plans?limit=5", { key: t.keys.read });
    expect(res.status).toBe(200);
    expect(res.body.page).toEqual({ limit: 5, next_cursor: null, total: 0 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../db/index.ts";
import { runTool, TOOLS, type ToolContext } from "../tools/index.ts";
import { bookContext, writeToolsBook, type ToolsBook } from "./support/tools-book.ts";
import { STORE_KINDS, openTestStore } from "./support/stores.ts";

for (const kind of STORE_KINDS) {
  describe(`segment_query on ${kind}`, () => {
    let store: Store;
    let a: ToolsBook;
    let ctx: ToolContext;

    beforeAll(async () => {
      store = await openTestStore(kind);
      a = await writeToolsBook(store.sql, "seg-a");
      await writeToolsBook(store.sql, "seg-b"); // same rows in another tenant: never counted
      ctx = bookContext(store.sql, a);
    });
    afterAll(() => store.close());

    const segment = async (filter: Record<string, unknown>, limit?: number) =>
      runTool(TOOLS.segment_query, { filter, ...(limit ? { limit } : {}) }, ctx);

    it("combines conditions with and", async () => {
      const r = await segment({
        entity: "accounts",
        conditions: [
          { field: "mrr", op: "gte", value: 1000 },
          { field: "lifecycle_stage", op: "neq", value: "churned" },
        ],
      });
      expect(r.count).toBe(2);
      expect(new Set(r.ids)).toEqual(new Set([a.accounts.acme, a.accounts.epsilon]));
    });

    it("combines groups with or, in, contains, is_null and dates", async () => {
      const r = await segment({
        entity: "accounts",
        combine: "or",
        conditions: [{ field: "mrr", op: "is_null", value: true }],
        groups: [
          {
            combine: "and",
            conditions: [
              { field: "segment", op: "in", value: ["smb", "mid-market"] },
              { field: "renewal_date", op: "lt", value: "2027-01-01" },
            ],
          },
          { conditions: [{ field: "name", op: "contains", value: "ENERGY" }] },
        ],
      });
      expect(new Set(r.ids)).toEqual(new Set([a.accounts.delta, a.accounts.beta, a.accounts.epsilon]));
      expect(r.count).toBe(3);
    });

    it("counts beyond the limit and marks the result truncated", async () => {
      const r = await segment({ entity: "accounts" }, 2);
      expect(r).toMatchObject({ count: 5, truncated: true });
      expect(r.ids).toHaveLength(2);
      const contacts = await segment({
        entity: "contacts",
        conditions: [
          { field: "email_consent", op: "eq", value: true },
          { field: "account_id", op: "eq", value: a.accounts.acme },
        ],
      });
      expect(contacts).toMatchObject({ count: 1, ids: [a.contacts.ok], truncated: false });
    });

    it("names a field that is not whitelisted, and a value of the wrong type", async () => {
      const err = await segment({
        entity: "contacts",
        groups: [{ conditions: [{ field: "tenant_id", op: "eq", value: "x" }] }],
      }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: "TOOL_INPUT_INVALID", path: "filter.groups[0].conditions[0].field" });
      expect(String(err)).toContain('unknown field "tenant_id" for contacts');
      await expect(
        segment({ entity: "accounts", conditions: [{ field: "mrr", op: "gt", value: "lots" }] }),
      ).rejects.toMatchObject({ path: "filter.conditions[0].value" });
      await expect(
        segment({ entity: "deals", conditions: [{ field: "amount", op: "contains", value: 5 }] }),
      ).rejects.toThrow(/contains works on text fields only/);
      await expect(
        segment({ entity: "deals", conditions: [{ field: "stage", op: "like", value: "x" }] }),
      ).rejects.toMatchObject({ path: "filter.conditions[0].op" });
    });
  });
}

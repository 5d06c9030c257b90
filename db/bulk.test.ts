import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STORE_KINDS, openTestStore } from "../tests/support/stores.ts";
import { bulkInsert, ensureTenant, tableColumns, type Store } from "./index.ts";

describe.each(STORE_KINDS)("bulkInsert on %s", (kind) => {
  let store: Store;
  let tenantId: string;
  beforeAll(async () => {
    store = await openTestStore(kind);
    tenantId = (await ensureTenant(store.sql, { slug: "bulk", name: "Bulk" })).id;
  });
  afterAll(() => store.close());

  it("writes batches larger than the parameter limit and upserts on the external id", async () => {
    const rows = Array.from({ length: 25_000 }, (_, i) => ({
      tenant_id: tenantId,
      external_id: `A${i}`,
      name: `Account ${i}`,
      employees: i % 500,
    }));
    const conflict = { columns: ["tenant_id", "external_id"] };
    expect(await bulkInsert(store.sql, "accounts", rows, { conflict })).toBe(25_000);
    const renamed = rows.slice(0, 10).map((r) => ({ ...r, name: `${r.name} (renamed)` }));
    await bulkInsert(store.sql, "accounts", renamed, { conflict });
    const [count] = await store.sql`SELECT count(*)::int AS n FROM accounts WHERE tenant_id = ${tenantId}`;
    expect(count!.n).toBe(25_000);
    const [a0] =
      await store.sql`SELECT name, employees FROM accounts WHERE tenant_id = ${tenantId} AND external_id = 'A0'`;
    expect(a0).toEqual({ name: "Account 0 (renamed)", employees: 0 });
  });

  it("reports column types for mapping validation", async () => {
    const columns = await tableColumns(store.sql, "contacts");
    const email = columns.find((c) => c.name === "email_consent");
    expect(email).toEqual({
      name: "email_consent",
      type: "bool",
      nullable: false,
      hasDefault: true,
      isIdentity: false,
    });
  });
});

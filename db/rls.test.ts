import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSmallBook, type SmallBook } from "../tests/support/fixtures.ts";
import { openTestStore, STORE_KINDS } from "../tests/support/stores.ts";
import { withTenant, type Store } from "./index.ts";

const TENANT_TABLES = [
  "users",
  "accounts",
  "contacts",
  "deals",
  "deal_stage_history",
  "deal_contacts",
  "product_usage",
  "tickets",
  "scores",
  "tasks",
  "audit_log",
  "embeddings",
];

describe.each(STORE_KINDS)("row-level security on %s", (kind) => {
  let store: Store;
  let a: SmallBook;
  let b: SmallBook;
  beforeAll(async () => {
    store = await openTestStore(kind);
    a = await writeSmallBook(store.sql, "tenant-a");
    b = await writeSmallBook(store.sql, "tenant-b");
  });
  afterAll(() => store.close());

  it("a query that forgets its tenant filter still sees only its tenant's rows", async () => {
    for (const table of TENANT_TABLES) {
      const rows = await withTenant(
        store.sql,
        a.tenantId,
        (tx) => tx<{ tenant_id: string }[]>`SELECT tenant_id FROM ${tx(table)}`,
      );
      expect(rows.length, table).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.tenant_id)), table).toEqual(new Set([a.tenantId]));
    }
    const tenants = await withTenant(store.sql, a.tenantId, (tx) => tx`SELECT slug FROM tenants`);
    expect(tenants).toEqual([{ slug: "tenant-a" }]);
  });

  it("another tenant's id reads as if it did not exist", async () => {
    const rows = await withTenant(
      store.sql,
      a.tenantId,
      (tx) => tx`SELECT id FROM accounts WHERE id = ${b.accountId}`,
    );
    expect(rows).toHaveLength(0);
  });

  it("writes into another tenant are refused, updates and deletes touch nothing", async () => {
    await expect(
      withTenant(
        store.sql,
        a.tenantId,
        (tx) => tx`INSERT INTO accounts (tenant_id, name) VALUES (${b.tenantId}, 'intruder')`,
      ),
    ).rejects.toThrow(/row-level security/);
    const updated = await withTenant(
      store.sql,
      a.tenantId,
      (tx) => tx`UPDATE accounts SET name = 'hijacked' WHERE id = ${b.accountId}`,
    );
    expect(updated.count).toBe(0);
    const deleted = await withTenant(store.sql, a.tenantId, (tx) => tx`DELETE FROM tasks`);
    expect(deleted.count).toBe(1); // only tenant A's task
    const [bTasks] = await store.sql<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM tasks WHERE tenant_id = ${b.tenantId}`;
    expect(bTasks!.n).toBe(1);
    const [bAccount] = await store.sql`SELECT name FROM accounts WHERE id = ${b.accountId}`;
    expect(bAccount!.name).toBe("tenant-b GmbH");
  });

  it("with no tenant set, the tenant role sees nothing", async () => {
    const rows = await store.sql.begin(async (tx) => {
      await tx`SELECT set_config('role', 'crm_tenant', true)`;
      return tx`SELECT id FROM accounts`;
    });
    expect(rows).toHaveLength(0);
  });

  it("the tenant scope ends with its transaction", async () => {
    await withTenant(store.sql, a.tenantId, async (tx) => tx`SELECT 1`);
    const [row] = await store.sql`SELECT current_user AS u, current_setting('app.tenant_id', true) AS t`;
    expect(row!.u).not.toBe("crm_tenant");
    expect(row!.t ?? "").toBe("");
  });
});

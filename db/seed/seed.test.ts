import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STORE_KINDS, openTestStore } from "../../tests/support/stores.ts";
import { countBook, ensureTenant, type Store } from "../index.ts";
import { seedBook, WRITE_ORDER, type SeedProgress, type SeedReport } from "./index.ts";

describe.each(STORE_KINDS)("seedBook on %s", (kind) => {
  let store: Store;
  let tenantId: string;
  let first: SeedReport;
  const progress: SeedProgress[] = [];

  beforeAll(async () => {
    store = await openTestStore(kind);
    tenantId = (await ensureTenant(store.sql, { slug: "seeded", name: "Seeded" })).id;
    // small chunks, so several transactions (and, on Postgres, concurrent ones) are exercised
    first = await seedBook(store.sql, {
      tenantId,
      accounts: 300,
      chunkAccounts: 100,
      concurrency: kind === "postgres" ? 2 : 1,
      onProgress: (p) => progress.push(p),
    });
  });
  afterAll(() => store.close());

  it("writes every table, and the report matches what is stored", async () => {
    const stored = await countBook(store.sql, tenantId);
    for (const table of WRITE_ORDER) {
      expect(first.rows[table], table).toBeGreaterThan(0);
      expect(stored[table], table).toBe(first.rows[table]);
    }
    expect(first.totalRows).toBe(WRITE_ORDER.reduce((s, t) => s + first.rows[t], 0));
    expect(first.rowsPerSecond).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({
      accountsDone: 300,
      accountsTotal: 300,
      rowsWritten: first.totalRows,
    });
  });

  it("is idempotent: the same seed again updates in place and adds nothing", async () => {
    const before = await countBook(store.sql, tenantId);
    const [snapshot] = await store.sql<{ digest: string }[]>`
      SELECT md5(string_agg(id::text || name || coalesce(mrr::text, ''), ',' ORDER BY id)) AS digest
      FROM accounts WHERE tenant_id = ${tenantId}`;
    const again = await seedBook(store.sql, { tenantId, accounts: 300 });
    expect(again.rows).toEqual(first.rows);
    expect(await countBook(store.sql, tenantId)).toEqual(before);
    const [after] = await store.sql<{ digest: string }[]>`
      SELECT md5(string_agg(id::text || name || coalesce(mrr::text, ''), ',' ORDER BY id)) AS digest
      FROM accounts WHERE tenant_id = ${tenantId}`;
    expect(after!.digest).toBe(snapshot!.digest);
  });

  it("keeps links consistent beyond what foreign keys check", async () => {
    const [r] = await store.sql<Record<string, number>[]>`
      SELECT
        (SELECT count(*) FROM activities a JOIN contacts c ON c.id = a.contact_id
          WHERE a.tenant_id = ${tenantId} AND a.account_id IS DISTINCT FROM c.account_id)::int AS activity_contact,
        (SELECT count(*) FROM deal_contacts dc JOIN deals d ON d.id = dc.deal_id JOIN contacts c ON c.id = dc.contact_id
          WHERE dc.tenant_id = ${tenantId} AND d.account_id <> c.account_id)::int AS deal_contact,
        (SELECT count(*) FROM tickets t JOIN contacts c ON c.id = t.contact_id
          WHERE t.tenant_id = ${tenantId} AND t.account_id <> c.account_id)::int AS ticket_contact,
        (SELECT count(*) FROM deals d WHERE d.tenant_id = ${tenantId} AND NOT EXISTS
          (SELECT 1 FROM deal_contacts dc WHERE dc.deal_id = d.id))::int AS deal_without_people,
        (SELECT count(*) FROM deals d WHERE d.tenant_id = ${tenantId} AND
          (SELECT count(*) FROM deal_stage_history h WHERE h.deal_id = d.id AND h.exited_at IS NULL) <> 1)::int AS open_stage_rows,
        (SELECT count(*) FROM deals d JOIN deal_stage_history h ON h.deal_id = d.id AND h.exited_at IS NULL
          WHERE d.tenant_id = ${tenantId} AND (h.stage <> d.stage OR h.entered_at <> d.stage_entered_at))::int AS stage_mismatch,
        (SELECT count(*) FROM campaign_members m JOIN campaigns c ON c.id = m.campaign_id
          WHERE m.tenant_id = ${tenantId} AND (c.started_at IS NULL OR m.touched_at < c.started_at))::int AS early_touch,
        (SELECT count(*) FROM campaign_members m JOIN contacts c ON c.id = m.contact_id
          WHERE m.tenant_id = ${tenantId} AND c.opted_out_at < m.touched_at)::int AS touch_after_opt_out,
        (SELECT count(*) FROM outcomes o WHERE o.tenant_id = ${tenantId} AND o.known_at > '2026-11-01T00:00:00Z')::int AS future_outcome`;
    expect(r).toEqual({
      activity_contact: 0,
      deal_contact: 0,
      ticket_contact: 0,
      deal_without_people: 0,
      open_stage_rows: 0,
      stage_mismatch: 0,
      early_touch: 0,
      touch_after_opt_out: 0,
      future_outcome: 0,
    });
  });

  it("rejects a tenant that does not exist, writing nothing", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    await expect(seedBook(store.sql, { tenantId: missing, accounts: 10 })).rejects.toThrow(/foreign key/);
    const [row] = await store.sql<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM users WHERE tenant_id = ${missing}`;
    expect(row!.n).toBe(0);
  });

  it("adds a separate book for another seed, leaving the first one as it was", async () => {
    const before = await countBook(store.sql, tenantId);
    const other = await seedBook(store.sql, { tenantId, accounts: 20, seed: 7 });
    const after = await countBook(store.sql, tenantId);
    expect(after.accounts).toBe(before.accounts + 20);
    expect(after.activities).toBe(before.activities + other.rows.activities);
    const [row] = await store.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM accounts WHERE tenant_id = ${tenantId} AND external_id LIKE 's7-%'`;
    expect(row!.n).toBe(20);
  });
});

import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSmallBook } from "../../tests/support/fixtures.ts";
import { openTestStore, STORE_KINDS } from "../../tests/support/stores.ts";
import { ImportError, type Sql, type Store } from "../index.ts";
import { exportSnapshot, importSnapshot, SNAPSHOT_TABLES } from "./index.ts";

/** Every row of a tenant, table by table, as Postgres renders it. */
async function dump(sql: Sql, tenantId: string) {
  const out: Record<string, string[]> = {};
  for (const { table } of SNAPSHOT_TABLES) {
    const col = table === "tenants" ? "id" : "tenant_id";
    const rows = await sql<
      { row: string }[]
    >`SELECT to_jsonb(t)::text AS row FROM ${sql(table)} t WHERE ${sql(col)} = ${tenantId}`;
    out[table] = rows.map((r) => r.row).sort();
  }
  return out;
}

describe.each(STORE_KINDS)("snapshot export/import on %s", (kind) => {
  let source: Store;
  let target: Store;
  let dir: string;
  let tenantId: string;
  beforeAll(async () => {
    [source, target] = await Promise.all([openTestStore(kind), openTestStore(kind)]);
    tenantId = (await writeSmallBook(source.sql, "snap")).tenantId;
    await writeSmallBook(source.sql, "other"); // must not leak into the export
    dir = await mkdtemp(join(tmpdir(), "crm-snap-"));
  });
  afterAll(async () => {
    await Promise.all([source.close(), target.close()]);
  });

  it("round-trips: export, import into an empty store, same rows", async () => {
    const manifest = await exportSnapshot(source.sql, "snap", dir);
    expect(manifest.tables.accounts!.rows).toBe(1);
    expect(manifest.tables.deal_stage_history!.rows).toBe(2);
    const result = await importSnapshot(target.sql, dir);
    expect(result.rows.embeddings).toBe(1);
    expect(await dump(target.sql, tenantId)).toEqual(await dump(source.sql, tenantId));
  });

  it("imports the same snapshot twice without duplicating rows, and identity ids keep counting", async () => {
    await importSnapshot(target.sql, dir);
    expect(await dump(target.sql, tenantId)).toEqual(await dump(source.sql, tenantId));
    const [row] = await target.sql<{ id: string }[]>`
      INSERT INTO audit_log (tenant_id, actor, action) VALUES (${tenantId}, 'system', 'after-import') RETURNING id::text`;
    expect(Number(row!.id)).toBeGreaterThan(1);
  });

  it("rejects a malformed line naming file and line, and writes nothing", async () => {
    const bad = await mkdtemp(join(tmpdir(), "crm-snap-bad-"));
    await exportSnapshot(source.sql, "snap", bad);
    const tickets = join(bad, "tickets.jsonl");
    await writeFile(tickets, (await readFile(tickets, "utf8")) + "{not json\n");
    const accounts = join(bad, "accounts.jsonl");
    const line = JSON.parse((await readFile(accounts, "utf8")).trim());
    await writeFile(accounts, JSON.stringify({ ...line, colour: "red" }) + "\n");
    const empty = await openTestStore(kind);
    try {
      const err = await importSnapshot(empty.sql, bad).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ImportError);
      const message = (err as ImportError).message;
      expect(message).toContain(`${accounts}:1 column "colour": no such column`);
      expect(message).toContain(`${tickets}:2: not valid JSON`);
      const [n] = await empty.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM tenants`;
      expect(n!.n).toBe(0);
    } finally {
      await empty.close();
    }
  });

  it("rejects a row the database refuses and rolls everything back", async () => {
    const bad = await mkdtemp(join(tmpdir(), "crm-snap-refused-"));
    await exportSnapshot(source.sql, "snap", bad);
    const tickets = join(bad, "tickets.jsonl");
    const row = JSON.parse((await readFile(tickets, "utf8")).trim());
    await writeFile(tickets, JSON.stringify({ ...row, priority: "urgent-ish" }) + "\n");
    const empty = await openTestStore(kind);
    try {
      await expect(importSnapshot(empty.sql, bad)).rejects.toThrow(
        /tickets\.jsonl:1: rows ending here were refused: .*tickets_priority_check/,
      );
      const [n] = await empty.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM accounts`;
      expect(n!.n).toBe(0);
    } finally {
      await empty.close();
    }
  });
});

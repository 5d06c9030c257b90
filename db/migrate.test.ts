import { cp, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestStore, STORE_KINDS } from "../tests/support/stores.ts";
import { loadMigrations, migrate, MigrationError, type Store } from "./index.ts";

const MIGRATIONS = fileURLToPath(new URL("./migrations/", import.meta.url));

describe("migration files", () => {
  it("are numbered without gaps and CREATE EXTENSION vector is a migration of its own", async () => {
    const migrations = await loadMigrations();
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    const vector = migrations.find((m) => /CREATE EXTENSION IF NOT EXISTS vector/.test(m.sql));
    expect(vector?.sql.replace(/--.*$/gm, "").trim()).toBe("CREATE EXTENSION IF NOT EXISTS vector;");
  });
});

describe.each(STORE_KINDS)("migrate on %s", (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind); // already migrated once
  });
  afterAll(() => store.close());

  it("is safe to run again, and concurrently", async () => {
    const results = await Promise.all([migrate(store.sql), migrate(store.sql), migrate(store.sql)]);
    expect(results.map((r) => r.applied.length)).toEqual([0, 0, 0]);
    const [ext] = await store.sql`SELECT extname FROM pg_extension WHERE extname = 'vector'`;
    expect(ext).toEqual({ extname: "vector" });
  });

  it("refuses an applied migration whose file changed", async () => {
    const dir = await mkdtemp(join(tmpdir(), "crm-mig-"));
    await cp(MIGRATIONS, dir, { recursive: true });
    await writeFile(join(dir, "0002_tenants_and_people.sql"), "-- edited\nSELECT 1;\n");
    const err = await migrate(store.sql, dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect((err as Error).message).toMatch(/0002_tenants_and_people\.sql changed after it was applied/);
  });

  it("applies a new migration once, and rolls back a failing one completely", async () => {
    const dir = await mkdtemp(join(tmpdir(), "crm-mig-"));
    await cp(MIGRATIONS, dir, { recursive: true });
    await writeFile(join(dir, "0900_extra.sql"), "CREATE TABLE extra_test (id int);");
    expect((await migrate(store.sql, dir)).applied.map((m) => m.name)).toEqual(["extra"]);
    expect((await migrate(store.sql, dir)).applied).toEqual([]);
    await writeFile(
      join(dir, "0901_broken.sql"),
      "CREATE TABLE broken_test (id int); SELECT no_such_column FROM extra_test;",
    );
    await expect(migrate(store.sql, dir)).rejects.toThrow(/0901_broken\.sql failed: .*no_such_column/);
    const [t] = await store.sql`SELECT to_regclass('broken_test') AS t`;
    expect(t!.t).toBeNull();
  });
});

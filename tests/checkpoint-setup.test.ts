// createCheckpointer(): tables in their own schema, setup once, and safe when several processes
// (several Postgres sessions) start at the same moment.
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../db/index.ts";
import { CHECKPOINT_SCHEMA, createCheckpointer } from "../memory/checkpoint/index.ts";
import { killGraphProcesses, runGraphProcess, sharedStore } from "./support/checkpoint-child.ts";
import { STORE_KINDS, openTestStore } from "./support/stores.ts";

const TABLES = ["checkpoint_blobs", "checkpoint_migrations", "checkpoint_writes", "checkpoints"];

async function tablesIn(sql: postgres.Sql, schema: string): Promise<string[]> {
  const rows = await sql<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ${schema} ORDER BY 1`;
  return rows.map((r) => r.name);
}

async function migrationVersions(sql: postgres.Sql, schema: string): Promise<number[]> {
  const rows = await sql.unsafe<{ v: number }[]>(
    `SELECT v FROM "${schema}".checkpoint_migrations ORDER BY v`,
  );
  return rows.map((r) => r.v);
}

describe.each(STORE_KINDS)("createCheckpointer on %s", (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(() => store?.close());

  it("creates its tables in the langgraph schema, apart from the CRM tables", async () => {
    const savers = await Promise.all([createCheckpointer(store), createCheckpointer(store)]);
    expect(await tablesIn(store.sql, CHECKPOINT_SCHEMA)).toEqual(TABLES);
    expect(await tablesIn(store.sql, "public")).not.toContain("checkpoints");
    expect(await migrationVersions(store.sql, CHECKPOINT_SCHEMA)).toEqual([0, 1, 2, 3, 4]);
    // end() belongs to the saver API; the store's client stays open
    await savers[0]!.end();
    expect(await store.sql`SELECT 1 AS one`).toEqual([{ one: 1 }]);
  });

  it("takes another schema, and refuses a name it would have to quote", async () => {
    await createCheckpointer(store.sql, { schema: "lg_other" });
    expect(await tablesIn(store.sql, "lg_other")).toEqual(TABLES);
    await expect(createCheckpointer(store, { schema: 'x"; DROP TABLE tenants; --' })).rejects.toThrow(
      TypeError,
    );
  });
});

describe("concurrent start-up on postgres", () => {
  afterAll(killGraphProcesses);

  it("serialises setup across sessions: every starter succeeds, each migration is recorded once", async () => {
    const { spec } = await sharedStore("postgres");
    const url = spec.slice("postgres:".length);
    const clients = Array.from({ length: 6 }, () => postgres(url, { max: 2, onnotice: () => {} }));
    try {
      for (const schema of ["race_a", "race_b", "race_c"]) {
        const results = await Promise.allSettled(clients.map((sql) => createCheckpointer(sql, { schema })));
        expect(results.filter((r) => r.status === "rejected")).toEqual([]);
        expect(await migrationVersions(clients[0]!, schema)).toEqual([0, 1, 2, 3, 4]);
      }
    } finally {
      await Promise.all(clients.map((sql) => sql.end()));
    }
  });

  it("two processes starting at once both get a checkpointer", async () => {
    const { spec } = await sharedStore("postgres");
    const legs = await Promise.all([0, 1, 2].map(() => runGraphProcess(["setup", spec, "-", "/dev/null"])));
    expect(legs.map((l) => [l.code, l.stdout.trim()])).toEqual(legs.map(() => [0, '{"ok":true}']));
    const admin = postgres(spec.slice("postgres:".length), { max: 1, onnotice: () => {} });
    expect(await migrationVersions(admin, CHECKPOINT_SCHEMA)).toEqual([0, 1, 2, 3, 4]);
    await admin.end();
  }, 120_000);
});

import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from "vitest";
import { openTestStore } from "../tests/support/stores.ts";
import type { Store } from "./index.ts";

// The postgres.js patch (patches/postgres+3.4.9.patch) on a real Postgres: a connection whose
// backend is terminated, or whose query fails part-way through its rows, leaves nothing behind
// for the next query on that connection.
describe("the patched Postgres driver", () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore("postgres");
    await store.sql`CREATE TABLE driver_probe (id serial PRIMARY KEY, v int NOT NULL)`;
  });
  afterAll(() => store?.close());

  it("after a terminated backend, the next queries run once each and return their own rows", async () => {
    // one connection, so the next query goes to the connection that lost its backend
    const url = new URL(inject("postgresAdminUrl"));
    url.pathname = `/${store.sql.options.database}`;
    const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
    onTestFinished(() => sql.end());
    for (let round = 0; round < 5; round++) {
      await expect(sql`SELECT pg_terminate_backend(pg_backend_pid())`).rejects.toMatchObject({
        code: "CONNECTION_CLOSED",
      });
      for (let i = 0; i < 3; i++) {
        // unpatched: the first query failed with the old backend's 57P01 without running, and the
        // next resolved as [undefined, row] though it inserted one row (porsager/postgres#1223, #1181)
        const rows = await sql<
          { v: number }[]
        >`INSERT INTO driver_probe (v) VALUES (${round * 3 + i}) RETURNING v`;
        expect(rows).toHaveLength(1);
        expect(rows[0]).toEqual({ v: round * 3 + i });
      }
    }
    const counted = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM driver_probe`;
    expect(counted[0]?.n).toBe(15);
  });

  it("a query that fails part-way through its rows does not offset the next query's rows", async () => {
    const sql = store.sql;
    // both on one reserved connection, the second pipelined behind the first
    const one = await sql.reserve();
    try {
      const failing = one`SELECT i, 1 / (4 - i) AS boom FROM generate_series(1, 10) i`.catch(
        (e: { code?: string }) => e.code,
      );
      const next = one<{ x: number }[]>`SELECT x FROM generate_series(1, 5) x`;
      expect(await failing).toBe("22012");
      const rows = await next;
      expect(rows).toHaveLength(5);
      expect(rows.map((r) => r.x)).toEqual([1, 2, 3, 4, 5]);
    } finally {
      one.release();
    }
  });
});

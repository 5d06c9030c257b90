import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Store } from "../../db/index.ts";
import { STORE_KINDS, openTestStore } from "../../tests/support/stores.ts";
import { pgPoolAdapter, type PgPoolLike } from "./pg-adapter.ts";

/** Queries and parameters in the shapes PostgresSaver sends, with what pg returns for them. */
const CASES: { name: string; text: string; values?: unknown[]; rows: Record<string, unknown>[] }[] = [
  {
    name: "a JSON string bound to jsonb is not encoded twice",
    text: `SELECT '{"source":"loop","step":1}'::jsonb @> $1 AS hit`,
    values: [JSON.stringify({ source: "loop" })],
    rows: [{ hit: true }],
  },
  {
    name: "an object bound to jsonb is JSON, jsonb comes back parsed",
    text: "SELECT $1::jsonb AS j, $2::jsonb -> 'v' AS v",
    values: [{ a: [1, "x", null], b: { c: true } }, { v: 4 }],
    rows: [{ j: { a: [1, "x", null], b: { c: true } }, v: 4 }],
  },
  {
    name: "bytes in and out; undefined and null are NULL",
    text: "SELECT $1::bytea AS a, $2::bytea AS b, $3::bytea AS u, $4::text AS n",
    values: [Buffer.from([0, 255, 92]), new Uint8Array([1, 2]), undefined, null],
    rows: [{ a: Buffer.from([0, 255, 92]), b: Buffer.from([1, 2]), u: null, n: null }],
  },
  {
    name: "a JS array is an array parameter",
    text: `SELECT $1 = any($2) AS hit, $2::text[] AS arr`,
    values: ["b,c", ["a", 'q"uote', "b,c", null]],
    rows: [{ hit: true, arr: ["a", 'q"uote', "b,c", null] }],
  },
  {
    name: "bytea[][] from array_agg, with NULL elements",
    text: `SELECT array_agg(array[k::bytea, v] ORDER BY k) AS agg
           FROM (VALUES ('e', NULL::bytea), ('k', '\\x00ff'::bytea)) t(k, v)`,
    rows: [
      {
        agg: [
          [Buffer.from("e"), null],
          [Buffer.from("k"), Buffer.from([0, 255])],
        ],
      },
    ],
  },
  {
    name: "scalars as pg parses them",
    text: `SELECT $1::int AS i, 12345678901::int8 AS big, 1.50::numeric AS num, 0.5::float8 AS f,
                  true AS t, '{x,NULL}'::text[] AS ta, '2026-01-02T03:04:05Z'::timestamptz AS ts`,
    values: [7],
    rows: [
      {
        i: 7,
        big: "12345678901",
        num: "1.50",
        f: 0.5,
        t: true,
        ta: ["x", null],
        ts: new Date("2026-01-02T03:04:05Z"),
      },
    ],
  },
];

describe.each(STORE_KINDS)("pgPoolAdapter on %s", (kind) => {
  let store: Store;
  let pool: PgPoolLike;

  beforeAll(async () => {
    store = await openTestStore(kind);
    pool = pgPoolAdapter(store.sql);
    await store.sql`CREATE TABLE adapter_t (id int PRIMARY KEY, note text)`;
  });
  afterAll(() => store?.close());

  it.each(CASES)("$name", async ({ text, values, rows }) => {
    expect((await pool.query(text, values)).rows).toEqual(rows);
    const client = await pool.connect();
    expect((await client.query(text, values)).rows).toEqual(rows);
    client.release();
  });

  it("keeps errors' SQLSTATE codes (the saver's setup checks 42P01)", async () => {
    await expect(pool.query("SELECT v FROM no_such_table")).rejects.toMatchObject({ code: "42P01" });
  });

  it("runs BEGIN … ROLLBACK on one connection; pool queries stay outside it", async () => {
    const client = await pool.connect();
    await client.query("BEGIN");
    await client.query("INSERT INTO adapter_t VALUES ($1, $2)", [10, "tx"]);
    expect((await client.query("SELECT count(*)::int AS n FROM adapter_t WHERE id = 10")).rows).toEqual([
      { n: 1 },
    ]);
    // embedded: waits for the reserved connection; Postgres: another connection
    const outside = pool.query("SELECT count(*)::int AS n FROM adapter_t WHERE id = 10");
    await client.query("ROLLBACK");
    client.release();
    expect((await outside).rows).toEqual([{ n: 0 }]);
  });

  it("BEGIN … COMMIT keeps the block's writes; a failed query inside rolls the block back", async () => {
    const client = await pool.connect();
    await client.query("BEGIN");
    await client.query("INSERT INTO adapter_t VALUES ($1, $2)", [20, "kept"]);
    await client.query("COMMIT");
    await client.query("BEGIN");
    await client.query("INSERT INTO adapter_t VALUES ($1, $2)", [21, "lost"]);
    await expect(client.query("INSERT INTO adapter_t VALUES ($1, $2)", [20, "dup"])).rejects.toMatchObject({
      code: "23505",
    });
    await client.query("ROLLBACK");
    client.release();
    const rows = await pool.query("SELECT id FROM adapter_t WHERE id IN (20, 21) ORDER BY id");
    expect(rows.rows).toEqual([{ id: 20 }]);
  });

  it.runIf(kind === "postgres")(
    "a block whose connection is terminated fails with the connection, writes nothing, and the next block runs",
    async () => {
      for (let round = 0; round < 5; round++) {
        const client = await pool.connect();
        await client.query("BEGIN");
        await client.query("INSERT INTO adapter_t VALUES ($1, $2)", [100 + round, "cut off"]);
        await expect(client.query("SELECT pg_terminate_backend(pg_backend_pid())")).rejects.toMatchObject({
          code: "CONNECTION_CLOSED",
        });
        await expect(client.query("ROLLBACK")).rejects.toMatchObject({ code: "CONNECTION_CLOSED" });
        client.release();

        const next = await pool.connect();
        await next.query("BEGIN");
        await next.query("INSERT INTO adapter_t VALUES ($1, $2)", [200 + round, "after"]);
        await next.query("COMMIT");
        next.release();
      }
      const rows = await pool.query("SELECT id FROM adapter_t WHERE id >= 100 ORDER BY id");
      expect(rows.rows.map((r) => r.id)).toEqual([200, 201, 202, 203, 204]);
    },
  );

  it("end() leaves the store's client open", async () => {
    await pool.end();
    expect((await pool.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  });
});

// pg itself is the reference. Only on Postgres: embedded PGlite may have one connection only.
describe("pgPoolAdapter beside pg on postgres", () => {
  let store: Store;
  let pool: PgPoolLike;

  beforeAll(async () => {
    store = await openTestStore("postgres");
    pool = pgPoolAdapter(store.sql);
    await store.sql`CREATE TABLE adapter_t (id int PRIMARY KEY, note text)`;
  });
  afterAll(() => store?.close());

  it("returns pg's rows and rowCount on the same database", async () => {
    const [row] = await store.sql<{ db: string }[]>`SELECT current_database() AS db`;
    const url = new URL(inject("postgresAdminUrl"));
    url.pathname = `/${row!.db}`;
    const real = new pg.Pool({ connectionString: url.toString(), max: 1 });
    try {
      const statements: [string, unknown[]?][] = [
        ...CASES.map(({ text, values }): [string, unknown[]?] => [text, values]),
        // statements whose result is the same when run twice
        ["INSERT INTO adapter_t VALUES (1, 'a'), (2, 'b') ON CONFLICT (id) DO UPDATE SET note = 'c'"],
        ["UPDATE adapter_t SET note = $1 WHERE id >= $2", ["z", 1]],
        ["CREATE TABLE IF NOT EXISTS adapter_u (id int)"],
        ["SELECT * FROM adapter_t ORDER BY id"],
        ["DELETE FROM adapter_t WHERE id = $1", [99]],
      ];
      for (const [text, values] of statements) {
        const ours = await pool.query(text, values);
        const theirs = await real.query(text, values);
        expect({ text, rows: ours.rows, rowCount: ours.rowCount }).toEqual({
          text,
          rows: theirs.rows,
          rowCount: theirs.rowCount,
        });
      }
    } finally {
      await real.end();
    }
  });
});

import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ensureTenant,
  IN_MEMORY,
  migrate,
  openStore,
  StoreLockedError,
  withTenant,
  type Store,
} from "./index.ts";

const HOLDER = new URL("../tests/support/hold-store.ts", import.meta.url).pathname;

/** Starts a process that opens the store; resolves with its first line of output. */
function holdStore(dataDir: string): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", HOLDER, dataDir], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("\n")) resolve({ child, line: out.trim() });
    });
    child.once("exit", (code) =>
      out.includes("\n") ? undefined : reject(new Error(`child exited ${code}: ${out}`)),
    );
  });
}

describe("embedded store: one connection, many concurrent callers", () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ kind: "embedded", dataDir: IN_MEMORY });
    await migrate(store.sql);
  });
  afterAll(() => store.close());

  it("returns exactly the right rows to 600 concurrent queries and transactions", async () => {
    const tenants = await Promise.all(
      ["c1", "c2", "c3"].map((slug) => ensureTenant(store.sql, { slug, name: slug })),
    );
    const jobs = Array.from({ length: 600 }, (_, i) => {
      const tenant = tenants[i % 3]!;
      switch (i % 4) {
        case 0: // plain parameterised query: the answer must be this caller's own value
          return store.sql<{ n: number; s: string }[]>`SELECT ${i}::int AS n, ${`v${i}`}::text AS s`.then(
            ([r]) => {
              expect(r).toEqual({ n: i, s: `v${i}` });
            },
          );
        case 1: // write then read back inside one tenant transaction
          return withTenant(store.sql, tenant.id, async (tx) => {
            const [row] = await tx<{ id: string }[]>`
              INSERT INTO accounts (tenant_id, external_id, name) VALUES (${tenant.id}, ${`E${i}`}, ${`Acc ${i}`}) RETURNING id`;
            const [back] = await tx`SELECT external_id, name FROM accounts WHERE id = ${row!.id}`;
            expect(back).toEqual({ external_id: `E${i}`, name: `Acc ${i}` });
          });
        case 2: // a transaction that fails must roll back without disturbing the others
          return withTenant(store.sql, tenant.id, async (tx) => {
            await tx`INSERT INTO accounts (tenant_id, external_id, name) VALUES (${tenant.id}, ${`X${i}`}, 'doomed')`;
            await tx`SELECT 1/0`;
          }).then(
            () => expect.fail("division by zero should have failed"),
            (err: Error) => expect(err.message).toMatch(/division by zero/),
          );
        default: // reads scoped by RLS see only their own tenant
          return withTenant(
            store.sql,
            tenant.id,
            (tx) => tx<{ tenant_id: string }[]>`SELECT DISTINCT tenant_id FROM accounts`,
          ).then((rows) => expect(rows.every((r) => r.tenant_id === tenant.id)).toBe(true));
      }
    });
    await Promise.all(jobs);
    const counts = await store.sql<{ slug: string; n: number; doomed: number }[]>`
      SELECT t.slug, count(a.id)::int AS n, count(a.id) FILTER (WHERE a.name = 'doomed')::int AS doomed
      FROM tenants t LEFT JOIN accounts a ON a.tenant_id = t.id GROUP BY t.slug ORDER BY t.slug`;
    expect(counts).toEqual([
      { slug: "c1", n: 50, doomed: 0 },
      { slug: "c2", n: 50, doomed: 0 },
      { slug: "c3", n: 50, doomed: 0 },
    ]);
  });
});

describe("embedded store on disk: single process", () => {
  it("a second process gets a clear error while the first holds the data directory", async () => {
    const dir = await mkdtemp(join(tmpdir(), "crm-lock-"));
    const first = await holdStore(dir);
    try {
      expect(first.line).toBe("opened");
      const second = await holdStore(dir);
      expect(second.line).toMatch(/^STORE_LOCKED: The embedded store at .* is already open in process \d+/);
      await expect(openStore({ kind: "embedded", dataDir: dir })).rejects.toBeInstanceOf(StoreLockedError);
    } finally {
      first.child.kill("SIGKILL");
      await new Promise((r) => first.child.once("exit", r));
    }
    // kill -9 left a stale lock: the next process takes it over and finds the committed rows
    const store = await openStore({ kind: "embedded", dataDir: dir });
    try {
      const rows = await store.sql`SELECT slug FROM tenants WHERE slug = ${`t${first.child.pid}`}`;
      expect(rows).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});

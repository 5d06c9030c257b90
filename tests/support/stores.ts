import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import { migrate, openStore, type Store } from "../../db/index.ts";

export type StoreKind = "pglite" | "postgres";

/** The two stores every db test runs against. */
export const STORE_KINDS: StoreKind[] = ["pglite", "postgres"];

/** A fresh, migrated store: in-memory PGlite, or a new database in the test Postgres cluster. */
export async function openTestStore(kind: StoreKind): Promise<Store> {
  if (kind === "pglite") {
    const store = await openStore({ kind: "embedded", dataDir: "memory://" });
    await migrate(store.sql);
    return store;
  }
  const adminUrl = inject("postgresAdminUrl");
  const name = `crm_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const store = await openStore({ kind: "postgres", url: url.toString(), poolMax: 8 });
  await migrate(store.sql);
  return store;
}

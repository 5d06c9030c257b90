// The services an infrastructure drill runs against: a Postgres database (a throwaway PostgreSQL 15
// cluster with pgvector, or --database-url) and a queue prefix of its own on Redis.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { migrate, openStore, type Store } from "../../db/index.ts";
import { startPostgres } from "../../tests/support/postgres-server.ts";

export interface DrillDatabase {
  /** What the drill's workers get as DATABASE_URL. */
  url: string;
  /** The drill's own pool on that database (migrated). */
  store: Store;
  /** Stops the throwaway cluster, if the drill started one. */
  cleanup(): Promise<void>;
}

/**
 * The drill's database: `databaseUrl` when given (the drill writes its own tenant, so a shared
 * database is fine), else a fresh database in a throwaway PostgreSQL 15 cluster.
 */
export async function openDrillDatabase(name: string, databaseUrl?: string): Promise<DrillDatabase> {
  let url = databaseUrl;
  let stop = async () => {};
  if (!url) {
    const server = await startPostgres();
    const database = `crm_drill_${name.replace(/[^a-z0-9_]/g, "_")}`;
    const admin = postgres(server.adminUrl, { max: 1, onnotice: () => {} });
    await admin`CREATE DATABASE ${admin(database)}`;
    await admin.end();
    const u = new URL(server.adminUrl);
    u.pathname = `/${database}`;
    url = u.toString();
    stop = () => server.stop();
  }
  const store = await openStore({ kind: "postgres", url, poolMax: 4 });
  await migrate(store.sql);
  return {
    url,
    store,
    async cleanup() {
      await store.close().catch(() => {});
      await stop();
    },
  };
}

/** A tenant slug and a Redis key prefix no other drill run uses. */
export function drillIds(name: string): { slug: string; prefix: string } {
  const tag = randomBytes(3).toString("hex");
  return { slug: `drill-${name}-${tag}`, prefix: `drill-${name}-${tag}` };
}

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { openStore, type Store } from "../../db/index.ts";
import { startPostgres } from "../../tests/support/postgres-server.ts";

/**
 * The store a benchmark measures: `pglite` in a fresh data directory under the OS temp dir (or in
 * memory), `postgres` at `databaseUrl`, else a throwaway PostgreSQL cluster started for the run.
 * `cleanup` removes what was created.
 */
export async function openBenchStore(options: {
  kind: string;
  name: string;
  databaseUrl?: string | undefined;
  poolMax?: number;
  inMemory?: boolean;
  /** pglite: this data directory, kept afterwards (a seeded book measured again). */
  dataDir?: string | undefined;
}): Promise<{ store: Store; cleanup: () => Promise<void> }> {
  const poolMax = options.poolMax ?? 4;
  if (options.kind === "pglite") {
    if (options.inMemory)
      return { store: await openStore({ kind: "embedded", dataDir: "memory://" }), cleanup: async () => {} };
    if (options.dataDir)
      return {
        store: await openStore({ kind: "embedded", dataDir: options.dataDir }),
        cleanup: async () => {},
      };
    const dir = mkdtempSync(join(tmpdir(), `bench-${options.name}-`));
    const store = await openStore({ kind: "embedded", dataDir: dir });
    return { store, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  if (options.kind !== "postgres") throw new Error(`--store must be pglite or postgres, got ${options.kind}`);
  if (options.databaseUrl) {
    return {
      store: await openStore({ kind: "postgres", url: options.databaseUrl, poolMax }),
      cleanup: async () => {},
    };
  }
  const server = await startPostgres();
  const database = `crm_bench_${options.name.replace(/[^a-z0-9_]/g, "_")}`;
  const admin = postgres(server.adminUrl, { max: 1, onnotice: () => {} });
  await admin`CREATE DATABASE ${admin(database)}`;
  await admin.end();
  const url = new URL(server.adminUrl);
  url.pathname = `/${database}`;
  const store = await openStore({ kind: "postgres", url: url.toString(), poolMax });
  return { store, cleanup: () => server.stop() };
}

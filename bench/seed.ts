/**
 * Seeding throughput: generates and writes a synthetic book, then prints the rows per table and
 * one JSON line (wall time, rows, rows/s, peak RSS of this process).
 *
 *   npx tsx bench/seed.ts --accounts 100000 [--store pglite|postgres] [--database-url URL]
 *                         [--seed 42] [--chunk 2000] [--concurrency N]
 *
 * pglite: a fresh data directory under the OS temp dir (removed afterwards; PGlite runs in this
 * process, so the RSS includes the database). postgres: --database-url, else a throwaway
 * PostgreSQL cluster started for the run (its memory is not in the RSS).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { ensureTenant, migrate, openStore, type Store } from "../db/index.ts";
import { formatSeedReport, seedBook } from "../db/seed/index.ts";
import { startPostgres, type PostgresServer } from "../tests/support/postgres-server.ts";

const { values } = parseArgs({
  options: {
    accounts: { type: "string", default: "100000" },
    store: { type: "string", default: "pglite" },
    "database-url": { type: "string" },
    seed: { type: "string", default: "42" },
    chunk: { type: "string", default: "2000" },
    concurrency: { type: "string" },
  },
});
if (values.store !== "pglite" && values.store !== "postgres") {
  throw new Error(`--store must be pglite or postgres, got ${values.store}`);
}
const accounts = Number(values.accounts);
const kind = values.store;

let cleanup: () => Promise<void> = async () => {};
let store: Store;
if (kind === "pglite") {
  const dir = mkdtempSync(join(tmpdir(), "bench-seed-"));
  store = await openStore({ kind: "embedded", dataDir: dir });
  cleanup = async () => rmSync(dir, { recursive: true, force: true });
} else if (values["database-url"]) {
  store = await openStore({ kind: "postgres", url: values["database-url"], poolMax: 4 });
} else {
  const server: PostgresServer = await startPostgres();
  const admin = postgres(server.adminUrl, { max: 1, onnotice: () => {} });
  await admin`CREATE DATABASE crm_bench`;
  await admin.end();
  const url = new URL(server.adminUrl);
  url.pathname = "/crm_bench";
  store = await openStore({ kind: "postgres", url: url.toString(), poolMax: 4 });
  cleanup = () => server.stop();
}

try {
  await migrate(store.sql);
  const tenant = await ensureTenant(store.sql, { slug: "bench-seed", name: "Seed benchmark" });
  let lastLog = 0;
  const report = await seedBook(store.sql, {
    tenantId: tenant.id,
    accounts,
    seed: Number(values.seed),
    chunkAccounts: Number(values.chunk),
    concurrency: values.concurrency ? Number(values.concurrency) : kind === "postgres" ? 2 : 1,
    onProgress: (p) => {
      if (p.seconds - lastLog < 15 && p.accountsDone < p.accountsTotal) return;
      lastLog = p.seconds;
      const rate = Math.round(p.rowsWritten / p.seconds);
      console.error(`  ${p.accountsDone}/${p.accountsTotal} accounts, ${p.rowsWritten} rows, ${rate} rows/s`);
    },
  });
  console.log(`${store.describe()}`);
  console.log(formatSeedReport(report));
  console.log(
    JSON.stringify({
      bench: "seed",
      store: kind,
      accounts,
      rows: report.totalRows,
      seconds: Number(report.seconds.toFixed(1)),
      rowsPerSecond: Math.round(report.rowsPerSecond),
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      node: process.version,
    }),
  );
} finally {
  await store.close();
  await cleanup();
}

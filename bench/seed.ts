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
import { openBenchStore } from "./lib/store.ts";
import { parseArgs } from "node:util";
import { ensureTenant, migrate } from "../db/index.ts";
import { formatSeedReport, seedBook } from "../db/seed/index.ts";

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

const { store, cleanup } = await openBenchStore({ kind, name: "seed", databaseUrl: values["database-url"] });

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

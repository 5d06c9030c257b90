import type postgres from "postgres";
import { blocksPerChunk, generateChunk, generateGlobals } from "./book.ts";
import { planBook, SEED_DEFAULTS, type BookOptions } from "./options.ts";
import type { SeedProgress, SeedReport } from "./report.ts";
import { WRITE_ORDER } from "./rows.ts";
import { writeBookRows, zeroCounts, type TableCounts } from "./write.ts";

export interface SeedOptions extends BookOptions {
  /** Accounts generated and written per transaction (default 2,000; rounded up to blocks of 100). */
  chunkAccounts?: number;
  /**
   * Chunks written at once (default 1). Above 1 helps on a Postgres pool, where the next chunk is
   * generated while the server writes the last; the embedded store has one connection, so writes
   * serialise there anyway.
   */
  concurrency?: number;
  /** Called after each chunk is committed. */
  onProgress?: (progress: SeedProgress) => void;
}

/**
 * Generates a synthetic CRM book for a tenant and writes it, one transaction per chunk of
 * accounts, so memory stays flat at any size. Idempotent: re-seeding the same (seed, as-of) on
 * the same tenant upserts the same rows; another seed or as-of date adds a second, separate book.
 * The tenant must exist (ensureTenant). Runs as the connecting role, like imports: it is system
 * work, not tenant-scoped work under row-level security.
 */
export async function seedBook(sql: postgres.Sql, options: SeedOptions): Promise<SeedReport> {
  const started = performance.now();
  const plan = planBook(options);
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const step = blocksPerChunk(options.chunkAccounts ?? SEED_DEFAULTS.chunkAccounts);
  const counts = zeroCounts();
  let accountsDone = 0;
  const elapsed = () => (performance.now() - started) / 1000;
  const record = (written: TableCounts, accounts: number) => {
    for (const t of WRITE_ORDER) counts[t] += written[t];
    accountsDone += accounts;
    options.onProgress?.({
      accountsDone,
      accountsTotal: plan.accounts,
      rowsWritten: total(counts),
      seconds: elapsed(),
    });
  };

  const { context, rows } = generateGlobals(plan);
  record(await sql.begin((tx) => writeBookRows(tx, rows)), 0);

  const inflight = new Set<Promise<void>>();
  let failure: unknown;
  for (let b = 0; b < plan.blocks && failure === undefined; b += step) {
    const chunk = generateChunk(context, b, Math.min(plan.blocks, b + step));
    const accounts = chunk.accounts.length;
    const write: Promise<void> = sql
      .begin((tx) => writeBookRows(tx, chunk))
      .then(
        (written) => record(written, accounts),
        (err: unknown) => {
          failure ??= err;
        },
      )
      .finally(() => inflight.delete(write));
    inflight.add(write);
    if (inflight.size >= concurrency) await Promise.race(inflight);
  }
  // every write settles before returning or throwing, so no transaction outlives the call
  await Promise.all(inflight);
  if (failure !== undefined) throw failure;

  const seconds = elapsed();
  const totalRows = total(counts);
  return {
    tenantId: plan.tenantId,
    tag: plan.tag,
    seed: plan.seed,
    asOf: plan.asOf.toISOString(),
    accounts: plan.accounts,
    rows: counts,
    totalRows,
    seconds,
    rowsPerSecond: seconds > 0 ? totalRows / seconds : 0,
  };
}

function total(counts: TableCounts): number {
  return WRITE_ORDER.reduce((s, t) => s + counts[t], 0);
}

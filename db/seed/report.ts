import type { SeedTable } from "./rows.ts";
import { WRITE_ORDER } from "./rows.ts";

/** What a seeding wrote, and how fast. */
export interface SeedReport {
  tenantId: string;
  /** External-id prefix of the book, e.g. `s42-20261101`. */
  tag: string;
  seed: number;
  /** ISO timestamp the book is "as of". */
  asOf: string;
  accounts: number;
  /** Rows written per table (a re-seed rewrites the same rows, so it reports the same counts). */
  rows: Record<SeedTable, number>;
  totalRows: number;
  /** Wall time, generation and writing together. */
  seconds: number;
  rowsPerSecond: number;
}

/** Progress after each chunk is written. */
export interface SeedProgress {
  accountsDone: number;
  accountsTotal: number;
  rowsWritten: number;
  seconds: number;
}

/** The report as a two-column table with a total line and the rate. */
export function formatSeedReport(report: SeedReport): string {
  const width = Math.max(...WRITE_ORDER.map((t) => t.length), "total".length);
  const lines = WRITE_ORDER.map(
    (t) => `${t.padEnd(width)}  ${report.rows[t].toLocaleString("en-US").padStart(12)}`,
  );
  lines.push(`${"total".padEnd(width)}  ${report.totalRows.toLocaleString("en-US").padStart(12)}`);
  lines.push(
    `${report.seconds.toFixed(1)} s, ${Math.round(report.rowsPerSecond).toLocaleString("en-US")} rows/s ` +
      `(book ${report.tag}, ${report.accounts.toLocaleString("en-US")} accounts)`,
  );
  return lines.join("\n");
}

import { stat } from "node:fs/promises";
import { basename } from "node:path";
import type { Command } from "commander";
import { formatProblem } from "../../../db/index.ts";
import { importCsv, loadMapping, type ImportCsvResult } from "../../../db/import/csv/index.ts";
import { withStore } from "../context.ts";
import type { CliOutput } from "../output.ts";
import { terminalBar } from "../progress.ts";
import { parseSlug } from "../options.ts";

interface ImportCsvFlags {
  mapping: string;
  tenant: string;
  skipBad?: boolean;
  rejectFile?: string;
}

/** Adds `csv <file>` to the `import` command: a CSV into the CRM book, as a mapping file declares. */
export function registerImportCsv(importCommand: Command): void {
  importCommand
    .command("csv")
    .description(
      "Import a CSV into one CRM table as a mapping file (YAML or JSON, see db/mappings/) declares. " +
        "All or nothing: one bad row rejects the import unless --skip-bad is given.",
    )
    .argument("<file>", "the CSV file")
    .requiredOption("--mapping <file>", "the mapping file (YAML or JSON)")
    .option("--tenant <slug>", "tenant to import into; created if missing", parseSlug, "demo")
    .option("--skip-bad", "skip malformed rows and import the rest (default: reject the whole import)")
    .option("--reject-file <path>", "with --skip-bad: write the skipped rows and their problems here (JSONL)")
    .action((file: string, flags: ImportCsvFlags, command: Command) => {
      if (flags.rejectFile && !flags.skipBad)
        command.error("error: --reject-file only applies with --skip-bad");
      return withStore(async ({ store, out }) => {
        // validate the mapping before opening a progress bar
        const mapping = await loadMapping(flags.mapping);
        const progress = await progressBar(out, file);
        let result: ImportCsvResult;
        try {
          result = await importCsv(store.sql, {
            file,
            mapping,
            tenant: flags.tenant,
            skipBad: flags.skipBad ?? false,
            ...(flags.rejectFile ? { rejectFile: flags.rejectFile } : {}),
            ...(progress ? { onProgress: progress.update } : {}),
          });
        } finally {
          progress?.stop();
        }
        report(out, result, flags);
      });
    });
}

/** A progress bar on stderr, by bytes of the file, only when stderr is a terminal. */
async function progressBar(out: CliOutput, file: string) {
  if (!out.tty) return undefined;
  const { size } = await stat(file);
  const bar = terminalBar(
    out,
    `${basename(file)} {bar} {percentage}% | {rows} rows | ETA {eta_formatted}`,
    size,
    {
      rows: 0,
    },
  );
  if (!bar) return undefined;
  return {
    update: (rows: number, bytes: number) => bar.update(Math.min(bytes, size), { rows }),
    stop: () => bar.stop(),
  };
}

function report(out: CliOutput, result: ImportCsvResult, flags: ImportCsvFlags): void {
  const seconds = result.durationMs / 1000;
  const rate = seconds > 0 ? Math.round(result.rowsRead / seconds) : result.rowsRead;
  out.log(`imported ${result.file} into tenant ${result.tenant.slug}`);
  out.log(`  ${result.table}: ${result.rowsImported} rows`);
  out.log(`  outcomes: ${result.outcomesWritten}`);
  out.log(
    `  rejected: ${result.rowsRejected}${flags.rejectFile && result.rowsRejected > 0 ? ` (see ${flags.rejectFile})` : ""}`,
  );
  out.log(
    `  ${result.rowsRead} rows read in ${seconds.toFixed(1)} s (${rate.toLocaleString("en-US")} rows/s)`,
  );
  if (result.ignoredColumns.length > 0) {
    out.log(`  columns not imported: ${result.ignoredColumns.join(", ")}`);
  }
  if (result.problems.length > 0) {
    out.error(["skipped rows:", ...result.problems.slice(0, 20).map(formatProblem)].join("\n"));
  }
}

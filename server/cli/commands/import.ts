import type { Command } from "commander";
import { importSnapshot, SNAPSHOT_TABLES } from "../../../db/snapshot/index.ts";
import { withStore } from "../context.ts";
import { tableProgress } from "../progress.ts";
import { registerImportCsv } from "./import-csv.ts";

export function registerImport(program: Command): void {
  const command = program
    .command("import")
    .description("Import recorded data: a JSONL snapshot, or a CSV file with a mapping");
  command
    .command("snapshot <dir>")
    .description("Import a snapshot written by `crm export` (all or nothing; re-importing updates in place)")
    .action((dir: string) =>
      withStore(async ({ store, out }) => {
        const started = performance.now();
        const progress = tableProgress(
          out,
          "import",
          SNAPSHOT_TABLES.map((t) => t.table),
        );
        const result = await importSnapshot(store.sql, dir, { onProgress: progress.update }).finally(
          progress.stop,
        );
        const seconds = (performance.now() - started) / 1000;
        let total = 0;
        for (const [table, rows] of Object.entries(result.rows)) {
          total += rows;
          if (rows > 0) out.log(`${table.padEnd(20)} ${String(rows).padStart(10)}`);
        }
        out.log(`imported ${total} rows into tenant ${result.tenant.slug} in ${seconds.toFixed(1)} s`);
      }),
    );
  registerImportCsv(command);
}

import type { Command } from "commander";
import { exportSnapshot, SNAPSHOT_TABLES } from "../../../db/snapshot/index.ts";
import { withStore } from "../context.ts";
import { tableProgress } from "../progress.ts";
import { parseSlug } from "../options.ts";

export function registerExport(program: Command): void {
  program
    .command("export")
    .description("Write one tenant's rows as a JSONL snapshot (one file per table + manifest.json)")
    .requiredOption("--out <dir>", "directory to write the snapshot to (created if missing)")
    .option("--tenant <slug>", "tenant to export", parseSlug, "demo")
    .action((opts: { out: string; tenant: string }) =>
      withStore(async ({ store, out }) => {
        const started = performance.now();
        const progress = tableProgress(
          out,
          "export",
          SNAPSHOT_TABLES.map((t) => t.table),
        );
        const manifest = await exportSnapshot(store.sql, opts.tenant, opts.out, {
          onProgress: progress.update,
        }).finally(progress.stop);
        const seconds = (performance.now() - started) / 1000;
        let total = 0;
        for (const [table, { rows }] of Object.entries(manifest.tables)) {
          total += rows;
          if (rows > 0) out.log(`${table.padEnd(20)} ${String(rows).padStart(10)}`);
        }
        out.log(`exported ${total} rows of tenant ${opts.tenant} to ${opts.out} in ${seconds.toFixed(1)} s`);
      }),
    );
}

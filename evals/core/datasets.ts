import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { importCsv } from "../../db/import/csv/index.ts";
import { EvalError } from "./errors.ts";
import type { SuiteContext } from "./types.ts";

/** A recorded dataset file and the import mapping that loads it (a new dataset needs only these two). */
export interface DatasetImport {
  /** The CSV, relative to the datasets folder. */
  file: string;
  /** The mapping, relative to the repository root. */
  mapping: string;
}

/**
 * Imports dataset files into a tenant of the eval's store through their mappings (db/import),
 * and returns the tenant's id. A missing file fails naming it and the datasets folder.
 */
export async function importDataset(
  ctx: SuiteContext,
  tenant: string,
  imports: readonly DatasetImport[],
): Promise<string> {
  let tenantId = "";
  for (const i of imports) {
    const file = resolve(ctx.options.datasetsDir, i.file);
    if (!existsSync(file))
      throw new EvalError(
        "DATASET_MISSING",
        `dataset file ${file} not found (datasets folder ${ctx.options.datasetsDir}; set it with --datasets)`,
      );
    const imported = await importCsv(ctx.store.sql, { file, mapping: resolve(ctx.root, i.mapping), tenant });
    ctx.logger.debug({ file: i.file, rows: imported.rowsImported }, "dataset imported");
    tenantId = imported.tenant.id;
  }
  return tenantId;
}

import { basename } from "node:path";
import postgres from "postgres";
import { ImportError, type RowProblem } from "../../errors.ts";
import { ensureTenant } from "../../queries/tenants.ts";
import { readTableSchema } from "./constraints.ts";
import { loadMapping } from "./load-mapping.ts";
import { recordImportColumns } from "../../queries/feature-columns.ts";
import { declaredColumns } from "./declared.ts";
import { compilePlan } from "./plan.ts";
import { openRejectFile, type RejectWriter } from "./rejects.ts";
import { buildRow } from "./row.ts";
import { openCsv } from "./source.ts";
import type { Mapping } from "./schema.ts";
import { createBatchWriter } from "./writer.ts";

export interface ImportCsvOptions {
  /** The CSV file. */
  file: string;
  /** A mapping from loadMapping, or the path of a mapping file. */
  mapping: Mapping | string;
  /** Slug of the tenant to import into; created if missing. Default `demo`. */
  tenant?: string;
  /** Skip bad rows instead of rejecting the whole import. Default false: one bad row rejects all. */
  skipBad?: boolean;
  /** With skipBad: write skipped rows and their problems here, as JSONL. Default: none. */
  rejectFile?: string;
  /** Rows per write. Default 2,000. */
  batchSize?: number;
  /** Without skipBad: stop reading after this many bad rows (the import fails anyway). Default 100. */
  maxProblems?: number;
  /** Called after every batch and at the end, with the records read and the bytes read so far. */
  onProgress?: (rows: number, bytes: number) => void;
}

export interface ImportCsvResult {
  file: string;
  table: string;
  tenant: { id: string; slug: string };
  /** Data records read from the file (header and blank lines not counted). */
  rowsRead: number;
  /** Rows written (inserted or updated) into `table`. */
  rowsImported: number;
  outcomesWritten: number;
  rowsRejected: number;
  /** The first problems of the skipped rows (up to 100). */
  problems: RowProblem[];
  /** CSV columns that were neither mapped, put in the bag nor excluded, so were dropped. */
  ignoredColumns: string[];
  bytes: number;
  durationMs: number;
}

const KEPT_PROBLEMS = 100;

/**
 * Imports a CSV into one CRM table as a mapping declares, streaming the file and writing in
 * batches, all in one transaction: a bad row (by default) or any failure rolls back everything.
 * Rows upsert on (tenant_id, external_id), so importing the same file twice changes nothing.
 */
export async function importCsv(sql: postgres.Sql, options: ImportCsvOptions): Promise<ImportCsvResult> {
  const started = performance.now();
  const { file, skipBad = false, batchSize = 2_000, maxProblems = 100, onProgress } = options;
  const slug = options.tenant ?? "demo";
  const origin = typeof options.mapping === "string" ? options.mapping : `mapping for ${basename(file)}`;
  const mapping = typeof options.mapping === "string" ? await loadMapping(options.mapping) : options.mapping;
  const [schema, outcomes] = await Promise.all([
    readTableSchema(sql, mapping.table),
    readTableSchema(sql, "outcomes"),
  ]);
  const source = await openCsv(file, mapping.csv);
  let rejects: RejectWriter | undefined;
  try {
    const plan = compilePlan({ mapping, origin, file, header: source.header, schema, outcomes });
    if (skipBad && options.rejectFile) {
      rejects = await openRejectFile(options.rejectFile, file, source.header, plan.excluded);
    }
    const problems: RowProblem[] = [];
    let rowsRead = 0;
    let rowsRejected = 0;
    const outcome = await sql.begin(async (tx) => {
      const tenant = await ensureTenant(tx, { slug, name: slug });
      const writer = createBatchWriter(tx, plan, tenant.id, batchSize);
      for await (const { line, cells } of source.records) {
        rowsRead++;
        const built = buildRow(plan, tenant.id, cells, line);
        if (Array.isArray(built)) {
          rowsRejected++;
          if (problems.length < KEPT_PROBLEMS)
            problems.push(...built.slice(0, KEPT_PROBLEMS - problems.length));
          if (rejects) await rejects.write(line, built, cells);
          if (!skipBad && rowsRejected >= maxProblems) break;
        } else if (skipBad || rowsRejected === 0) {
          // once a row is bad without skipBad, the import fails: keep reading only to report problems
          await writer.add(built);
        }
        if (rowsRead % batchSize === 0) onProgress?.(rowsRead, source.bytesRead());
      }
      if (rowsRejected > 0 && !skipBad) {
        const stopped = rowsRejected >= maxProblems ? ` (stopped reading after ${maxProblems})` : "";
        throw new ImportError(
          problems,
          `Import of ${file} rejected: ${rowsRejected} bad row(s)${stopped}; nothing was written.`,
        );
      }
      await writer.flush();
      // what this mapping declared, for scoring's default feature specs (agents/scoring/features/derive.ts)
      await recordImportColumns(tx, tenant.id, mapping.table, origin, declaredColumns(plan, mapping));
      return { tenant, rowsWritten: writer.rowsWritten, outcomesWritten: writer.outcomesWritten };
    });
    onProgress?.(rowsRead, source.bytesRead());
    return {
      file,
      table: mapping.table,
      tenant: { id: outcome.tenant.id, slug: outcome.tenant.slug },
      rowsRead,
      rowsImported: outcome.rowsWritten,
      outcomesWritten: outcome.outcomesWritten,
      rowsRejected,
      problems,
      ignoredColumns: plan.ignored,
      bytes: source.bytesRead(),
      durationMs: performance.now() - started,
    };
  } finally {
    source.close();
    await rejects?.close();
  }
}

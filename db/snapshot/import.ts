import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type postgres from "postgres";
import { setFromExcluded, tableColumns } from "../bulk.ts";
import { ImportError, type RowProblem } from "../errors.ts";
import { manifestSchema, SNAPSHOT_TABLES, type Manifest } from "./format.ts";

export interface SnapshotImportOptions {
  /** Rows per INSERT statement (default 1,000). */
  batchSize?: number;
  onProgress?: (table: string, rows: number) => void;
}

export interface SnapshotImportResult {
  tenant: Manifest["tenant"];
  rows: Record<string, number>;
}

async function readManifest(dir: string): Promise<Manifest> {
  const path = join(dir, "manifest.json");
  let raw: string;
  try {
    raw = await readFile(path, "utf8");
  } catch {
    throw new ImportError([{ file: path, line: 0, reason: "no manifest.json: not a snapshot directory" }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new ImportError([{ file: path, line: 0, reason: `not valid JSON: ${(err as Error).message}` }]);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({
      file: path,
      line: 0,
      column: i.path.join("."),
      reason: i.message,
    }));
    throw new ImportError(
      problems,
      "Import rejected: the snapshot manifest is invalid; nothing was written.",
    );
  }
  return parsed.data;
}

/** Reads a table file, yielding batches of parsed rows; malformed lines become problems. */
async function* readRows(
  path: string,
  allowed: Set<string>,
  tenantColumn: string,
  tenantId: string,
  batchSize: number,
  problems: RowProblem[],
) {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let batch: object[] = [];
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === "") continue;
    let row: unknown;
    try {
      row = JSON.parse(text);
    } catch (err) {
      problems.push({ file: path, line, reason: `not valid JSON: ${(err as Error).message}` });
      continue;
    }
    if (typeof row !== "object" || row === null || Array.isArray(row)) {
      problems.push({ file: path, line, reason: "expected a JSON object" });
      continue;
    }
    const unknown = Object.keys(row).find((k) => !allowed.has(k));
    if (unknown) {
      problems.push({ file: path, line, column: unknown, reason: "no such column" });
      continue;
    }
    if ((row as Record<string, unknown>)[tenantColumn] !== tenantId) {
      problems.push({
        file: path,
        line,
        column: tenantColumn,
        reason: "row belongs to another tenant than the manifest's",
      });
      continue;
    }
    batch.push(row);
    if (batch.length >= batchSize) {
      yield { rows: batch, lastLine: line };
      batch = [];
    }
  }
  if (batch.length > 0) yield { rows: batch, lastLine: line };
}

/**
 * Imports a snapshot written by exportSnapshot, in one transaction: a malformed line or a row the
 * database refuses rejects the whole import and nothing is written. Rows keep their ids, so
 * importing into an empty store gives the same rows, and importing twice updates them in place.
 */
export async function importSnapshot(
  sql: postgres.Sql,
  dir: string,
  options: SnapshotImportOptions = {},
): Promise<SnapshotImportResult> {
  const manifest = await readManifest(dir);
  const batchSize = options.batchSize ?? 1_000;
  const result: SnapshotImportResult = { tenant: manifest.tenant, rows: {} };
  await sql.begin(async (tx) => {
    const problems: RowProblem[] = [];
    for (const { table, key } of SNAPSHOT_TABLES) {
      const entry = manifest.tables[table];
      if (!entry) continue;
      const path = join(dir, entry.file);
      await stat(path).catch(() => {
        throw new ImportError([{ file: path, line: 0, reason: `file listed in the manifest is missing` }]);
      });
      const schemaColumns = await tableColumns(tx, table);
      const known = new Set(schemaColumns.map((c) => c.name));
      const missing = entry.columns.find((c) => !known.has(c));
      if (missing) {
        problems.push({ file: path, line: 0, column: missing, reason: `column not in table ${table}` });
        continue;
      }
      const columns = entry.columns;
      const identity = schemaColumns.some((c) => c.name === "id" && c.isIdentity);
      const updated = columns.filter((c) => !(key as readonly string[]).includes(c));
      let count = 0;
      const tenantColumn = table === "tenants" ? "id" : "tenant_id";
      for await (const { rows, lastLine } of readRows(
        path,
        known,
        tenantColumn,
        manifest.tenant.id,
        batchSize,
        problems,
      )) {
        if (problems.length > 0) continue; // keep reading to report every bad line, write nothing
        try {
          await tx`
            INSERT INTO ${tx(table)} (${tx(columns)}) ${identity ? tx`OVERRIDING SYSTEM VALUE` : tx``}
            SELECT ${tx(columns)} FROM jsonb_populate_recordset(NULL::${tx(table)}, ${tx.json(rows as postgres.JSONValue)})
            ON CONFLICT (${tx(key as unknown as string[])})
            ${updated.length > 0 ? tx`DO UPDATE SET ${setFromExcluded(tx, updated)}` : tx`DO NOTHING`}`;
        } catch (err) {
          throw new ImportError([
            {
              file: path,
              line: lastLine,
              reason: `rows ending here were refused: ${(err as Error).message}`,
            },
          ]);
        }
        count += rows.length;
        options.onProgress?.(table, count);
      }
      if (identity && count > 0) {
        await tx`SELECT setval(pg_get_serial_sequence(${table}, 'id'), (SELECT max(id) FROM ${tx(table)}))`;
      }
      result.rows[table] = count;
    }
    if (problems.length > 0) throw new ImportError(problems);
  });
  return result;
}

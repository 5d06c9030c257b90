import type { Sql } from "./store.ts";

/** Postgres accepts at most 65,535 bind parameters per statement. */
const MAX_PARAMS = 60_000;
/** Most rows per statement: a power of two (see `statementSlices`). */
const MAX_STATEMENT_ROWS = 1024;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- values are whatever postgres.js can serialise
export type Row = Record<string, any>;

export interface BulkWriteOptions {
  /**
   * Conflict target. With it, a row that already exists is updated (`update`, the default) or
   * left alone (`ignore`); without it, a conflict is an error.
   */
  conflict?: { columns: string[]; action?: "update" | "ignore" };
}

/**
 * Inserts rows in multi-row statements sized under the bind-parameter limit. Every row must have
 * the same columns (the first row's keys). Table and column names are escaped as identifiers by
 * postgres.js; values are always parameters. Returns the number of rows written.
 *
 * postgres.js prepares every distinct statement on its connection and keeps it for the
 * connection's life, each holding a server-side plan of several MB for a large statement. A
 * statement is distinct per row count and per inferred parameter types, so bulk writes use a
 * bounded set of row counts (`statementSlices`) and send Dates as ISO strings (a Date infers
 * timestamptz, a null infers nothing: every null pattern would be another statement). Without
 * this, PGlite's one connection ran out of memory after ~2.7 M seeded rows.
 */
export async function bulkInsert(
  sql: Sql,
  table: string,
  rows: Row[],
  options: BulkWriteOptions = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = Object.keys(rows[0]!);
  const maxRows = Math.min(MAX_STATEMENT_ROWS, largestPowerOfTwo(Math.floor(MAX_PARAMS / columns.length)));
  const conflict = options.conflict;
  const updated = conflict ? columns.filter((c) => !conflict.columns.includes(c)) : [];
  let written = 0;
  for (const slice of statementSlices(rows, maxRows)) {
    const batch = slice.map(toWire);
    if (!conflict) {
      await sql`INSERT INTO ${sql(table)} ${sql(batch, columns)}`;
    } else if (conflict.action === "ignore" || updated.length === 0) {
      await sql`INSERT INTO ${sql(table)} ${sql(batch, columns)}
        ON CONFLICT (${sql(conflict.columns)}) DO NOTHING`;
    } else {
      await sql`INSERT INTO ${sql(table)} ${sql(batch, columns)}
        ON CONFLICT (${sql(conflict.columns)})
        DO UPDATE SET ${setFromExcluded(sql, updated)}`;
    }
    written += batch.length;
  }
  return written;
}

function largestPowerOfTwo(n: number): number {
  return 2 ** Math.floor(Math.log2(Math.max(1, n)));
}

/** The row with its Dates as ISO strings; the server types them from the column. */
function toWire(row: Row): Row {
  const out: Row = {};
  for (const key in row) {
    const v: unknown = row[key];
    out[key] = v instanceof Date ? v.toISOString() : v;
  }
  return out;
}

/**
 * Slices of `maxRows` (a power of two), then the remainder split into powers of two: a table
 * gets at most log2(maxRows) + 1 statement shapes, whatever the number of rows.
 */
export function* statementSlices<T>(rows: T[], maxRows = MAX_STATEMENT_ROWS): Generator<T[]> {
  let i = 0;
  for (; rows.length - i >= maxRows; i += maxRows) yield rows.slice(i, i + maxRows);
  for (let size = maxRows / 2; size >= 1; size /= 2) {
    if (rows.length - i >= size) {
      yield rows.slice(i, i + size);
      i += size;
    }
  }
}

/** `a = excluded.a, b = excluded.b, …` as a fragment of escaped identifiers (columns must not be empty). */
export function setFromExcluded(sql: Sql, columns: string[]) {
  return columns.map((c) => sql`${sql(c)} = excluded.${sql(c)}`).reduce((acc, part) => sql`${acc}, ${part}`);
}

export interface ColumnInfo {
  name: string;
  /** udt name: text, int4, numeric, bool, timestamptz, date, jsonb, _text, uuid, vector … */
  type: string;
  nullable: boolean;
  hasDefault: boolean;
  /** GENERATED … AS IDENTITY: inserting an explicit value needs OVERRIDING SYSTEM VALUE. */
  isIdentity: boolean;
}

/** The columns of a table in the public schema, in table order. */
export async function tableColumns(sql: Sql, table: string): Promise<ColumnInfo[]> {
  const rows = await sql<
    { name: string; type: string; nullable: boolean; has_default: boolean; is_identity: boolean }[]
  >`
    SELECT column_name AS name, udt_name AS type, is_nullable = 'YES' AS nullable,
           (column_default IS NOT NULL OR is_identity = 'YES') AS has_default,
           is_identity = 'YES' AS is_identity
    FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name = ${table}
    ORDER BY ordinal_position`;
  return rows.map((r) => ({
    name: r.name,
    type: r.type,
    nullable: r.nullable,
    hasDefault: r.has_default,
    isIdentity: r.is_identity,
  }));
}

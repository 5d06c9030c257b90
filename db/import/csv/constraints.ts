import { tableColumns, type ColumnInfo } from "../../bulk.ts";
import type { Sql } from "../../store.ts";

/** What a column accepts beyond its type, read from the catalog so rows can be checked up front. */
export interface ColumnRule {
  /** `col IN (…)`, from `CHECK (col = ANY (ARRAY[…]))`. */
  allowed?: string[];
  /** Bounds from `CHECK (col >= 0)`, `CHECK (col BETWEEN 1 AND 5)` … */
  bounds?: { op: ">=" | ">" | "<=" | "<"; limit: number }[];
  /** numeric(p, s): at most p − s digits before the point. */
  integerDigits?: number;
}

/** A table's columns and the rules this importer can check before Postgres does. */
export interface TableSchema {
  table: string;
  columns: ColumnInfo[];
  rules: Map<string, ColumnRule>;
}

/**
 * Reads the columns, the single-column CHECK constraints of the shapes above, and numeric
 * precision. Other CHECKs are left to Postgres: a row breaking one fails its batch, and the whole
 * import is rolled back.
 */
export async function readTableSchema(sql: Sql, table: string): Promise<TableSchema> {
  const columns = await tableColumns(sql, table);
  const checks = await sql<{ column: string; def: string }[]>`
    SELECT a.attname AS column, pg_get_constraintdef(con.oid) AS def
    FROM pg_constraint con
    JOIN pg_class c ON c.oid = con.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = con.conkey[1]
    WHERE n.nspname = 'public' AND c.relname = ${table} AND con.contype = 'c'
      AND cardinality(con.conkey) = 1`;
  const numerics = await sql<{ column: string; precision: number; scale: number }[]>`
    SELECT column_name AS column, numeric_precision::int AS precision, numeric_scale::int AS scale
    FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name = ${table}
      AND data_type = 'numeric' AND numeric_precision IS NOT NULL`;
  const rules = new Map<string, ColumnRule>();
  const rule = (column: string) => rules.get(column) ?? rules.set(column, {}).get(column)!;
  for (const { column, def } of checks) {
    const allowed = parseAllowed(def, column);
    if (allowed) rule(column).allowed = allowed;
    const bounds = parseBounds(def, column);
    if (bounds) rule(column).bounds = [...(rule(column).bounds ?? []), ...bounds];
  }
  for (const n of numerics) rule(n.column).integerDigits = n.precision - n.scale;
  return { table, columns, rules };
}

// CHECK ((priority = ANY (ARRAY['low'::text, 'medium'::text])))
function parseAllowed(def: string, column: string): string[] | undefined {
  const match = /^CHECK \(\((\w+) = ANY \(ARRAY\[(.*)\]\)\)\)$/.exec(def);
  if (!match || match[1] !== column) return undefined;
  return [...match[2]!.matchAll(/'((?:[^']|'')*)'::[\w ]+/g)].map((m) => m[1]!.replaceAll("''", "'"));
}

// CHECK (((csat >= 1) AND (csat <= 5)))   CHECK ((mrr >= (0)::numeric))
const COMPARISON = /^\(*(\w+) (>=|>|<=|<) \(?(-?\d+(?:\.\d+)?)\)?(?:::\w+)?\)*$/;

function parseBounds(def: string, column: string): ColumnRule["bounds"] {
  if (!def.startsWith("CHECK (")) return undefined;
  const parts = def.slice("CHECK (".length, -1).split(" AND ");
  const bounds: NonNullable<ColumnRule["bounds"]> = [];
  for (const part of parts) {
    const match = COMPARISON.exec(part);
    if (!match || match[1] !== column) return undefined;
    bounds.push({ op: match[2] as ">=" | ">" | "<=" | "<", limit: Number(match[3]) });
  }
  return bounds;
}

/** Why a coerced value breaks a column's rules, or undefined when it does not. */
export function breaksRule(rule: ColumnRule | undefined, value: unknown): string | undefined {
  if (!rule || value === null) return undefined;
  if (rule.allowed && !rule.allowed.includes(String(value))) {
    return `"${String(value)}" is not one of ${rule.allowed.join(", ")}`;
  }
  const n = Number(value);
  for (const { op, limit } of rule.bounds ?? []) {
    const ok = op === ">=" ? n >= limit : op === ">" ? n > limit : op === "<=" ? n <= limit : n < limit;
    if (!ok) return `${String(value)} breaks the check ${op} ${limit}`;
  }
  if (rule.integerDigits !== undefined && Math.abs(n) >= 10 ** rule.integerDigits) {
    return `${String(value)} has more than ${rule.integerDigits} digits before the decimal point`;
  }
  return undefined;
}

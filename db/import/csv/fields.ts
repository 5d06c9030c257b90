import { cellReader } from "./cells.ts";
import { bagCoercer, coercerFor, type Coercer, type Input } from "./coerce.ts";
import { breaksRule, type TableSchema } from "./constraints.ts";
import type { PlanContext } from "./context.ts";
import type { FieldSpec, Mapping } from "./schema.ts";

/** One target value of a row: where it comes from, where it goes, how it is checked. */
export interface FieldPlan {
  /** Where a problem points: the CSV column(s), or `fields.<key>` for a constant. */
  label: string;
  /**
   * A table column (`required`: NOT NULL; `hasDefault`: a missing value leaves the column to its
   * default on insert and unchanged on update), or a key of the JSONB bag.
   */
  target: { column: string; required: boolean; hasDefault: boolean } | { bagKey: string };
  read(cells: string[]): Input | null;
  /** Coercion to the target type, then the column's CHECK rules. */
  coerce: Coercer;
  /** The declared type (bag `type`, or the column's type in the schema): Postgres udt or bag type. */
  type: string;
  /** The CSV columns read (none for a constant). */
  sources: string[];
}

const RESERVED = new Set(["id", "tenant_id", "external_id"]);

/**
 * Compiles `fields`: each key is a column of the table (typed by the schema, checked against its
 * CHECK rules) or `<bag>.<key>` (typed by `type`, default text). Every NOT NULL column without a
 * default must be covered.
 */
export function compileFields(
  mapping: Mapping,
  ctx: PlanContext,
  schema: TableSchema,
  bagColumn: string | undefined,
): FieldPlan[] {
  const missing = new Set(mapping.missing);
  const columns = new Map(schema.columns.map((c) => [c.name, c]));
  const fields: FieldPlan[] = [];
  for (const [key, spec] of Object.entries(mapping.fields)) {
    const at = `fields.${key}`;
    const dot = key.indexOf(".");
    let target: FieldPlan["target"];
    let coerce: Coercer | undefined;
    let type: string = spec.type ?? "text";
    const options = {
      timeZone: mapping.timezone,
      dateFormat: spec.dateFormat ?? "YYYY-MM-DD",
      split: spec.split,
    } as const;
    if (dot >= 0) {
      if (key.slice(0, dot) !== bagColumn) {
        ctx.issue(
          at,
          bagColumn ? `bag keys start with "${bagColumn}."` : `${mapping.table} has no JSONB bag`,
        );
        continue;
      }
      target = { bagKey: key.slice(dot + 1) };
      coerce = bagCoercer(spec.type ?? "text", options);
      if (spec.split && spec.type !== "text[]") ctx.issue(`${at}.split`, "only for type text[]");
      if (spec.columns && spec.type !== "text[]" && spec.type !== "jsonb") {
        ctx.issue(`${at}.columns`, "several columns make a list: give type text[] or jsonb");
      }
    } else {
      const column = columns.get(key);
      if (!column || RESERVED.has(key) || key === bagColumn) {
        ctx.issue(at, targetHint(key, mapping.table, bagColumn, schema));
        continue;
      }
      if (spec.type)
        ctx.issue(`${at}.type`, `only bag keys take a type; ${key} is ${column.type} in the schema`);
      if (spec.split && column.type !== "_text")
        ctx.issue(`${at}.split`, `only for list columns; ${key} is ${column.type}`);
      target = { column: key, required: !column.nullable, hasDefault: column.hasDefault };
      type = column.type;
      const base = coercerFor(column.type, options);
      if (!base)
        ctx.issue(at, `cannot import into ${key}: its type ${column.type} is not one a CSV cell can become`);
      const rule = schema.rules.get(key);
      coerce =
        base &&
        ((value) => {
          const r = base(value);
          const broken = "value" in r ? breaksRule(rule, r.value) : undefined;
          return broken ? { reason: broken } : r;
        });
      if (spec.columns && column.type !== "_text" && column.type !== "jsonb") {
        ctx.issue(`${at}.columns`, `several columns make a list; ${key} is ${column.type}`);
      }
    }
    const read = fieldReader(spec, at, ctx, missing);
    if (!read || !coerce) continue;
    if (spec.value !== undefined && spec.value !== null) {
      const check = coerce(spec.value);
      if ("reason" in check) ctx.issue(`${at}.value`, check.reason);
    }
    const label = spec.column ?? spec.columns?.join("+") ?? at;
    const sources = spec.column !== undefined ? [spec.column] : (spec.columns ?? []);
    fields.push({ label, target, read, coerce, type, sources });
  }

  const required = schema.columns.filter((c) => !c.nullable && !c.hasDefault && c.name !== "tenant_id");
  for (const c of required) {
    if (!(c.name in mapping.fields))
      ctx.issue(
        "fields",
        `${mapping.table}.${c.name} is NOT NULL without a default: map a column or a value to it`,
      );
  }

  return fields;
}

function fieldReader(
  spec: FieldSpec,
  at: string,
  ctx: PlanContext,
  missing: Set<string>,
): FieldPlan["read"] | undefined {
  if (spec.value !== undefined) {
    const value = spec.value;
    return () => value;
  }
  if (spec.column !== undefined) {
    const index = ctx.read(spec.column, `${at}.column`);
    return index === undefined ? undefined : cellReader(index, spec.values, missing);
  }
  const readers = spec.columns!.map((name, i) => ctx.read(name, `${at}.columns[${i}]`));
  if (readers.some((r) => r === undefined)) return undefined;
  const cells = readers.map((index) => cellReader(index!, spec.values, missing));
  return (row) =>
    cells
      .map((read) => read(row))
      .filter((v) => v !== null)
      .map(String);
}

function targetHint(key: string, table: string, bagColumn: string | undefined, schema: TableSchema): string {
  if (key === "external_id") return "set the id with externalId, not fields";
  if (key === bagColumn) return `put bag keys as "${bagColumn}.<key>" or use bag`;
  if (RESERVED.has(key)) return `${key} is set by the importer`;
  const names = schema.columns.map((c) => c.name).filter((n) => !RESERVED.has(n) && n !== bagColumn);
  return `${table} has no column "${key}" (it has ${names.join(", ")})`;
}

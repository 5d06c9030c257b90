import { BAG_COLUMN, compileBag } from "./bag.ts";
import { cellReader } from "./cells.ts";
import type { TableSchema } from "./constraints.ts";
import { PlanContext } from "./context.ts";
import { compileFields, type FieldPlan } from "./fields.ts";
import { compileOutcomes, type OutcomePlan } from "./outcomes.ts";
import type { ImportTable, Mapping } from "./schema.ts";

/** A mapping compiled against the target table and one CSV header. */
export interface ImportPlan {
  table: ImportTable;
  file: string;
  header: string[];
  externalIdLabel: string;
  externalId(cells: string[], line: number): string | null;
  fields: FieldPlan[];
  bagColumn: string | undefined;
  /** CSV columns copied into the bag as text. */
  bagText: { index: number; key: string }[];
  outcomes: OutcomePlan[];
  /** Cells (trimmed) that mean "no value". */
  missing: Set<string>;
  /** Columns sent as JSON (postgres.js must not guess their type from the value). */
  jsonColumns: Set<string>;
  /** Header positions never stored anywhere, not even in the reject file. */
  excluded: Set<number>;
  /** CSV columns neither mapped, in the bag nor excluded: dropped, and reported. */
  ignored: string[];
}

/** Checks a mapping against the table schema and the CSV header; throws a MappingError listing every issue. */
export function compilePlan(input: {
  mapping: Mapping;
  origin: string;
  file: string;
  header: string[];
  schema: TableSchema;
  outcomes: TableSchema;
}): ImportPlan {
  const { mapping, schema } = input;
  const ctx = new PlanContext(input.origin, input.file, input.header);
  mapping.exclude.forEach((name, i) => {
    const index = ctx.find(name, `exclude[${i}]`);
    if (index !== undefined) ctx.excluded.add(index);
  });
  const outcomes = compileOutcomes(mapping, ctx, input.outcomes);
  const missing = new Set(mapping.missing);
  const bagColumn = BAG_COLUMN[mapping.table];

  const idIndex = mapping.externalId.column
    ? ctx.read(mapping.externalId.column, "externalId.column")
    : undefined;
  const prefix = mapping.externalId.prefix;
  const idCell = idIndex === undefined ? undefined : cellReader(idIndex, undefined, missing);
  const externalId = idCell
    ? (cells: string[]) => {
        const id = idCell(cells);
        return id === null ? null : `${prefix}${String(id).trim()}`;
      }
    : (_cells: string[], line: number) => `${prefix}${line}`;

  const bagType = schema.columns.find((c) => c.name === bagColumn)?.type;
  if (bagColumn && bagType !== "jsonb")
    ctx.issue("table", `${mapping.table}.${bagColumn} is not a jsonb column`);
  const fields = compileFields(mapping, ctx, schema, bagColumn);
  const bagText = compileBag(mapping, ctx, fields, bagColumn);
  mapping.knownAfterOutcome.forEach((name, i) => ctx.find(name, `knownAfterOutcome[${i}]`));
  ctx.done();
  const jsonColumns = new Set(
    schema.columns.filter((c) => c.type === "jsonb" || c.type === "json").map((c) => c.name),
  );
  const stored = new Set([...ctx.used, ...ctx.excluded, ...ctx.labels, ...bagText.map((b) => b.index)]);
  const ignored = input.header.filter((_, i) => !stored.has(i));
  return {
    table: mapping.table,
    file: input.file,
    header: input.header,
    externalIdLabel: mapping.externalId.column ?? "(line number)",
    externalId,
    fields,
    bagColumn,
    bagText,
    outcomes,
    missing,
    jsonColumns,
    excluded: ctx.excluded,
    ignored,
  };
}

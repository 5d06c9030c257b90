import { snakeCase } from "./cells.ts";
import type { PlanContext } from "./context.ts";
import type { FieldPlan } from "./fields.ts";
import type { ImportTable, Mapping } from "./schema.ts";

/** The JSONB column that keeps each table's tenant-specific fields. */
export const BAG_COLUMN: Partial<Record<ImportTable, string>> = {
  accounts: "attributes",
  contacts: "attributes",
  leads: "fields",
  tickets: "attributes",
  campaigns: "attributes",
  activities: "metadata",
};

/** The CSV columns copied into the bag as text, keyed as `bag.keys` says; an issue on any key clash. */
export function compileBag(
  mapping: Mapping,
  ctx: PlanContext,
  fields: FieldPlan[],
  bagColumn: string | undefined,
) {
  const bag = mapping.bag;
  if (!bag) return [];
  if (!bagColumn) {
    ctx.issue("bag", `${mapping.table} has no JSONB bag`);
    return [];
  }
  const keyOf = (name: string, i: number) =>
    (bag.keys === "original" ? name : snakeCase(name)) || `column_${i + 1}`;
  const listed = bag.columns.map((name, i) => ctx.read(name, `bag.columns[${i}]`));
  const rest = bag.rest
    ? ctx.header
        .map((_, i) => i)
        .filter((i) => !ctx.used.has(i) && !ctx.excluded.has(i) && !ctx.labels.has(i))
    : [];
  const indexes = [...new Set([...listed.filter((i) => i !== undefined), ...rest])];
  const taken = new Map(
    fields.flatMap((f) =>
      "bagKey" in f.target ? [[f.target.bagKey, `fields.${bagColumn}.${f.target.bagKey}`]] : [],
    ),
  );
  return indexes.flatMap((index) => {
    const key = keyOf(ctx.header[index]!, index);
    const other = taken.get(key);
    if (other) {
      ctx.issue(
        "bag",
        `column "${ctx.header[index]}" would be bag key "${key}", which ${other} already sets`,
      );
      return [];
    }
    taken.set(key, `column "${ctx.header[index]}"`);
    return [{ index, key }];
  });
}

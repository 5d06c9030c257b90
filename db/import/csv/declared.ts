import type { ImportColumn } from "../../queries/feature-columns.ts";
import type { ImportPlan } from "./plan.ts";
import type { Mapping } from "./schema.ts";

const NUMERIC = new Set(["int", "numeric", "int2", "int4", "int8", "float4", "float8"]);
const TEXT = new Set(["text", "varchar", "bpchar", "citext"]);
const DATE = new Set(["date", "timestamptz", "timestamp"]);

/** A declared type (bag type or Postgres udt) as scoring reads it. */
export function valueTypeOf(type: string): ImportColumn["valueType"] {
  if (NUMERIC.has(type)) return "numeric";
  if (type === "bool") return "boolean";
  if (TEXT.has(type)) return "text";
  if (DATE.has(type)) return "date";
  return "other";
}

/**
 * What an import declares about each record key it writes, for scoring to derive feature specs
 * from: the key (`plan`, `attributes.tenure_months`), its type and its role. A key read from
 * the external-id column is an identifier; one read from a `knownAfterOutcome` column is
 * post_outcome; each outcome is recorded as `outcomes.<kind>` with its label column.
 */
export function declaredColumns(plan: ImportPlan, mapping: Mapping): ImportColumn[] {
  const idColumn = mapping.externalId.column;
  const late = new Set(mapping.knownAfterOutcome);
  const roleOf = (sources: string[]): ImportColumn["role"] => {
    if (idColumn !== undefined && sources.includes(idColumn)) return "identifier";
    if (sources.some((s) => late.has(s))) return "post_outcome";
    return "field";
  };
  const out: ImportColumn[] = [];
  if (idColumn !== undefined)
    out.push({ key: "external_id", valueType: "text", role: "identifier", sourceColumn: idColumn });
  for (const f of plan.fields) {
    const key = "column" in f.target ? f.target.column : `${plan.bagColumn}.${f.target.bagKey}`;
    out.push({
      key,
      valueType: valueTypeOf(f.type),
      role: roleOf(f.sources),
      sourceColumn: f.sources.join("+") || null,
    });
  }
  for (const { index, key } of plan.bagText) {
    const source = plan.header[index]!;
    out.push({
      key: `${plan.bagColumn}.${key}`,
      valueType: "text",
      role: roleOf([source]),
      sourceColumn: source,
    });
  }
  for (const o of mapping.outcomes)
    out.push({ key: `outcomes.${o.kind}`, valueType: "boolean", role: "outcome", sourceColumn: o.column });
  return out;
}

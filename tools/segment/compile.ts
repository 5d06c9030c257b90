import type postgres from "postgres";
import { ToolInputError } from "../errors.ts";
import { likePattern } from "../input.ts";
import { SEGMENT_FIELDS, type FieldType, type SegmentEntity } from "./fields.ts";
import type { SegmentCondition, SegmentSpec } from "./spec.ts";

type Fragment = postgres.PendingQuery<postgres.Row[]>;
type Scalar = string | number | boolean;

const CHECKS: Record<FieldType, (v: Scalar) => boolean> = {
  text: (v) => typeof v === "string",
  number: (v) => typeof v === "number" && Number.isFinite(v),
  boolean: (v) => typeof v === "boolean",
  date: (v) => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)),
  timestamp: (v) => typeof v === "string" && /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v)),
  uuid: (v) => typeof v === "string" && /^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(v),
};
const ORDERED: FieldType[] = ["text", "number", "date", "timestamp"];

/**
 * Compiles a segment filter to a parameterised boolean SQL fragment. Field names are checked
 * against SEGMENT_FIELDS and reach SQL only as quoted identifiers; values only as parameters.
 * Throws TOOL_INPUT_INVALID naming the path (`filter.groups[0].conditions[1].field`) of a bad one.
 */
export function compileSegment(tx: postgres.TransactionSql, spec: SegmentSpec, path = "filter"): Fragment {
  const top = spec.conditions.map((c, i) => condition(tx, spec.entity, c, `${path}.conditions[${i}]`));
  const groups = spec.groups.map((g, gi) =>
    join(
      tx,
      g.conditions.map((c, i) => condition(tx, spec.entity, c, `${path}.groups[${gi}].conditions[${i}]`)),
      g.combine,
    ),
  );
  return join(tx, [...top, ...groups], spec.combine);
}

function join(tx: postgres.TransactionSql, parts: Fragment[], combine: "and" | "or"): Fragment {
  if (parts.length === 0) return tx`TRUE`;
  const joined = parts.reduce((acc, p) => (combine === "and" ? tx`${acc} AND ${p}` : tx`${acc} OR ${p}`));
  return tx`(${joined})`;
}

function condition(
  tx: postgres.TransactionSql,
  entity: SegmentEntity,
  c: SegmentCondition,
  path: string,
): Fragment {
  const fields = SEGMENT_FIELDS[entity];
  const type = Object.hasOwn(fields, c.field) ? fields[c.field] : undefined;
  if (!type) {
    throw new ToolInputError(
      `${path}.field`,
      `unknown field "${c.field}" for ${entity}; allowed: ${Object.keys(fields).join(", ")}`,
    );
  }
  const col = tx(c.field);
  const bad = (reason: string) =>
    new ToolInputError(`${path}.value`, `${c.field} (${type}) ${c.op}: ${reason}`);
  if (c.op === "is_null") {
    if (c.value !== undefined && typeof c.value !== "boolean") throw bad("value must be true or false");
    return c.value === false ? tx`${col} IS NOT NULL` : tx`${col} IS NULL`;
  }
  if (c.op === "in") {
    if (!Array.isArray(c.value)) throw bad("value must be a list");
    if (!c.value.every(CHECKS[type])) throw bad(`every value must be a ${type}`);
    return tx`${col} IN ${tx(c.value as string[])}`;
  }
  const v = c.value;
  if (v === undefined || Array.isArray(v) || !CHECKS[type](v)) throw bad(`value must be a single ${type}`);
  switch (c.op) {
    case "eq":
      return tx`${col} = ${v}`;
    case "neq":
      return tx`${col} IS DISTINCT FROM ${v}`;
    case "contains":
      if (type !== "text") throw bad("contains works on text fields only");
      return tx`${col} ILIKE ${likePattern(v as string)}`;
  }
  if (!ORDERED.includes(type)) throw bad("cannot be ordered");
  switch (c.op) {
    case "gt":
      return tx`${col} > ${v}`;
    case "gte":
      return tx`${col} >= ${v}`;
    case "lt":
      return tx`${col} < ${v}`;
    case "lte":
      return tx`${col} <= ${v}`;
  }
}

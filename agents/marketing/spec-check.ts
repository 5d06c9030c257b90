import { SEGMENT_FIELDS, type SegmentCondition } from "../../tools/index.ts";
import type { AudienceSpec } from "./audience-spec.ts";

type FieldType = (typeof SEGMENT_FIELDS)["accounts"][string];

const ORDERED: FieldType[] = ["text", "number", "date", "timestamp"];
const MAX_CONDITIONS = 20;
/** Fields an audience never filters on: who owns an account is not a marketing criterion. */
const REFUSED_FIELDS = new Set(["owner_id"]);

const fits = (type: FieldType, v: unknown): boolean => {
  switch (type) {
    case "number":
      return typeof v === "number" && Number.isFinite(v);
    case "boolean":
      return typeof v === "boolean";
    case "date":
      return typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));
    case "timestamp":
      return typeof v === "string" && /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v));
    case "uuid":
      return typeof v === "string" && /^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(v);
    default:
      return typeof v === "string";
  }
};

function checkCondition(c: SegmentCondition, path: string): string | null {
  const fields = SEGMENT_FIELDS.accounts;
  const type = Object.hasOwn(fields, c.field) ? fields[c.field] : undefined;
  if (!type) return `${path}: unknown account field "${c.field}"`;
  if (REFUSED_FIELDS.has(c.field)) return `${path}: an audience may not filter on ${c.field}`;
  if (c.op === "is_null")
    return c.value === undefined || typeof c.value === "boolean"
      ? null
      : `${path}: is_null takes true or false`;
  if (c.op === "in") {
    if (!Array.isArray(c.value) || !c.value.every((v) => fits(type, v)))
      return `${path}: in needs a list of ${type}`;
    return null;
  }
  if (c.value === undefined || Array.isArray(c.value) || !fits(type, c.value))
    return `${path}: ${c.field} ${c.op} needs a single ${type}`;
  if (c.op === "contains" && type !== "text") return `${path}: contains works on text fields only`;
  if (["gt", "gte", "lt", "lte"].includes(c.op) && !ORDERED.includes(type))
    return `${path}: ${c.field} cannot be ordered`;
  return null;
}

/**
 * Why an audience spec (typically a model's) cannot be used, or [] when it can: the filter must
 * select accounts, name only whitelisted account fields with values of their type, not filter on
 * ownership, and stay small (at most 20 conditions). Consent fields cannot appear (they are
 * contact fields, and the agent applies consent itself), so no spec can widen who is contacted.
 */
export function checkAudienceSpec(spec: AudienceSpec): string[] {
  const problems: string[] = [];
  if (spec.filter.entity !== "accounts")
    problems.push(`filter.entity: an audience selects accounts, not ${spec.filter.entity}`);
  const all = [
    ...spec.filter.conditions.map((c, i) => ({ c, path: `filter.conditions[${i}]` })),
    ...spec.filter.groups.flatMap((g, gi) =>
      g.conditions.map((c, i) => ({ c, path: `filter.groups[${gi}].conditions[${i}]` })),
    ),
  ];
  if (all.length > MAX_CONDITIONS)
    problems.push(`filter: ${all.length} conditions (at most ${MAX_CONDITIONS})`);
  if (spec.filter.entity === "accounts") {
    for (const { c, path } of all) {
      const problem = checkCondition(c, path);
      if (problem) problems.push(problem);
    }
  }
  return problems;
}

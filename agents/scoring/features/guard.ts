import { refusalOf, type DeclaredColumn, type KindColumns, type Refusal } from "./derive.ts";
import type { FeatureRecord, FeatureSpecInput } from "./spec.ts";
import { booleanValue, categoryValue, featureNumber, MISSING_LEVEL } from "./values.ts";

const IDENTIFIERS = new Set(["id", "external_id", "tenant_id"]);

/**
 * Leakage guard over any feature list (derived or from a spec file): a key an import declared
 * as an outcome, identifier or post-outcome column, a kind's withheld key, an outcome record
 * (`outcomes.*`), and a date that lies after the outcome's knownAt on some training row (so it
 * was only known afterwards) are refused, each with its reason.
 */
export function guardFeatures(
  specs: readonly FeatureSpecInput[],
  declared: readonly DeclaredColumn[],
  kind: KindColumns | undefined,
  records: readonly FeatureRecord[],
): { kept: FeatureSpecInput[]; refused: Refusal[] } {
  const byKey = new Map(declared.map((c) => [c.key, c]));
  const kept: FeatureSpecInput[] = [];
  const refused: Refusal[] = [];
  for (const spec of specs) {
    const reason = reasonFor(spec, byKey.get(spec.key), kind, records);
    if (reason) refused.push({ key: spec.key, reason });
    else kept.push(spec);
  }
  return { kept, refused };
}

function reasonFor(
  spec: FeatureSpecInput,
  declared: DeclaredColumn | undefined,
  kind: KindColumns | undefined,
  records: readonly FeatureRecord[],
): string | undefined {
  if (spec.key.startsWith("outcomes.")) return "an outcome record: it is what the model predicts";
  if (IDENTIFIERS.has(spec.key)) return "an identifier: unique per row, it carries no pattern";
  if (declared) {
    const reason = refusalOf(declared, kind ?? { table: "", bag: "", columns: [], withheld: {} });
    // "not a column the rows carry" is a coverage question (reported as missing), not leakage
    if (reason && declared.role !== "field") return reason;
  }
  if (kind?.withheld[spec.key]) return kind.withheld[spec.key];
  if (spec.kind === "numeric" && spec.transform === "age_days") {
    const late = records.filter((r) => (featureNumber({ key: spec.key, transform: "age_days" }, r) ?? 0) < 0);
    if (late.length > 0)
      return `dated after the outcome's knownAt on ${late.length} of ${records.length} rows: known only after the outcome`;
  }
  return undefined;
}

/** Whether any record has a value for the feature (a feature no row has is "missing"). */
export function hasValues(spec: FeatureSpecInput, records: readonly FeatureRecord[]): boolean {
  switch (spec.kind) {
    case "numeric": {
      const f = { key: spec.key, transform: spec.transform ?? "none" };
      return records.some((r) => featureNumber(f, r) !== undefined);
    }
    case "categorical":
      return records.some((r) => categoryValue(r[spec.key]) !== MISSING_LEVEL);
    case "boolean":
      return records.some((r) => booleanValue(r[spec.key]) !== undefined);
  }
}

import { deriveFeatureSpecs, type DeclaredColumn, type KindColumns, type Refusal } from "./derive.ts";
import { guardFeatures, hasValues } from "./guard.ts";
import { FeatureSpecError } from "./spec-file.ts";
import type { FeatureRecord, FeatureSpecInput } from "./spec.ts";

/** Which features a training run uses, and why the others are not used. */
export interface FeaturePlan {
  /** Where the spec came from: a `--features` file, the tenant's import mappings, or the kind's built-in spec. */
  source: "file" | "mappings" | "built-in";
  /** Features with values in the training rows: what the model trains on. */
  used: FeatureSpecInput[];
  /** Keys requested (and not refused) that no training row has a value for. */
  missing: string[];
  /** Keys refused as features (leakage, identifiers), with the reason. */
  refused: Refusal[];
  /** missing / (used + missing): the share the activation rule is checked against. */
  missingShare: number;
}

/**
 * Resolves a kind's feature spec — a spec file if given, else derived from the tenant's import
 * declarations for the kind's table, else the kind's built-in spec — then applies the leakage
 * guard and checks which features the rows actually have. A spec file asking for a refused key
 * is an error naming the key and the reason (nothing is trained).
 */
export function planFeatures(input: {
  file?: { features: readonly FeatureSpecInput[]; origin: string };
  builtIn: readonly FeatureSpecInput[];
  declared: readonly DeclaredColumn[];
  kind: KindColumns | undefined;
  records: readonly FeatureRecord[];
}): FeaturePlan {
  const { file, declared, kind, records } = input;
  let source: FeaturePlan["source"] = "built-in";
  let requested: readonly FeatureSpecInput[] = input.builtIn;
  let refused: Refusal[] = [];
  const ownColumns = declared.filter((c) => c.role !== "outcome");
  if (file) {
    source = "file";
    requested = file.features;
  } else if (kind && ownColumns.length > 0) {
    source = "mappings";
    ({ specs: requested, refused } = deriveFeatureSpecs(declared, kind));
  }
  const guarded = guardFeatures(requested, declared, kind, records);
  if (file && guarded.refused.length > 0) {
    const issues = guarded.refused.map((r) => {
      const i = file.features.findIndex((f) => f.key === r.key);
      return `features[${i}].key: "${r.key}" is refused as a feature: ${r.reason}`;
    });
    const first = file.features.findIndex((f) => f.key === guarded.refused[0]!.key);
    throw new FeatureSpecError(file.origin, issues, `features[${first}].key`);
  }
  refused = [...refused, ...guarded.refused];
  const used = guarded.kept.filter((s) => hasValues(s, records));
  const missing = guarded.kept.filter((s) => !used.includes(s)).map((s) => s.key);
  const total = used.length + missing.length;
  return { source, used, missing, refused, missingShare: total === 0 ? 1 : missing.length / total };
}

/** Raised when too many requested features have no values: the model is neither trained nor activated. */
export class FeaturesMissingError extends Error {
  readonly code = "FEATURES_MISSING";
  constructor(
    readonly missing: string[],
    message: string,
  ) {
    super(message);
  }
}

/** Throws FeaturesMissingError, naming the missing features, when their share exceeds `maxShare`. */
export function assertCoverage(plan: FeaturePlan, maxShare: number, what: string): void {
  if (plan.missingShare <= maxShare) return;
  const total = plan.missing.length + plan.used.length;
  throw new FeaturesMissingError(
    plan.missing,
    `${what}: ${plan.missing.length} of ${total} requested features have no values ` +
      `(${plan.missing.join(", ")}), more than the allowed share ${maxShare}; not trained, not activated`,
  );
}

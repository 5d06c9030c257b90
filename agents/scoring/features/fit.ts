import type { FittedFeature } from "./fitted.ts";
import { labelOf, type FeatureRecord, type FeatureSpec } from "./spec.ts";
import { categoryValue, featureNumber, median, quantileCuts } from "./values.ts";

/**
 * Learns what encoding needs from training records only: medians, bin cuts and the levels
 * frequent enough for a column of their own (in order of frequency, then name).
 */
export function fitFeatures(
  specs: readonly FeatureSpec[],
  records: readonly FeatureRecord[],
): FittedFeature[] {
  return specs.map((spec): FittedFeature => {
    const label = labelOf(spec);
    switch (spec.kind) {
      case "numeric": {
        const seen = records.map((r) => featureNumber(spec, r)).filter((v) => v !== undefined);
        return {
          kind: "numeric",
          key: spec.key,
          label,
          transform: spec.transform,
          median: median(seen),
          missingIndicator: spec.missingIndicator,
          cuts: quantileCuts(seen, spec.bins),
        };
      }
      case "categorical": {
        const counts = new Map<string, number>();
        for (const r of records) {
          const level = categoryValue(r[spec.key]);
          counts.set(level, (counts.get(level) ?? 0) + 1);
        }
        const levels = [...counts]
          .filter(([, n]) => n >= spec.minCount)
          .sort(([a, n], [b, m]) => m - n || a.localeCompare(b))
          .map(([level]) => level);
        // "other" also catches levels first seen after training, so it exists whenever any were rare
        return { kind: "categorical", key: spec.key, label, levels, other: levels.length < counts.size };
      }
      case "boolean":
        return { kind: "boolean", key: spec.key, label, missingIndicator: spec.missingIndicator };
    }
  });
}

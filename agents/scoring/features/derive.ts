import type { FeatureSpecInput } from "./spec.ts";

/** What an import declared about one record key (the rows of db's import_columns). */
export interface DeclaredColumn {
  key: string;
  valueType: "numeric" | "boolean" | "text" | "date" | "other";
  role: "field" | "identifier" | "outcome" | "post_outcome";
  sourceColumn: string | null;
}

/** Where a model kind's rows come from, as far as features go. */
export interface KindColumns {
  /** The import table of the scored entity (`accounts`, `leads`). */
  table: string;
  /** Its JSONB bag (`attributes`, `fields`): keys `<bag>.<key>` are in every training record. */
  bag: string;
  /** The table columns the training rows carry. */
  columns: readonly string[];
  /** Keys never used as features, with the reason (e.g. a status that turns into the label). */
  withheld: Readonly<Record<string, string>>;
}

/** A key refused as a feature, and why. */
export interface Refusal {
  key: string;
  reason: string;
}

/** Why a declared column cannot be a feature of this kind, or undefined when it can. */
export function refusalOf(c: DeclaredColumn, kind: KindColumns): string | undefined {
  const from = c.sourceColumn ? ` (CSV column "${c.sourceColumn}")` : "";
  if (c.role === "outcome") return `an outcome label${from}: it is what the model predicts`;
  if (c.role === "identifier") return `an identifier${from}: unique per row, it carries no pattern`;
  if (c.role === "post_outcome") return `known only after the outcome${from} (mapping knownAfterOutcome)`;
  const withheld = kind.withheld[c.key];
  if (withheld) return withheld;
  if (!c.key.startsWith(`${kind.bag}.`) && !kind.columns.includes(c.key))
    return `${kind.table}.${c.key} is not a column the training rows carry`;
  if (c.valueType === "other") return `its declared type (lists, JSON) is not one a model reads`;
  return undefined;
}

/**
 * The default feature spec of a kind, from what the tenant's import mappings declared: numbers →
 * numeric with a missing indicator, booleans → binary with a missing indicator, strings →
 * categorical (levels seen fewer than 20 times pooled), dates → age in days at the outcome's
 * knownAt. Each feature is labelled by the CSV column it came from, so explanations use the
 * tenant's own names. Columns that may not be features are returned as refusals.
 */
export function deriveFeatureSpecs(
  declared: readonly DeclaredColumn[],
  kind: KindColumns,
): { specs: FeatureSpecInput[]; refused: Refusal[] } {
  const specs: FeatureSpecInput[] = [];
  const refused: Refusal[] = [];
  for (const c of declared) {
    const reason = refusalOf(c, kind);
    if (reason) {
      refused.push({ key: c.key, reason });
      continue;
    }
    const own = c.sourceColumn ?? c.key;
    // one CSV column mapped to two keys (MonthlyCharges → mrr and attributes.monthly_charges)
    const label = specs.some((s) => s.label === own) ? `${own} (${c.key})` : own;
    const base = { key: c.key, label };
    switch (c.valueType) {
      case "numeric":
        specs.push({ kind: "numeric", ...base, missingIndicator: true, bins: DEFAULT_BINS });
        break;
      case "boolean":
        specs.push({ kind: "boolean", ...base, missingIndicator: true });
        break;
      case "text":
        specs.push({ kind: "categorical", ...base, minCount: 20 });
        break;
      case "date":
        specs.push({
          kind: "numeric",
          ...base,
          transform: "age_days",
          missingIndicator: true,
          bins: DEFAULT_BINS,
        });
        break;
    }
  }
  return { specs, refused };
}

/**
 * Quantile bins beside each derived number, so a linear model can follow a saturating or
 * non-monotonic effect (tenure, charges) without anyone declaring a transform.
 */
export const DEFAULT_BINS = 5;

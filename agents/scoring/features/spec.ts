import { z } from "zod";

/**
 * Feature specs, declared as data: which key of a row's record becomes which model columns.
 * Keys follow the store: a column name (`plan`, `mrr`, `source`) or the JSON path of a
 * tenant-specific field (`attributes.tenure_months`, `fields.last_activity`).
 */

const base = {
  /** Key in the row's record. */
  key: z.string().min(1),
  /** Name used in explanations ("contract", "tenure (months)"). Default: the key. */
  label: z.string().min(1).optional(),
};

/** A number. Missing values are imputed with the training median. */
export const numericFeatureSchema = z.object({
  kind: z.literal("numeric"),
  ...base,
  /**
   * `log1p`: log(1 + max(x, 0)), for skewed counts and amounts. `age_days`: the value is a date
   * and the feature is its age in days at the record's reference time (the outcome's knownAt
   * in training, the scoring instant live; see REFERENCE_KEY). Default `none`.
   */
  transform: z.enum(["none", "log1p", "age_days"]).default("none"),
  /** Add a 0/1 column that says the value was missing. Default false. */
  missingIndicator: z.boolean().default(false),
  /**
   * Also one-hot encode this many quantile bins (cut points from training data), so a linear
   * model can follow a non-monotonic or saturating effect. Default 0: none.
   */
  bins: z.number().int().min(0).max(20).default(0),
});

/** A category, one-hot encoded; missing is a level of its own. */
export const categoricalFeatureSchema = z.object({
  kind: z.literal("categorical"),
  ...base,
  /** Levels seen fewer times than this in training share one "other" column. Default 20. */
  minCount: z.number().int().min(1).default(20),
});

/** A yes/no value: 1 for true, 0 for false or missing. */
export const booleanFeatureSchema = z.object({
  kind: z.literal("boolean"),
  ...base,
  /** Add a 0/1 column that says the value was missing. Default false. */
  missingIndicator: z.boolean().default(false),
});

export const featureSpecSchema = z.discriminatedUnion("kind", [
  numericFeatureSchema,
  categoricalFeatureSchema,
  booleanFeatureSchema,
]);

/** A feature spec as written (defaults optional). */
export type FeatureSpecInput = z.input<typeof featureSpecSchema>;
/** A feature spec with its defaults filled in. */
export type FeatureSpec = z.output<typeof featureSpecSchema>;
export type NumericFeature = z.output<typeof numericFeatureSchema>;
export type CategoricalFeature = z.output<typeof categoricalFeatureSchema>;
export type BooleanFeature = z.output<typeof booleanFeatureSchema>;

/** One row's values by key; anything else (objects, arrays) counts as missing. */
export type FeatureRecord = Record<string, string | number | boolean | null | undefined>;

/** Fills in defaults and checks the specs; keys must be unique. */
export function parseFeatureSpecs(specs: readonly FeatureSpecInput[]): FeatureSpec[] {
  const parsed = z.array(featureSpecSchema).parse(specs);
  const seen = new Set<string>();
  for (const spec of parsed) {
    if (seen.has(spec.key)) throw new Error(`feature key "${spec.key}" is declared twice`);
    seen.add(spec.key);
  }
  return parsed;
}

export const labelOf = (spec: { key: string; label?: string | undefined }): string => spec.label ?? spec.key;

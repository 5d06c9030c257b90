import { z } from "zod";

/**
 * A feature after fitting on training rows: everything encoding needs, as plain data, so it
 * can live in a model artifact.
 */
export const fittedFeatureSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("numeric"),
    key: z.string(),
    label: z.string(),
    transform: z.enum(["none", "log1p", "age_days"]),
    /** Training median of the raw value, used for missing values. */
    median: z.number(),
    missingIndicator: z.boolean(),
    /** Bin cut points on the raw value; empty when the spec asks for no bins. */
    cuts: z.array(z.number()),
  }),
  z.object({
    kind: z.literal("categorical"),
    key: z.string(),
    label: z.string(),
    /** Levels with a column of their own, in column order. */
    levels: z.array(z.string()),
    /** Whether an "other" column follows, for rare and unseen levels. */
    other: z.boolean(),
  }),
  z.object({
    kind: z.literal("boolean"),
    key: z.string(),
    label: z.string(),
    missingIndicator: z.boolean(),
  }),
]);

export type FittedFeature = z.infer<typeof fittedFeatureSchema>;

/** One model column: which feature it comes from and what it means. */
export interface Column {
  feature: number;
  name: string;
}

const fmt = (x: number) => String(Math.round(x * 1000) / 1000);

/** The columns a fitted feature encodes to, in order. */
export function featureColumns(f: FittedFeature, feature: number): Column[] {
  const col = (name: string): Column => ({ feature, name });
  switch (f.kind) {
    case "numeric": {
      const name =
        f.transform === "log1p"
          ? `log(1 + ${f.label})`
          : f.transform === "age_days"
            ? `${f.label} (days ago)`
            : f.label;
      const cols = [col(name)];
      if (f.missingIndicator) cols.push(col(`${f.label}: missing`));
      f.cuts.forEach((cut, i) =>
        cols.push(
          col(i === 0 ? `${f.label} < ${fmt(cut)}` : `${f.label} in [${fmt(f.cuts[i - 1]!)}, ${fmt(cut)})`),
        ),
      );
      if (f.cuts.length > 0) cols.push(col(`${f.label} ≥ ${fmt(f.cuts[f.cuts.length - 1]!)}`));
      return cols;
    }
    case "categorical":
      return [...f.levels, ...(f.other ? ["other"] : [])].map((level) => col(`${f.label}: ${level}`));
    case "boolean":
      return f.missingIndicator ? [col(f.label), col(`${f.label}: missing`)] : [col(f.label)];
  }
}

/** Every column of a list of fitted features. */
export function columnsOf(features: readonly FittedFeature[]): Column[] {
  return features.flatMap((f, i) => featureColumns(f, i));
}

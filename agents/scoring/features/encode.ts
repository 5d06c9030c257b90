import type { FittedFeature } from "./fitted.ts";
import type { FeatureRecord } from "./spec.ts";
import { binOf, booleanValue, categoryValue, featureNumber } from "./values.ts";

/** Appends one feature's column values for a record to `out`. */
function encodeFeature(f: FittedFeature, record: FeatureRecord, out: number[]): void {
  const value = record[f.key];
  switch (f.kind) {
    case "numeric": {
      const v = featureNumber(f, record);
      const x = v ?? f.median;
      out.push(f.transform === "log1p" ? Math.log1p(Math.max(x, 0)) : x);
      if (f.missingIndicator) out.push(v === undefined ? 1 : 0);
      if (f.cuts.length > 0) {
        const bin = binOf(x, f.cuts);
        for (let i = 0; i <= f.cuts.length; i++) out.push(i === bin ? 1 : 0);
      }
      return;
    }
    case "categorical": {
      const level = categoryValue(value);
      const at = f.levels.indexOf(level);
      for (let i = 0; i < f.levels.length; i++) out.push(i === at ? 1 : 0);
      if (f.other) out.push(at < 0 ? 1 : 0);
      return;
    }
    case "boolean": {
      const b = booleanValue(value);
      out.push(b ? 1 : 0);
      if (f.missingIndicator) out.push(b === undefined ? 1 : 0);
      return;
    }
  }
}

/** A record's raw (unstandardised) column values, in the order of `columnsOf(features)`. */
export function encodeRecord(features: readonly FittedFeature[], record: FeatureRecord): Float64Array {
  const out: number[] = [];
  for (const f of features) encodeFeature(f, record, out);
  return Float64Array.from(out);
}

/** How a record's value of one feature reads in an explanation: "contract: month-to-month". */
export function describeValue(f: FittedFeature, record: FeatureRecord): string {
  const value = record[f.key];
  switch (f.kind) {
    case "numeric": {
      const v = featureNumber(f, record);
      const unit = f.transform === "age_days" ? " days ago" : "";
      return v === undefined ? `${f.label}: missing` : `${f.label} = ${Math.round(v * 100) / 100}${unit}`;
    }
    case "categorical": {
      const level = categoryValue(value);
      return level === categoryValue(undefined)
        ? `${f.label}: missing`
        : `${f.label}: ${level.toLowerCase()}`;
    }
    case "boolean": {
      const b = booleanValue(value);
      return b === undefined ? `${f.label}: missing` : `${f.label}: ${b ? "yes" : "no"}`;
    }
  }
}

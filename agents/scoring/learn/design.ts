import { encodeRecord } from "../features/encode.ts";
import { fitFeatures } from "../features/fit.ts";
import type { FittedFeature } from "../features/fitted.ts";
import type { FeatureRecord, FeatureSpec } from "../features/spec.ts";
import { fitScaler, standardize, type Scaler } from "../features/standardize.ts";
import { fitLogistic, type LogisticFit } from "./logistic.ts";

/** Fitted encoding and scaling: turns records into standardised model rows. */
export interface Design {
  features: FittedFeature[];
  scaler: Scaler;
}

/** Fits the encoding and the scaler on training records; returns them with the encoded (raw) rows. */
export function fitDesign(
  specs: readonly FeatureSpec[],
  records: readonly FeatureRecord[],
): { design: Design; raw: Float64Array[] } {
  const features = fitFeatures(specs, records);
  const raw = records.map((r) => encodeRecord(features, r));
  return { design: { features, scaler: fitScaler(raw) }, raw };
}

/** Standardised rows of records under a fitted design. */
export function applyDesign(design: Design, records: readonly FeatureRecord[]): Float64Array[] {
  return records.map((r) => standardize(design.scaler, encodeRecord(design.features, r)));
}

/**
 * Fits the logistic regression on standardised columns and returns it in those terms
 * (coefficient × standardised value). It is solved on scaled but uncentred rows, which keeps
 * one-hot columns sparse (much faster), then the intercept is shifted: with an unpenalised
 * intercept, centring changes only the intercept, so the optimum is the same.
 */
export function fitStandardized(
  design: Design,
  raw: readonly Float64Array[],
  labels: readonly number[],
  l2: number,
): LogisticFit {
  const { mean, scale } = design.scaler;
  const scaled = raw.map((row) => row.map((v, j) => v / scale[j]!));
  const fit = fitLogistic(scaled, labels, { l2 });
  const shift = fit.coefficients.reduce((acc, w, j) => acc + (w * mean[j]!) / scale[j]!, 0);
  return { ...fit, intercept: fit.intercept + shift };
}

import type { ModelArtifact } from "./artifact.ts";
import { describeValue, encodeRecord } from "./features/encode.ts";
import { columnsOf } from "./features/fitted.ts";
import type { FeatureRecord } from "./features/spec.ts";
import { standardize } from "./features/standardize.ts";
import { calibrated } from "./learn/calibrate.ts";
import { logitOf } from "./learn/logistic.ts";

/** One feature's share of a prediction. */
export interface Factor {
  /** The feature's key (`plan`, `attributes.tenure_months`). */
  key: string;
  /** The feature and this record's value, readable: "contract: month-to-month". */
  factor: string;
  /**
   * Change of the model's logit against an average training row: Σ coefficient × standardised
   * value over the feature's columns. Positive raises the probability.
   */
  contribution: number;
}

export interface Score {
  /** Calibrated probability of the outcome. */
  probability: number;
  /** The uncalibrated logit: intercept + Σ contributions. */
  logit: number;
  /** The logit of an average training row (every standardised value 0). */
  intercept: number;
  /** Every feature's contribution, largest magnitude first; take the first few to explain. */
  factors: Factor[];
}

/** Scores one record with an artifact. */
export function scoreRecord(artifact: ModelArtifact, record: FeatureRecord): Score {
  const x = standardize(artifact.scaler, encodeRecord(artifact.features, record));
  const perFeature = new Array<number>(artifact.features.length).fill(0);
  columnsOf(artifact.features).forEach(
    (col, j) => (perFeature[col.feature]! += artifact.coefficients[j]! * x[j]!),
  );
  const logit = logitOf(artifact, x);
  const factors = artifact.features
    .map((f, i) => ({ key: f.key, factor: describeValue(f, record), contribution: perFeature[i]! }))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  return {
    probability: calibrated(artifact.calibration, logit),
    logit,
    intercept: artifact.intercept,
    factors,
  };
}

/** Calibrated probabilities of many records. */
export function predictProbabilities(artifact: ModelArtifact, records: readonly FeatureRecord[]): number[] {
  return records.map((r) =>
    calibrated(
      artifact.calibration,
      logitOf(artifact, standardize(artifact.scaler, encodeRecord(artifact.features, r))),
    ),
  );
}

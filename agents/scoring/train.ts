import { ARTIFACT_FORMAT, artifactVersion, type ModelArtifact } from "./artifact.ts";
import { byKey, featureRecord, type TrainingRow } from "./data/rows.ts";
import { columnsOf } from "./features/fitted.ts";
import { parseFeatureSpecs } from "./features/spec.ts";
import { fingerprintRows } from "./fingerprint.ts";
import { fitPlatt } from "./learn/calibrate.ts";
import { bestOf, crossValidate, type CvResult } from "./learn/cross-validate.ts";
import { fitDesign, fitStandardized } from "./learn/design.ts";
import type { ModelDefinition } from "./models/definition.ts";

/** Options of trainModel. */
export interface TrainOptions {
  /** L2 strengths tried by cross-validation. Default 0.1, 0.3, 1, 3, 10, 30, 100. */
  l2Grid?: number[];
  /** Cross-validation folds. Default 5. */
  folds?: number;
  /** Seed of the fold assignment. Default 42. */
  seed?: number;
  /** The point-in-time cut the rows were loaded with, recorded in the artifact. Default none. */
  asOf?: Date;
}

export interface TrainResult {
  artifact: ModelArtifact;
  /** Cross-validated AUC of every L2 strength tried, in grid order. */
  cv: Omit<CvResult, "oofLogits">[];
}

/**
 * Trains a calibrated, L2-penalised logistic regression on labelled rows:
 * 1. k-fold stratified CV over the L2 grid picks the penalty (best mean AUC);
 * 2. Platt scaling is fitted on the out-of-fold logits of that penalty — calibration data the
 *    models never trained on, carved from the training rows only;
 * 3. the final model is refitted on all rows with that penalty.
 * Deterministic: the same rows (in any order), definition and options give the same artifact.
 */
export function trainModel(
  definition: ModelDefinition,
  unordered: readonly TrainingRow[],
  options: TrainOptions = {},
): TrainResult {
  const { l2Grid = [0.1, 0.3, 1, 3, 10, 30, 100], folds = 5, seed = 42, asOf } = options;
  // folds are dealt in row order: sorting first makes the model a function of the data alone
  const rows = [...unordered].sort(byKey);
  const labels = rows.map((r) => (r.label ? 1 : 0));
  const positives = labels.reduce<number>((a, b) => a + b, 0);
  if (positives < folds || rows.length - positives < folds)
    throw new Error(
      `${definition.name}: need at least ${folds} rows of each outcome, got ${positives}/${rows.length}`,
    );
  const specs = parseFeatureSpecs(definition.features);
  const records = rows.map(featureRecord);
  const cv = crossValidate(specs, records, labels, { l2Grid, folds, seed });
  const best = bestOf(cv);
  const calibration = fitPlatt(best.oofLogits, labels);
  const { design, raw } = fitDesign(specs, records);
  const fit = fitStandardized(design, raw, labels, best.l2);
  const base = {
    model: { name: definition.name, entity: definition.entity, outcome: definition.outcome },
    specs,
    params: { l2Grid, l2: best.l2, folds, seed },
    training: {
      rows: rows.length,
      positives,
      fingerprint: fingerprintRows(rows),
      asOf: asOf ? asOf.toISOString() : null,
      cvAuc: best.auc,
      cvAucSd: best.aucSd,
    },
  };
  const artifact: ModelArtifact = {
    format: ARTIFACT_FORMAT,
    version: artifactVersion(base),
    ...base,
    features: design.features,
    columns: columnsOf(design.features).map((c) => c.name),
    scaler: design.scaler,
    intercept: fit.intercept,
    coefficients: fit.coefficients,
    calibration,
  };
  return { artifact, cv: cv.map(({ l2, auc, aucSd }) => ({ l2, auc, aucSd })) };
}

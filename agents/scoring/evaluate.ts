import type { ModelArtifact } from "./artifact.ts";
import { featureRecord, type TrainingRow } from "./data/rows.ts";
import { stratifiedSplit } from "./learn/split.ts";
import { brierScore } from "./metrics/probability.ts";
import { rocAuc } from "./metrics/roc-auc.ts";
import type { ModelDefinition } from "./models/definition.ts";
import { predictProbabilities } from "./predict.ts";
import { trainModel, type TrainOptions } from "./train.ts";

/** A trained model and, with a holdout, its metrics on rows it never saw. */
export interface Evaluated {
  artifact: ModelArtifact;
  split: { train: number; test: number };
  /** Held-out metrics; null without a holdout. */
  test: { rocAuc: number; brier: number; positives: number } | null;
}

/**
 * Trains on all rows, or with `holdout` > 0 splits once (stratified, `seed`), trains on the
 * training part (penalty by CV and calibration inside it) and scores only the held-out part.
 */
export function trainAndTest(
  definition: ModelDefinition,
  rows: readonly TrainingRow[],
  { holdout = 0, seed = 42, ...options }: TrainOptions & { holdout?: number } = {},
): Evaluated {
  if (holdout <= 0) {
    const { artifact } = trainModel(definition, rows, { ...options, seed });
    return { artifact, split: { train: rows.length, test: 0 }, test: null };
  }
  const split = stratifiedSplit(
    rows.map((r) => (r.label ? 1 : 0)),
    holdout,
    seed,
  );
  const train = split.train.map((i) => rows[i]!);
  const test = split.test.map((i) => rows[i]!);
  const { artifact } = trainModel(definition, train, { ...options, seed });
  const p = predictProbabilities(artifact, test.map(featureRecord));
  const y = test.map((r) => (r.label ? 1 : 0));
  return {
    artifact,
    split: { train: train.length, test: test.length },
    test: { rocAuc: rocAuc(p, y), brier: brierScore(p, y), positives: y.reduce<number>((a, b) => a + b, 0) },
  };
}

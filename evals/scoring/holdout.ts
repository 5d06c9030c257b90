import {
  brierScore,
  calibrationTable,
  logLoss,
  predictProbabilities,
  rocAuc,
  stratifiedSplit,
  trainModel,
  featureRecord,
  type CalibrationBin,
  type ModelDefinition,
  type TrainingRow,
} from "../../agents/scoring/index.ts";
import { shuffled } from "../core/shuffle.ts";

/** Options of the held-out evaluation. */
export interface HoldoutOptions {
  /** Seed of the train/test split, fixed before any result was seen. Default 42. */
  seed?: number;
  /** Share of each class held out for the test. Default 0.2. */
  testFraction?: number;
  /**
   * Negative control: shuffle the labels within the training part (seeded) before training, so
   * the model learns nothing real. The test labels are never touched. Default false.
   */
  shuffleLabels?: boolean;
}

/** The trained model and its predictions on the held-out rows. */
export interface HoldoutPredictions {
  artifact: ReturnType<typeof trainModel>["artifact"];
  train: TrainingRow[];
  test: TrainingRow[];
  /** Predicted probabilities of the test rows, in test order. */
  p: number[];
  /** The test rows' outcomes (1 / 0). */
  y: number[];
}

/**
 * Splits the rows once (stratified, seeded), trains on the training part — penalty by CV and
 * calibration on out-of-fold logits, both inside the training part — and predicts the test part,
 * which nothing before the final predictions has looked at.
 */
export function predictHoldout(
  definition: ModelDefinition,
  rows: readonly TrainingRow[],
  { seed = 42, testFraction = 0.2, shuffleLabels = false }: HoldoutOptions = {},
): HoldoutPredictions {
  const labels = rows.map((r) => (r.label ? 1 : 0));
  const split = stratifiedSplit(labels, testFraction, seed);
  let train = split.train.map((i) => rows[i]!);
  const test = split.test.map((i) => rows[i]!);
  if (shuffleLabels) {
    const permuted = shuffled(
      train.map((r) => r.label),
      seed,
    );
    train = train.map((r, i) => ({ ...r, label: permuted[i]! }));
  }
  const { artifact } = trainModel(definition, train, { seed });
  const p = predictProbabilities(artifact, test.map(featureRecord));
  return { artifact, train, test, p: [...p], y: test.map((r) => (r.label ? 1 : 0)) };
}

/** Named metrics of one model on one held-out split. */
export interface HoldoutResult {
  model: string;
  version: string;
  rows: { train: number; test: number; testPositiveRate: number };
  /** Chosen by cross-validation on the training part only. */
  l2: number;
  cvAuc: number;
  cvAucSd: number;
  calibration: { a: number; b: number };
  test: {
    auc: number;
    brier: number;
    /** Brier of always predicting the training base rate: what "no skill" scores. */
    brierNoSkill: number;
    logLoss: number;
    expectedCalibrationError: number;
    calibrationTable: CalibrationBin[];
  };
}

/** The held-out evaluation as named metrics (see `predictHoldout`). */
export function evaluateHoldout(
  definition: ModelDefinition,
  rows: readonly TrainingRow[],
  options: HoldoutOptions = {},
): HoldoutResult {
  const { artifact, train, test, p, y } = predictHoldout(definition, rows, options);
  const baseRate = artifact.training.positives / artifact.training.rows;
  const table = calibrationTable(p, y);
  return {
    model: definition.name,
    version: artifact.version,
    rows: {
      train: train.length,
      test: test.length,
      testPositiveRate: y.reduce<number>((a, b) => a + b, 0) / y.length,
    },
    l2: artifact.params.l2,
    cvAuc: artifact.training.cvAuc,
    cvAucSd: artifact.training.cvAucSd,
    calibration: { a: artifact.calibration.a, b: artifact.calibration.b },
    test: {
      auc: rocAuc(p, y),
      brier: brierScore(p, y),
      brierNoSkill: brierScore(
        y.map(() => baseRate),
        y,
      ),
      logLoss: logLoss(p, y),
      expectedCalibrationError: table.expectedCalibrationError,
      calibrationTable: table.bins,
    },
  };
}

import {
  accuracy,
  accuracyAtThresholds,
  expectedCalibrationError,
  loadClassifier,
  macroF1,
  perClassScores,
  serializeClassifier,
  topConfusions,
  trainClassifier,
  type ClassScore,
  type Confusion,
  type CvPoint,
  type LabelledText,
  type ThresholdRow,
  type TrainClassifierOptions,
} from "../../agents/support/classifier/index.ts";

/** Everything measured for one classifier on one held-out set. */
export interface TriageResult {
  name: string;
  version: string;
  rows: { train: number; test: number };
  classes: number;
  /** The C cross-validation chose, its CV accuracy on the training rows, the whole grid. */
  c: number;
  cv: CvPoint[];
  temperature: number;
  /** Wall time of training (featurise + CV + final fit) and of predicting the test rows, ms. */
  trainMs: { featurize: number; crossValidate: number; fit: number; total: number };
  /** CPU time of training (user + system), ms: on a shared machine wall time also counts waiting. */
  trainCpuMs: number;
  predictMs: number;
  artifactBytes: number;
  test: {
    accuracy: number;
    macroF1: number;
    /** Accuracy of always answering the training rows' most common label. */
    majorityRate: number;
    /** Mean −log p(gold). */
    logLoss: number;
    expectedCalibrationError: number;
    thresholds: ThresholdRow[];
    confusions: Confusion[];
    perClass: ClassScore[];
  };
}

/** Trains on `train` (CV and calibration inside it only), then scores `test` once. */
export function evaluateClassifier(
  train: readonly LabelledText[],
  test: readonly LabelledText[],
  options: TrainClassifierOptions,
): TriageResult {
  return classifyHoldout(train, test, options).result;
}

/** `evaluateClassifier`, also returning the gold and predicted label of every test row. */
export function classifyHoldout(
  train: readonly LabelledText[],
  test: readonly LabelledText[],
  options: TrainClassifierOptions,
): { result: TriageResult; gold: string[]; predicted: string[] } {
  const cpu = process.cpuUsage();
  const { artifact, cv, timings } = trainClassifier(train, options);
  const { user, system } = process.cpuUsage(cpu);
  const classifier = loadClassifier(artifact);
  const started = performance.now();
  const probabilities = test.map((e) => classifier.probabilities(e.text));
  const predictMs = performance.now() - started;
  const gold = test.map((e) => e.label);
  const top = probabilities.map((p) => p.indexOf(Math.max(...p)));
  const predicted = top.map((k) => classifier.classes[k]!);
  const confidence = top.map((k, i) => probabilities[i]![k]!);
  // a gold label never seen in training has probability 0: clip, as scikit-learn's log_loss does
  const logLoss =
    -probabilities.reduce(
      (s, p, i) => s + Math.log(Math.max(p[classifier.classes.indexOf(gold[i]!)] ?? 0, 1e-15)),
      0,
    ) / test.length;
  const correct = predicted.map((p, i) => p === gold[i]);
  const counts = artifact.training.classCounts;
  const majority = artifact.classes[counts.indexOf(Math.max(...counts))]!;
  const result: TriageResult = {
    name: options.name,
    version: artifact.version,
    rows: { train: train.length, test: test.length },
    classes: artifact.classes.length,
    c: artifact.params.c,
    cv,
    temperature: artifact.temperature,
    trainMs: timings,
    trainCpuMs: (user + system) / 1000,
    predictMs,
    artifactBytes: Buffer.byteLength(serializeClassifier(artifact)),
    test: {
      accuracy: accuracy(gold, predicted),
      macroF1: macroF1(gold, predicted),
      majorityRate: accuracy(
        gold,
        gold.map(() => majority),
      ),
      logLoss,
      expectedCalibrationError: expectedCalibrationError(confidence, correct),
      thresholds: accuracyAtThresholds(confidence, correct),
      confusions: topConfusions(gold, predicted, 10),
      perClass: perClassScores(gold, predicted),
    },
  };
  return { result, gold, predicted };
}

import { CLASSIFIER_FORMAT, classifierVersion, type ClassifierArtifact } from "./artifact.ts";
import { encodeAscending, encodeUints, quantise } from "./codec.ts";
import { DEFAULT_FEATURIZER, featurizerConfigSchema, type FeaturizerConfig } from "./config.ts";
import { crossValidate, type CvPoint } from "./cv.ts";
import { byKey, fingerprintExamples, type LabelledText } from "./examples.ts";
import { columnIndex, fitVocabulary, hashedTerms, vectorize } from "./featurize.ts";
import { fitOneVsRest } from "./ovr.ts";
import { stackRows } from "./sparse.ts";

/** Options of trainClassifier. */
export interface TrainClassifierOptions {
  /** Names the model; the version starts with it. */
  name: string;
  /** What the labels are (category, queue, priority); recorded in the artifact. */
  target: string;
  /** Default DEFAULT_FEATURIZER. */
  featurizer?: FeaturizerConfig;
  /** SVM costs tried by cross-validation. Default 0.03, 0.1, 0.3, 1, 3. */
  cGrid?: number[];
  /** Cross-validation folds. Default 3. */
  folds?: number;
  /** Seed of the folds and the coordinate order. Default 42. */
  seed?: number;
  /** Dual coordinate descent tolerance. Default 0.1 (LIBLINEAR's). */
  epsilon?: number;
}

export interface TrainClassifierResult {
  artifact: ClassifierArtifact;
  /** Cross-validated accuracy of every C tried, in grid order. */
  cv: CvPoint[];
  /** Wall time of the steps, in milliseconds. */
  timings: { featurize: number; crossValidate: number; fit: number; total: number };
}

/**
 * Trains a text classifier on labelled texts:
 * 1. every text's hashed, weighted n-grams are computed once (featurize.ts);
 * 2. stratified k-fold CV over the C grid picks the cost (cv.ts), refitting the vocabulary in
 *    every fold, and the softmax temperature is fitted on that C's out-of-fold scores;
 * 3. the vocabulary and one-vs-rest squared-hinge SVMs are refitted on all rows with that C;
 * 4. weights are quantised to int8 for the artifact.
 * Deterministic: the same examples (in any order), options and seed give the same artifact.
 */
export function trainClassifier(
  unordered: readonly LabelledText[],
  options: TrainClassifierOptions,
): TrainClassifierResult {
  const { name, target, cGrid = [0.03, 0.1, 0.3, 1, 3], folds = 3, seed = 42, epsilon = 0.1 } = options;
  const featurizer = featurizerConfigSchema.parse(options.featurizer ?? DEFAULT_FEATURIZER);
  const started = performance.now();
  const examples = [...unordered].sort(byKey);
  const classes = [...new Set(examples.map((e) => e.label))].sort();
  if (classes.length < 2) throw new Error(`${name}: need at least two classes, got ${classes.length}`);
  const index = new Map(classes.map((c, k) => [c, k]));
  const labels = Int32Array.from(examples, (e) => index.get(e.label)!);
  const classCounts = classes.map(() => 0);
  for (const l of labels) classCounts[l]!++;
  if (Math.min(...classCounts) < folds)
    throw new Error(`${name}: every class needs at least ${folds} examples (${folds}-fold CV)`);

  const terms = examples.map((e) => hashedTerms(e.text, featurizer));
  const featurized = performance.now();
  const grid = [...cGrid].sort((a, b) => a - b);
  const cv = crossValidate(terms, labels, classes, featurizer, { cGrid: grid, folds, seed, epsilon });
  const validated = performance.now();

  const vocabulary = fitVocabulary(terms, featurizer);
  const columns = columnIndex(vocabulary);
  const X = stackRows(
    terms.map((t) => vectorize(t, vocabulary, columns)),
    vocabulary.buckets.length,
  );
  const fit = fitOneVsRest(X, labels, classes.length, { c: cv.best.c, epsilon, seed });

  const base = {
    name,
    target,
    featurizer,
    params: { cGrid: grid, c: cv.best.c, folds, seed, epsilon },
    training: {
      rows: examples.length,
      classCounts,
      fingerprint: fingerprintExamples(examples),
      cvAccuracy: cv.best.accuracy,
      cvAccuracySd: cv.best.accuracySd,
    },
  };
  const artifact: ClassifierArtifact = {
    format: CLASSIFIER_FORMAT,
    version: classifierVersion(base),
    ...base,
    classes,
    vocabulary: {
      size: vocabulary.buckets.length,
      docs: examples.length,
      buckets: encodeAscending(vocabulary.buckets),
      df: encodeUints(vocabulary.df),
    },
    weights: { encoding: "int8-deflate-base64", ...quantise(fit.weights, classes.length) },
    temperature: cv.temperature,
  };
  const done = performance.now();
  return {
    artifact,
    cv: cv.points,
    timings: {
      featurize: featurized - started,
      crossValidate: validated - featurized,
      fit: done - validated,
      total: done - started,
    },
  };
}

import { fitTemperature } from "./calibrate.ts";
import type { FeaturizerConfig } from "./config.ts";
import { columnIndex, fitVocabulary, vectorize, type Terms } from "./featurize.ts";
import { decisionScores, fitOneVsRest } from "./ovr.ts";
import { stackRows } from "./sparse.ts";
import { stratifiedFolds } from "./split.ts";

/** Options of crossValidate. */
export interface CvOptions {
  /** SVM costs tried, ascending (each fold warm-starts the next C from the previous). */
  cGrid: number[];
  folds: number;
  seed: number;
  epsilon: number;
}

/** Cross-validated accuracy of one C: mean and sd over the folds. */
export interface CvPoint {
  c: number;
  accuracy: number;
  accuracySd: number;
}

export interface CvResult {
  points: CvPoint[];
  best: CvPoint;
  /** The softmax temperature fitted on the best C's out-of-fold scores. */
  temperature: number;
}

const argmax = (s: Float64Array, o: number, K: number) => {
  let b = 0;
  for (let k = 1; k < K; k++) if (s[o + k]! > s[o + b]!) b = k;
  return b;
};

/**
 * Stratified k-fold CV over the C grid, on training rows only. Vocabulary and IDF are refitted
 * inside every fold, so no fold sees its held-out texts. Picks the C with the best mean
 * accuracy (ties within 0.001 go to the smaller C, the stronger penalty), then fits the
 * temperature on that C's out-of-fold scores: held-out data no model trained on.
 */
export function crossValidate(
  terms: readonly Terms[],
  labels: Int32Array,
  labelNames: readonly string[],
  config: FeaturizerConfig,
  { cGrid, folds, seed, epsilon }: CvOptions,
): CvResult {
  const K = labelNames.length;
  const fold = stratifiedFolds(
    Array.from(labels, (l) => labelNames[l]!),
    folds,
    seed,
  );
  const oof = cGrid.map(() => new Float64Array(labels.length * K));
  const acc = cGrid.map(() => [] as number[]);
  for (let f = 0; f < folds; f++) {
    const train = fold.flatMap((g, i) => (g === f ? [] : [i]));
    const test = fold.flatMap((g, i) => (g === f ? [i] : []));
    const vocabulary = fitVocabulary(
      train.map((i) => terms[i]!),
      config,
    );
    const columns = columnIndex(vocabulary);
    const stack = (rows: number[]) =>
      stackRows(
        rows.map((i) => vectorize(terms[i]!, vocabulary, columns)),
        vocabulary.buckets.length,
      );
    const [Xtr, Xte] = [stack(train), stack(test)];
    const ytr = Int32Array.from(train, (i) => labels[i]!);
    let warm: Float64Array[] | undefined;
    cGrid.forEach((c, g) => {
      const fit = fitOneVsRest(Xtr, ytr, K, { c, epsilon, seed, warm });
      warm = fit.alphas;
      const scores = decisionScores(Xte, fit.weights, K);
      let correct = 0;
      test.forEach((i, r) => {
        oof[g]!.set(scores.subarray(r * K, r * K + K), i * K);
        if (argmax(scores, r * K, K) === labels[i]) correct++;
      });
      acc[g]!.push(correct / test.length);
    });
  }
  const points = cGrid.map((c, g) => {
    const a = acc[g]!;
    const mean = a.reduce((s, x) => s + x, 0) / a.length;
    const sd = Math.sqrt(a.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(a.length - 1, 1));
    return { c, accuracy: mean, accuracySd: sd };
  });
  const top = Math.max(...points.map((p) => p.accuracy));
  const bestIndex = points.findIndex((p) => p.accuracy >= top - 0.001);
  return { points, best: points[bestIndex]!, temperature: fitTemperature(oof[bestIndex]!, labels, K) };
}

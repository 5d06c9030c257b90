import { seededRng } from "./random.ts";
import type { SparseMatrix } from "./sparse.ts";
import { fitBinarySvm, type SvmOptions } from "./svm.ts";

/** Options of fitOneVsRest. */
export interface OneVsRestOptions extends Omit<SvmOptions, "alpha"> {
  /** Seed of the coordinate order; class k uses seed + k. */
  seed: number;
  /** Each class's dual variables from a fit at another C (a warm start). Default none. */
  warm?: readonly Float64Array[];
}

/** K binary SVMs as one matrix: `weights[j·K + k]` is column j's weight for class k (bias last). */
export interface OneVsRest {
  classes: number;
  weights: Float64Array;
  /** Each class's dual variables, for warm starts. */
  alphas: Float64Array[];
}

/** One binary SVM per class (the class against all others), LIBLINEAR's multi-class default. */
export function fitOneVsRest(
  X: SparseMatrix,
  labels: Int32Array,
  K: number,
  { seed, warm, ...svm }: OneVsRestOptions,
): OneVsRest {
  const weights = new Float64Array(X.dims * K);
  const alphas: Float64Array[] = [];
  const y = new Int8Array(X.rows);
  for (let k = 0; k < K; k++) {
    for (let i = 0; i < X.rows; i++) y[i] = labels[i] === k ? 1 : -1;
    const fit = fitBinarySvm(X, y, seededRng(seed + k), { ...svm, alpha: warm?.[k] });
    for (let j = 0; j < X.dims; j++) weights[j * K + k] = fit.w[j]!;
    alphas.push(fit.alpha);
  }
  return { classes: K, weights, alphas };
}

/** The n × K decision scores of every row (row-major), for a feature-major weight matrix. */
export function decisionScores(X: SparseMatrix, weights: ArrayLike<number>, K: number): Float64Array {
  const out = new Float64Array(X.rows * K);
  for (let i = 0; i < X.rows; i++) {
    const o = i * K;
    for (let t = X.indptr[i]!; t < X.indptr[i + 1]!; t++) {
      const base = X.indices[t]! * K;
      const v = X.values[t]!;
      for (let k = 0; k < K; k++) out[o + k] = out[o + k]! + v * weights[base + k]!;
    }
  }
  return out;
}

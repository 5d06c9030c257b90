import { shuffleInPlace, type Rng } from "./random.ts";
import type { SparseMatrix } from "./sparse.ts";

/** Options of fitBinarySvm. */
export interface SvmOptions {
  /** Cost C of the squared hinge: ½‖w‖² + C Σ max(0, 1 − y wᵀx)². */
  c: number;
  /** Stop when the projected gradient's spread falls below this (LIBLINEAR's ε). Default 0.1. */
  epsilon?: number;
  /** Passes over the data at most. Default 1000. */
  maxEpochs?: number;
  /** Dual variables to start from (a fit at another C: a warm start). Default zeros. */
  alpha?: Float64Array;
}

/** A binary fit: primal weights (one per column, bias last) and the dual variables. */
export interface BinarySvm {
  w: Float64Array;
  alpha: Float64Array;
}

/**
 * One binary L2-regularised squared-hinge linear SVM (LinearSVC's default problem), solved in
 * the dual by coordinate descent with shrinking (Hsieh et al., ICML 2008; LIBLINEAR solver 1).
 * The bias is the matrix's last column, penalised like the others, as LIBLINEAR's `-B 1`.
 * `y[i]` is +1 or −1. The coordinate order comes from `rng`; the optimum does not depend on it.
 */
export function fitBinarySvm(X: SparseMatrix, y: Int8Array, rng: Rng, options: SvmOptions): BinarySvm {
  const { c, epsilon = 0.1, maxEpochs = 1000 } = options;
  const { rows: n, indptr, indices, values } = X;
  const alpha = options.alpha ? Float64Array.from(options.alpha) : new Float64Array(n);
  const w = new Float64Array(X.dims);
  const diag = 0.5 / c; // the squared hinge's D_ii
  const qii = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = diag;
    for (let t = indptr[i]!; t < indptr[i + 1]!; t++) {
      s += values[t]! * values[t]!;
      w[indices[t]!] = w[indices[t]!]! + alpha[i]! * y[i]! * values[t]!;
    }
    qii[i] = s;
  }
  const active = Int32Array.from({ length: n }, (_, i) => i);
  let size = n;
  // α has no upper bound under the squared hinge, so only rows stuck at α = 0 are ever shrunk
  let maxOld = Infinity;
  for (let epoch = 0; epoch < maxEpochs; epoch++) {
    shuffleInPlace(active, size, rng);
    let maxPg = -Infinity;
    let minPg = Infinity;
    for (let s = 0; s < size; s++) {
      const i = active[s]!;
      const from = indptr[i]!;
      const to = indptr[i + 1]!;
      const yi = y[i]!;
      let dot = 0;
      for (let t = from; t < to; t++) dot += w[indices[t]!]! * values[t]!;
      const g = yi * dot - 1 + diag * alpha[i]!;
      let pg = g;
      if (alpha[i] === 0) {
        if (g > maxOld) {
          // at its bound and pushing outward harder than anything did last pass: set aside
          size--;
          active[s] = active[size]!;
          active[size] = i;
          s--;
          continue;
        }
        if (g > 0) pg = 0;
      }
      if (pg > maxPg) maxPg = pg;
      if (pg < minPg) minPg = pg;
      if (pg === 0) continue;
      const old = alpha[i]!;
      alpha[i] = Math.max(old - g / qii[i]!, 0);
      const delta = (alpha[i]! - old) * yi;
      for (let t = from; t < to; t++) w[indices[t]!] = w[indices[t]!]! + delta * values[t]!;
    }
    if (maxPg - minPg <= epsilon) {
      if (size === n) break;
      // converged on the shrunk problem: one more pass over every row decides
      size = n;
      maxOld = Infinity;
      continue;
    }
    maxOld = maxPg <= 0 ? Infinity : maxPg;
  }
  return { w, alpha };
}

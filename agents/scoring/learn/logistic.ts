import { CholeskyDecomposition, Matrix } from "ml-matrix";

/** Options of the L2-penalised logistic regression. */
export interface LogisticOptions {
  /** L2 penalty λ on the coefficients (not the intercept): loss = Σ log loss + λ/2 · ‖w‖². Default 1. */
  l2?: number;
  /** Newton iterations at most. Default 100. */
  maxIterations?: number;
  /** Stop when the loss improves by less than this, relative. Default 1e-10. */
  tolerance?: number;
}

export interface LogisticFit {
  intercept: number;
  coefficients: number[];
  iterations: number;
  converged: boolean;
}

/** log(1 + e^z) without overflow. */
export const softplus = (z: number) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
export const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

function linear(beta: Float64Array, x: Float64Array): number {
  let z = beta[0]!;
  for (let j = 0; j < x.length; j++) z += beta[j + 1]! * x[j]!;
  return z;
}

function penalisedLoss(beta: Float64Array, X: readonly Float64Array[], y: ArrayLike<number>, l2: number) {
  let loss = 0;
  for (let i = 0; i < X.length; i++) {
    const z = linear(beta, X[i]!);
    loss += softplus(z) - y[i]! * z;
  }
  for (let j = 1; j < beta.length; j++) loss += (l2 / 2) * beta[j]! ** 2;
  return loss;
}

/**
 * Fits P(y = 1 | x) = σ(b + w·x) by Newton's method (IRLS) with an L2 penalty, solving each
 * step with a Cholesky factorisation (ml-matrix) and halving the step until the penalised loss
 * falls. The loss is strictly convex for λ > 0, so this converges to the unique optimum in a
 * handful of iterations, also on separable data. Columns should be on comparable scales
 * (see fitScaled); zeros are cheap, so leave sparse columns uncentred.
 */
export function fitLogistic(
  X: readonly Float64Array[],
  y: ArrayLike<number>,
  { l2 = 1, maxIterations = 100, tolerance = 1e-10 }: LogisticOptions = {},
): LogisticFit {
  const p = (X[0]?.length ?? 0) + 1;
  const beta = new Float64Array(p);
  let positives = 0;
  for (let i = 0; i < X.length; i++) positives += y[i]!;
  // start at the base rate: the optimum of the intercept-only model
  const rate = Math.min(Math.max(positives / Math.max(X.length, 1), 1e-6), 1 - 1e-6);
  beta[0] = Math.log(rate / (1 - rate));
  let loss = penalisedLoss(beta, X, y, l2);
  // zeros add nothing to the gradient or the Hessian: one-hot rows are mostly zeros, so visiting
  // only the non-zero columns makes the O(p²) Hessian update per row several times cheaper
  const nonzero = X.map(nonzeroColumns);
  for (let iter = 1; iter <= maxIterations; iter++) {
    const grad = new Float64Array(p);
    const hess = new Float64Array(p * p); // row-major; the upper triangle is accumulated, then mirrored
    for (let i = 0; i < X.length; i++) {
      const x = X[i]!;
      const nz = nonzero[i]!; // column indices + 1, the intercept (0) first
      const mu = sigmoid(linear(beta, x));
      const r = mu - y[i]!;
      const w = Math.max(mu * (1 - mu), 1e-12);
      for (let a = 0; a < nz.length; a++) {
        const j = nz[a]!;
        const xj = j === 0 ? 1 : x[j - 1]!;
        grad[j]! += r * xj;
        const wx = w * xj;
        const row = j * p;
        for (let b = a; b < nz.length; b++) {
          const k = nz[b]!;
          hess[row + k]! += wx * (k === 0 ? 1 : x[k - 1]!);
        }
      }
    }
    for (let j = 1; j < p; j++) {
      grad[j]! += l2 * beta[j]!;
      hess[j * p + j]! += l2;
    }
    hess[0]! += 1e-9; // keeps the intercept row positive definite when every μ saturates
    const H = Array.from({ length: p }, (_, j) =>
      Array.from({ length: p }, (_, k) => (k >= j ? hess[j * p + k]! : hess[k * p + j]!)),
    );
    const chol = new CholeskyDecomposition(new Matrix(H));
    if (!chol.isPositiveDefinite()) throw new Error("logistic regression: Hessian is not positive definite");
    const step = chol.solve(Matrix.columnVector(Array.from(grad))).to1DArray();
    let t = 1;
    let next = beta.map((b, j) => b - t * step[j]!);
    let nextLoss = penalisedLoss(next, X, y, l2);
    while (nextLoss > loss && t > 1e-8) {
      t /= 2;
      next = beta.map((b, j) => b - t * step[j]!);
      nextLoss = penalisedLoss(next, X, y, l2);
    }
    if (nextLoss > loss) return result(beta, iter, true); // no descent left: at the optimum numerically
    beta.set(next);
    const improvement = loss - nextLoss;
    loss = nextLoss;
    if (improvement <= tolerance * (1 + Math.abs(loss))) return result(beta, iter, true);
  }
  return result(beta, maxIterations, false);
}

function nonzeroColumns(x: Float64Array): Int32Array {
  const cols = [0];
  for (let j = 0; j < x.length; j++) if (x[j] !== 0) cols.push(j + 1);
  return Int32Array.from(cols);
}

function result(beta: Float64Array, iterations: number, converged: boolean): LogisticFit {
  return { intercept: beta[0]!, coefficients: Array.from(beta.subarray(1)), iterations, converged };
}

/** b + w·x for one standardised row. */
export function logitOf(fit: Pick<LogisticFit, "intercept" | "coefficients">, x: Float64Array): number {
  let z = fit.intercept;
  for (let j = 0; j < x.length; j++) z += fit.coefficients[j]! * x[j]!;
  return z;
}

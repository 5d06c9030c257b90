/**
 * The upper tail of the standard normal, 1 − Φ(z), through erfc (Numerical Recipes' `erfcc`,
 * fractional error < 1.2e-7 everywhere), so conditional tail ratios stay accurate far out.
 */
export function normalSurvival(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/**
 * Least squares with a small ridge on every coefficient but the first (the intercept):
 * solves (XᵀX + λ·D)β = Xᵀy by Gaussian elimination with partial pivoting. The ridge keeps a
 * column that never varies in the history (a priority nobody used) at 0 instead of singular.
 */
export function ridgeLeastSquares(X: readonly number[][], y: readonly number[], lambda: number): number[] {
  const p = X[0]?.length ?? 0;
  const A = Array.from({ length: p }, (_, i) =>
    Array.from({ length: p + 1 }, (_, j) => (i === j && i > 0 ? lambda : 0)),
  );
  X.forEach((row, n) => {
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) A[i]![j]! += row[i]! * row[j]!;
      A[i]![p]! += row[i]! * y[n]!;
    }
  });
  for (let c = 0; c < p; c++) {
    let pivot = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[pivot]![c]!)) pivot = r;
    [A[c], A[pivot]] = [A[pivot]!, A[c]!];
    const d = A[c]![c]!;
    if (Math.abs(d) < 1e-12) throw new RangeError(`least squares: column ${c} is degenerate`);
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const f = A[r]![c]! / d;
      for (let k = c; k <= p; k++) A[r]![k]! -= f * A[c]![k]!;
    }
  }
  return A.map((row, i) => row[p]! / row[i]!);
}

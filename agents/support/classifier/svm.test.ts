import { describe, expect, it } from "vitest";
import { seededRng } from "./random.ts";
import { stackRows } from "./sparse.ts";
import { fitBinarySvm } from "./svm.ts";

// 2 feature columns + bias; overlapping classes, so some margins are violated at the optimum.
const points: [number, number, number][] = [
  [1, 0.2, 1],
  [0.8, 0.6, 1],
  [0.3, 0.9, 1],
  [0.1, 1, -1],
  [0.5, 0.5, -1],
  [0.2, 0.7, -1],
];
const X = stackRows(
  points.map(([a, b]) => ({ cols: Int32Array.from([0, 1]), vals: Float64Array.from([a, b]) })),
  2,
);
const y = Int8Array.from(points, (p) => p[2]);

/** ∇ of ½‖w‖² + C Σ max(0, 1 − y wᵀx)² at w. */
function primalGradient(w: Float64Array, c: number): number[] {
  const g = Array.from(w);
  points.forEach(([a, b], i) => {
    const x = [a, b, 1];
    const slack = 1 - y[i]! * (w[0]! * a + w[1]! * b + w[2]!);
    if (slack > 0) x.forEach((v, j) => (g[j] = g[j]! - 2 * c * slack * y[i]! * v));
  });
  return g;
}

describe("fitBinarySvm (dual coordinate descent)", () => {
  it("reaches the primal optimum: the gradient vanishes", () => {
    const { w } = fitBinarySvm(X, y, seededRng(1), { c: 2, epsilon: 1e-9 });
    for (const g of primalGradient(w, 2)) expect(Math.abs(g)).toBeLessThan(1e-6);
  });

  it("gives the same optimum from a warm start and in another coordinate order", () => {
    const cold = fitBinarySvm(X, y, seededRng(1), { c: 2, epsilon: 1e-9 });
    const small = fitBinarySvm(X, y, seededRng(2), { c: 0.1, epsilon: 1e-9 });
    const warm = fitBinarySvm(X, y, seededRng(3), { c: 2, epsilon: 1e-9, alpha: small.alpha });
    cold.w.forEach((v, j) => expect(warm.w[j]).toBeCloseTo(v, 6));
  });
});

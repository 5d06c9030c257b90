import { describe, expect, it } from "vitest";
import { fitLogistic, logitOf, sigmoid, softplus } from "./logistic.ts";

const rows = (xs: number[][]) => xs.map((x) => Float64Array.from(x));

describe("fitLogistic (L2, Newton/IRLS)", () => {
  it("without features, the intercept is the log-odds of the base rate", () => {
    const X = rows(Array.from({ length: 10 }, () => []));
    const fit = fitLogistic(X, [1, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(fit.intercept).toBeCloseTo(Math.log(3 / 7), 8);
  });

  it("reaches the penalised optimum: the gradient Σ(μ − y)x + λw vanishes", () => {
    const X = rows(Array.from({ length: 200 }, (_, i) => [Math.sin(i), Math.cos(3 * i), (i % 7) / 7 - 0.5]));
    const y = X.map((x, i) => (x[0]! - 2 * x[1]! + Math.sin(i * 13) > 0 ? 1 : 0));
    const l2 = 2.5;
    const fit = fitLogistic(X, y, { l2 });
    expect(fit.converged).toBe(true);
    const grad = [0, 0, 0, 0];
    X.forEach((x, i) => {
      const r = sigmoid(logitOf(fit, x)) - y[i]!;
      grad[0]! += r;
      x.forEach((v, j) => (grad[j + 1]! += r * v));
    });
    fit.coefficients.forEach((w, j) => (grad[j + 1]! += l2 * w));
    for (const g of grad) expect(Math.abs(g)).toBeLessThan(1e-6);
  });

  it("stays finite on perfectly separable data thanks to the penalty", () => {
    const X = rows([[-2], [-1], [1], [2]]);
    const fit = fitLogistic(X, [0, 0, 1, 1], { l2: 0.1 });
    expect(fit.converged).toBe(true);
    expect(Number.isFinite(fit.coefficients[0]!)).toBe(true);
    expect(fit.coefficients[0]!).toBeGreaterThan(1);
  });

  it("a stronger penalty shrinks the coefficients", () => {
    const X = rows(Array.from({ length: 100 }, (_, i) => [Math.sin(i)]));
    const y = X.map((x, i) => (x[0]! + Math.cos(i * 7) > 0 ? 1 : 0));
    const weak = fitLogistic(X, y, { l2: 0.01 }).coefficients[0]!;
    const strong = fitLogistic(X, y, { l2: 100 }).coefficients[0]!;
    expect(Math.abs(strong)).toBeLessThan(Math.abs(weak));
  });

  it("sigmoid and softplus do not overflow", () => {
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(800)).toBe(1);
    expect(softplus(800)).toBe(800);
    expect(softplus(-800)).toBeCloseTo(0, 300);
  });
});

import { describe, expect, it } from "vitest";
import { rocAuc } from "./roc-auc.ts";

/** AUC by definition: over all positive × negative pairs, 1 for a win, ½ for a tie. */
function pairwiseAuc(scores: number[], labels: number[]): number {
  let sum = 0;
  let pairs = 0;
  scores.forEach((sp, i) => {
    if (!labels[i]) return;
    scores.forEach((sn, j) => {
      if (labels[j]) return;
      pairs++;
      sum += sp > sn ? 1 : sp === sn ? 0.5 : 0;
    });
  });
  return sum / pairs;
}

describe("rocAuc", () => {
  it("matches scikit-learn's documented example (0.75)", () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 12);
  });

  it("is 1 for a perfect ranking, 0 for a reversed one, ½ for a constant score", () => {
    expect(rocAuc([1, 2, 3, 4], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([4, 3, 2, 1], [0, 0, 1, 1])).toBe(0);
    expect(rocAuc([5, 5, 5, 5], [0, 1, 0, 1])).toBe(0.5);
  });

  it("counts ties as half (0.625)", () => {
    expect(rocAuc([1, 1, 2, 3], [0, 1, 0, 1])).toBeCloseTo(0.625, 12);
  });

  it("agrees with the pairwise definition on tied random scores", () => {
    const scores = Array.from({ length: 300 }, (_, i) => ((i * 7919) % 37) / 37);
    const labels = scores.map((s, i) => (s + ((i * 104729) % 11) / 11 > 1 ? 1 : 0));
    expect(rocAuc(scores, labels)).toBeCloseTo(pairwiseAuc(scores, labels), 12);
  });

  it("is NaN with one class only, and rejects mismatched lengths", () => {
    expect(rocAuc([0.2, 0.3], [1, 1])).toBeNaN();
    expect(() => rocAuc([0.2], [1, 0])).toThrow(/1 scores but 2 labels/);
  });
});

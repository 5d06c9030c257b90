import { describe, expect, it } from "vitest";
import { shuffled, stratifiedFolds, stratifiedSplit } from "./split.ts";

const labels = Array.from({ length: 1000 }, (_, i) => (i % 4 === 0 ? 1 : 0)); // 250 positives

describe("seeded splits", () => {
  it("shuffles reproducibly: the same seed gives the same order, another seed another", () => {
    expect(shuffled(50, 42)).toEqual(shuffled(50, 42));
    expect(shuffled(50, 42)).not.toEqual(shuffled(50, 43));
    expect([...shuffled(50, 42)].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it("holds out the same share of each class, disjoint from train", () => {
    const { train, test } = stratifiedSplit(labels, 0.2, 42);
    expect(test.length).toBe(200);
    expect(test.filter((i) => labels[i]).length).toBe(50);
    expect(new Set([...train, ...test]).size).toBe(1000);
    expect(stratifiedSplit(labels, 0.2, 42)).toEqual({ train, test });
  });

  it("deals each class evenly over the folds", () => {
    const fold = stratifiedFolds(labels, 5, 42);
    for (let k = 0; k < 5; k++) {
      const rows = fold.flatMap((f, i) => (f === k ? [i] : []));
      expect(rows.length).toBe(200);
      expect(rows.filter((i) => labels[i]).length).toBe(50);
    }
  });
});

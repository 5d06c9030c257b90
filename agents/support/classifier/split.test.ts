import { describe, expect, it } from "vitest";
import { stratifiedFolds, stratifiedSplit } from "./split.ts";

const labels = [...Array(50).fill("a"), ...Array(30).fill("b"), ...Array(7).fill("c")] as string[];

describe("stratified splits", () => {
  it("puts round(f × n) of every label in test, deterministically, without overlap", () => {
    const { train, test } = stratifiedSplit(labels, 0.2, 42);
    const count = (rows: number[], l: string) => rows.filter((i) => labels[i] === l).length;
    expect([count(test, "a"), count(test, "b"), count(test, "c")]).toEqual([10, 6, 1]);
    expect([...train, ...test].sort((x, y) => x - y)).toEqual(labels.map((_, i) => i));
    expect(stratifiedSplit(labels, 0.2, 42)).toEqual({ train, test });
    expect(stratifiedSplit(labels, 0.2, 43).test).not.toEqual(test);
  });

  it("deals every label evenly over the folds", () => {
    const fold = stratifiedFolds(labels, 3, 42);
    for (const l of ["a", "b", "c"]) {
      const sizes = [0, 1, 2].map((f) => fold.filter((g, i) => g === f && labels[i] === l).length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });
});

import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

/** 0, 1, …, n − 1 in a seeded random order (Fisher–Yates over xoroshiro128+ from pure-rand). */
export function shuffled(n: number, seed: number): number[] {
  const rng = xoroshiro128plus(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = uniformInt(rng, 0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** Row indices of each class, each list in seeded random order. */
function byClass(labels: ArrayLike<number>, seed: number): number[][] {
  const classes: number[][] = [[], []];
  for (const i of shuffled(labels.length, seed)) classes[labels[i]! ? 1 : 0]!.push(i);
  return classes;
}

/**
 * A stratified split: `testFraction` of each class goes to test (rounded), the rest to train.
 * The same labels in the same order and the same seed always give the same split, so rows must
 * come in a stable order (the loaders sort by external id).
 */
export function stratifiedSplit(
  labels: ArrayLike<number>,
  testFraction: number,
  seed: number,
): { train: number[]; test: number[] } {
  const train: number[] = [];
  const test: number[] = [];
  for (const rows of byClass(labels, seed)) {
    const nTest = Math.round(rows.length * testFraction);
    test.push(...rows.slice(0, nTest));
    train.push(...rows.slice(nTest));
  }
  const asc = (a: number, b: number) => a - b;
  return { train: train.sort(asc), test: test.sort(asc) };
}

/** The fold (0 … k − 1) of every row, each class dealt round-robin over the folds. */
export function stratifiedFolds(labels: ArrayLike<number>, k: number, seed: number): number[] {
  const fold = new Array<number>(labels.length).fill(0);
  for (const rows of byClass(labels, seed)) rows.forEach((row, i) => (fold[row] = i % k));
  return fold;
}

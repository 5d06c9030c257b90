import { seededRng, shuffleInPlace } from "./random.ts";

/** Row indices of each label, each list in seeded random order; labels in sorted order. */
function byLabel(labels: readonly string[], seed: number): number[][] {
  const order = Array.from(labels, (_, i) => i);
  shuffleInPlace(order, order.length, seededRng(seed));
  const groups = new Map<string, number[]>();
  for (const i of order) {
    const g = groups.get(labels[i]!) ?? [];
    g.push(i);
    groups.set(labels[i]!, g);
  }
  return [...groups.keys()].sort().map((l) => groups.get(l)!);
}

/**
 * A stratified split: round(testFraction × count) rows of every label go to test, the rest to
 * train, both ascending. The same labels in the same order and seed give the same split, so
 * callers sort rows by a stable key first.
 */
export function stratifiedSplit(
  labels: readonly string[],
  testFraction: number,
  seed: number,
): { train: number[]; test: number[] } {
  const train: number[] = [];
  const test: number[] = [];
  for (const rows of byLabel(labels, seed)) {
    const nTest = Math.round(rows.length * testFraction);
    test.push(...rows.slice(0, nTest));
    train.push(...rows.slice(nTest));
  }
  const asc = (a: number, b: number) => a - b;
  return { train: train.sort(asc), test: test.sort(asc) };
}

/** The fold (0 … k − 1) of every row: each label's rows dealt round-robin over the folds. */
export function stratifiedFolds(labels: readonly string[], k: number, seed: number): number[] {
  const fold = new Array<number>(labels.length).fill(0);
  let next = 0;
  // continue the deal across labels, so small labels do not all start in fold 0
  for (const rows of byLabel(labels, seed)) for (const row of rows) fold[row] = next++ % k;
  return fold;
}

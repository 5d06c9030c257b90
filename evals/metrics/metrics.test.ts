import { describe, expect, it } from "vitest";
import {
  accuracy,
  brierScore,
  calibrationDeciles,
  confusionMatrix,
  macroF1,
  prAuc,
  rocAuc,
  rocCurve,
  topK,
} from "./index.ts";

// Every expected value below is worked out by hand in the comment beside it.
const scores = [0.9, 0.8, 0.7, 0.6, 0.5];
const labels = [1, 0, 1, 0, 0];

describe("binary metrics", () => {
  it("ROC AUC is the share of (positive, negative) pairs ordered right", () => {
    // positives 0.9 and 0.7; negatives 0.8, 0.6, 0.5: 0.9 beats 3, 0.7 beats 2 → 5 of 6 pairs
    expect(rocAuc(scores, labels)).toBeCloseTo(5 / 6, 12);
  });

  it("PR AUC is average precision over the thresholds, ties as one threshold", () => {
    // recall 0.5 at precision 1 (0.9), then recall 1 at precision 2/3 (0.7): 0.5·1 + 0.5·2/3
    expect(prAuc(scores, labels)).toBeCloseTo(0.5 + 1 / 3, 12);
    // tie at 0.5 holds one positive and one negative: 0.5·0.5, then 0.5·2/3 at 0.2
    expect(prAuc([0.5, 0.5, 0.2], [1, 0, 1])).toBeCloseTo(0.25 + 1 / 3, 12);
    expect(prAuc([0.3, 0.1], [0, 0])).toBeNaN();
  });

  it("Brier is the mean squared error of the probabilities", () => {
    // (0.1² + 0.2² + 0.6²) / 3 = (0.01 + 0.04 + 0.36) / 3
    expect(brierScore([0.9, 0.2, 0.6], [1, 0, 0])).toBeCloseTo(0.41 / 3, 12);
  });

  it("precision and lift at the top k", () => {
    // top 40 % of 5 rows = 2 rows (0.9, 0.8): 1 positive → precision 0.5; base rate 0.4 → lift 1.25
    expect(topK(scores, labels, 0.4)).toEqual({ share: 0.4, k: 2, precision: 0.5, lift: 1.25 });
    expect(() => topK(scores, labels, 0)).toThrow(/share must be in \(0, 1\]/);
  });

  it("the ROC curve runs from (0,0) to (1,1) through each threshold", () => {
    const curve = rocCurve(scores, labels).map(({ fpr, tpr }) => [fpr, tpr]);
    // thresholds 0.9, 0.8, 0.7, 0.6, 0.5 with 2 positives and 3 negatives
    expect(curve).toEqual([
      [0, 0],
      [0, 0.5],
      [1 / 3, 0.5],
      [1 / 3, 1],
      [2 / 3, 1],
      [1, 1],
    ]);
  });

  it("calibration deciles are equal-count groups, lowest predictions first", () => {
    const p = Array.from({ length: 20 }, (_, i) => i / 20);
    const y = p.map((_, i) => (i % 2 === 1 ? 1 : 0)); // one positive in each pair
    const bins = calibrationDeciles(p, y);
    expect(bins).toHaveLength(10);
    // decile 1 holds 0 and 0.05: mean 0.025, one of two positive
    expect(bins[0]).toMatchObject({
      decile: 1,
      count: 2,
      minPredicted: 0,
      maxPredicted: 0.05,
      observedRate: 0.5,
    });
    expect(bins[0]!.meanPredicted).toBeCloseTo(0.025, 12);
    expect(bins[9]!.meanPredicted).toBeCloseTo(0.925, 12);
  });

  it("refuses mismatched inputs with a named error", () => {
    expect(() => prAuc([0.1], [1, 0])).toThrow(/prAuc: 1 scores for 2 labels/);
  });
});

describe("class metrics", () => {
  const gold = ["a", "a", "b", "b", "c"];
  const predicted = ["a", "b", "b", "b", "a"];

  it("macro-F1 averages per-class F1 with every class weighted the same", () => {
    // a: P 1/2 R 1/2 F 0.5; b: P 2/3 R 1 F 0.8; c: never predicted F 0 → (0.5 + 0.8 + 0) / 3
    expect(macroF1(gold, predicted)).toBeCloseTo(1.3 / 3, 12);
    expect(accuracy(gold, predicted)).toBeCloseTo(3 / 5, 12);
  });

  it("the confusion matrix counts gold rows by predicted class", () => {
    expect(confusionMatrix(gold, predicted)).toEqual({
      labels: ["a", "b", "c"],
      counts: [
        [1, 1, 0],
        [0, 2, 0],
        [1, 0, 0],
      ],
    });
  });
});

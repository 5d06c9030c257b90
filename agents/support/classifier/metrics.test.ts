import { describe, expect, it } from "vitest";
import {
  accuracy,
  accuracyAtThresholds,
  expectedCalibrationError,
  macroF1,
  perClassScores,
  topConfusions,
} from "./metrics.ts";

// 6 texts, hand-checked: a is right 2 of 3, b 1 of 2, c never predicted; one b predicted as a.
const gold = ["a", "a", "a", "b", "b", "c"];
const pred = ["a", "a", "b", "b", "a", "a"];

describe("metrics", () => {
  it("accuracy and per-class precision/recall/F1", () => {
    expect(accuracy(gold, pred)).toBeCloseTo(3 / 6, 12);
    const [a, b, c] = perClassScores(gold, pred);
    // a: tp 2, fp 2 (b→a, c→a), fn 1 → P 1/2, R 2/3, F1 4/7
    expect(a).toMatchObject({ label: "a", support: 3, precision: 0.5 });
    expect(a!.recall).toBeCloseTo(2 / 3, 12);
    expect(a!.f1).toBeCloseTo(4 / 7, 12);
    // b: tp 1, fp 1, fn 1 → P = R = F1 = 1/2
    expect(b).toMatchObject({ label: "b", support: 2, precision: 0.5, recall: 0.5, f1: 0.5 });
    // c: never predicted → 0
    expect(c).toMatchObject({ label: "c", support: 1, precision: 0, recall: 0, f1: 0 });
    expect(macroF1(gold, pred)).toBeCloseTo((4 / 7 + 1 / 2 + 0) / 3, 12);
  });

  it("lists the commonest confusions", () => {
    expect(topConfusions(gold, pred)).toEqual([
      { gold: "a", predicted: "b", count: 1 },
      { gold: "b", predicted: "a", count: 1 },
      { gold: "c", predicted: "a", count: 1 },
    ]);
    expect(topConfusions(["x", "x", "y"], ["y", "y", "x"], 1)).toEqual([
      { gold: "x", predicted: "y", count: 2 },
    ]);
  });

  it("accuracy and coverage at confidence thresholds", () => {
    const confidence = [0.95, 0.9, 0.6, 0.55, 0.3, 0.2];
    const correct = [true, true, false, true, false, true];
    const [all, half, high] = accuracyAtThresholds(confidence, correct, [0, 0.5, 0.9]);
    expect(all).toEqual({ threshold: 0, coverage: 1, accuracy: 4 / 6, answered: 6 });
    expect(half).toEqual({ threshold: 0.5, coverage: 4 / 6, accuracy: 3 / 4, answered: 4 });
    expect(high).toEqual({ threshold: 0.9, coverage: 2 / 6, accuracy: 1, answered: 2 });
    expect(accuracyAtThresholds([0.1], [true], [0.5])[0]!.accuracy).toBeNaN();
  });

  it("expected calibration error", () => {
    // bin 0.9–1.0: confidences 0.95, 0.95, all right → gap 0.05; bin 0.5–0.6: 0.5, 0.5, one right → gap 0
    expect(expectedCalibrationError([0.95, 0.95, 0.5, 0.5], [true, true, true, false])).toBeCloseTo(
      0.025,
      12,
    );
  });
});

import { describe, expect, it } from "vitest";
import { brierScore, calibrationTable, logLoss } from "./probability.ts";

describe("probability metrics", () => {
  it("Brier score matches scikit-learn's documented example (0.0375)", () => {
    expect(brierScore([0.1, 0.9, 0.8, 0.3], [0, 1, 1, 0])).toBeCloseTo(0.0375, 12);
    expect(brierScore([0.5, 0.5], [0, 1])).toBe(0.25);
  });

  it("log loss matches scikit-learn's documented example (0.21616)", () => {
    expect(logLoss([0.9, 0.1, 0.2, 0.65], [1, 0, 0, 1])).toBeCloseTo(0.21616, 5);
  });

  it("log loss stays finite for a confident wrong prediction", () => {
    expect(logLoss([0], [1])).toBeCloseTo(-Math.log(1e-15), 6);
  });

  it("calibration table bins predictions and weighs the error by bin size", () => {
    const p = [0.05, 0.05, 0.15, 0.95, 1];
    const y = [0, 1, 0, 1, 1];
    const { bins, expectedCalibrationError } = calibrationTable(p, y);
    expect(bins.map((b) => [b.from, b.count])).toEqual([
      [0, 2],
      [0.1, 1],
      [0.9, 2], // 1.0 falls in the last bin
    ]);
    expect(bins[0]).toMatchObject({ meanPredicted: 0.05, observedRate: 0.5 });
    // (2·|0.05 − 0.5| + 1·|0.15 − 0| + 2·|0.975 − 1|) / 5
    expect(expectedCalibrationError).toBeCloseTo((0.9 + 0.15 + 0.05) / 5, 12);
  });

  it("rejects empty or mismatched inputs", () => {
    expect(() => brierScore([], [])).toThrow();
    expect(() => logLoss([0.5], [1, 0])).toThrow();
  });
});

import { describe, expect, it } from "vitest";
import { calibrated, fitPlatt } from "./calibrate.ts";
import { sigmoid } from "./logistic.ts";
import { shuffled } from "./split.ts";

describe("Platt scaling", () => {
  it("recovers the slope and offset that generated the labels", () => {
    const n = 20_000;
    const logits = Array.from({ length: n }, (_, i) => -4 + (8 * i) / n);
    // a deterministic stand-in for uniform noise: a seeded permutation of (0, 1) quantiles
    const u = shuffled(n, 1).map((k) => (k + 0.5) / n);
    const labels = logits.map((z, i) => (u[i]! < sigmoid(0.5 * z - 0.7) ? 1 : 0));
    const platt = fitPlatt(logits, labels);
    expect(platt.a).toBeCloseTo(0.5, 1);
    expect(platt.b).toBeCloseTo(-0.7, 1);
    expect(calibrated(platt, 0)).toBeCloseTo(sigmoid(platt.b), 12);
  });
});

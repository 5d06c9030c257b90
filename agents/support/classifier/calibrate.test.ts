import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { describe, expect, it } from "vitest";
import { fitTemperature, temperatureLoss } from "./calibrate.ts";
import { seededRng } from "./random.ts";

describe("fitTemperature", () => {
  it("recovers the temperature labels were drawn with", () => {
    const rng = seededRng(5);
    const K = 3;
    const n = 4000;
    const scores = new Float64Array(n * K);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const p: number[] = [];
      for (let k = 0; k < K; k++) p.push(Math.exp((scores[i * K + k] = uniformFloat64(rng) * 2 - 1) / 0.4));
      let u = uniformFloat64(rng) * p.reduce((a, b) => a + b, 0);
      labels[i] = p.findIndex((x) => (u -= x) <= 0);
    }
    const t = fitTemperature(scores, labels, K);
    expect(t).toBeGreaterThan(0.35);
    expect(t).toBeLessThan(0.45);
    expect(temperatureLoss(scores, labels, K, t)).toBeLessThan(temperatureLoss(scores, labels, K, 1));
  });
});

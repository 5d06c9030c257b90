import { describe, expect, it } from "vitest";
import { parseClassifier, serializeClassifier } from "./artifact.ts";
import { decodeAscending, decodeUints, dequantise, encodeAscending, encodeUints, quantise } from "./codec.ts";
import { loadClassifier } from "./predict.ts";
import { syntheticTexts } from "./testing/synthetic.ts";
import { trainClassifier } from "./train.ts";

describe("classifier artifact", () => {
  const { artifact } = trainClassifier(syntheticTexts(30), {
    name: "synthetic",
    target: "queue",
    cGrid: [1],
  });

  it("survives a JSON round trip: same artifact, identical predictions", () => {
    const back = parseClassifier(serializeClassifier(artifact));
    expect(back).toEqual(artifact);
    const [a, b] = [loadClassifier(artifact), loadClassifier(back)];
    for (const e of syntheticTexts(10, 7)) {
      expect(b.probabilities(e.text)).toEqual(a.probabilities(e.text));
      expect(b.predict(e.text)).toEqual(a.predict(e.text));
    }
  });

  it("rejects a bad shape and weights that do not fit the vocabulary", () => {
    expect(() => parseClassifier({ ...artifact, format: "other/1" })).toThrow();
    const short = { ...artifact, vocabulary: { ...artifact.vocabulary, size: artifact.vocabulary.size + 1 } };
    expect(() => loadClassifier(short)).toThrow(/do not match/);
  });
});

describe("codec", () => {
  it("round-trips varints, including values past 2^31", () => {
    const values = [0, 1, 127, 128, 300, 2 ** 31 + 5, 2 ** 40];
    expect(decodeUints(encodeUints(values))).toEqual(values);
    expect(decodeAscending(encodeAscending([3, 4, 90, 1_000_000]))).toEqual([3, 4, 90, 1_000_000]);
    expect(() => encodeUints([-1])).toThrow(RangeError);
  });

  it("quantises to int8 per class within half a step", () => {
    const w = [0.5, -2, 0.001, 0.25, 1, -0.004, 0, 0];
    const q = quantise(w, 2);
    expect(q.scales).toEqual([1 / 127, 2 / 127]);
    const back = dequantise(q);
    w.forEach((x, i) => expect(Math.abs(back[i]! - x)).toBeLessThanOrEqual(q.scales[i % 2]! / 2 + 1e-15));
  });
});

import { describe, expect, it } from "vitest";
import { loadClassifier } from "./predict.ts";
import { syntheticTexts } from "./testing/synthetic.ts";
import { trainClassifier } from "./train.ts";

const options = { name: "synthetic", target: "category", cGrid: [0.1, 1] };
const examples = syntheticTexts(30);

describe("trainClassifier", () => {
  const { artifact, cv } = trainClassifier(examples, options);
  const classifier = loadClassifier(artifact);

  it("separates a separable set: 100 % on its training texts and on new ones", () => {
    expect(artifact.classes).toEqual(["billing", "login", "shipping"]);
    expect(artifact.training.classCounts).toEqual([30, 30, 30]);
    for (const e of [...examples, ...syntheticTexts(20, 99)])
      expect(classifier.predict(e.text).label).toBe(e.label);
    expect(cv.map((p) => p.c)).toEqual([0.1, 1]);
    expect(artifact.training.cvAccuracy).toBe(1);
  });

  it("gives probabilities that sum to 1 and a ranked top-k", () => {
    const p = classifier.probabilities("I was overcharged on my invoice");
    expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    const prediction = classifier.predict("I was overcharged on my invoice", 2);
    expect(prediction.label).toBe("billing");
    expect(prediction.top.map((t) => t.label)[0]).toBe("billing");
    expect(prediction.top).toHaveLength(2);
    expect(prediction.confidence).toBeGreaterThan(prediction.top[1]!.probability);
    // words of two classes: those two rank first
    const mixed = classifier.predict("refund the parcel", 2).top.map((t) => t.label);
    expect(mixed.sort()).toEqual(["billing", "shipping"]);
  });

  it("is deterministic and versioned by data and params, not by row order", () => {
    const again = trainClassifier([...examples].reverse(), options).artifact;
    expect(again).toEqual(artifact);
    expect(artifact.version).toMatch(/^synthetic-[0-9a-f]{12}$/);
    const relabelled = examples.map((e, i) => (i === 0 ? { ...e, label: "login" } : e));
    expect(trainClassifier(relabelled, options).artifact.version).not.toBe(artifact.version);
    expect(trainClassifier(examples, { ...options, cGrid: [1] }).artifact.version).not.toBe(artifact.version);
  });

  it("refuses data it cannot cross-validate", () => {
    expect(() => trainClassifier(examples.slice(0, 30), options)).toThrow(/two classes/);
    const tiny = [...examples.slice(0, 30), ...examples.slice(30, 32)];
    expect(() => trainClassifier(tiny, options)).toThrow(/at least 3 examples/);
  });
});

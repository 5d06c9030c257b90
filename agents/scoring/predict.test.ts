import { describe, expect, it } from "vitest";
import { calibrated } from "./learn/calibrate.ts";
import { rocAuc } from "./metrics/roc-auc.ts";
import { predictProbabilities, scoreRecord } from "./predict.ts";
import { SYNTHETIC_MODEL, syntheticRows } from "./testing/synthetic.ts";
import { trainModel } from "./train.ts";

describe("scoring and explanations", () => {
  const train = syntheticRows(1500, 1);
  const test = syntheticRows(500, 2);
  const { artifact, cv } = trainModel(SYNTHETIC_MODEL, train, { l2Grid: [0.1, 1, 10] });

  it("learns the synthetic signal: the known effects have the right sign, held-out AUC well above chance", () => {
    expect(cv.map((c) => c.l2)).toEqual([0.1, 1, 10]);
    const coef = (name: string) => artifact.coefficients[artifact.columns.indexOf(name)]!;
    expect(coef("contract: Month-to-month")).toBeGreaterThan(0);
    expect(coef("contract: Two year")).toBeLessThan(0);
    expect(coef("log(1 + tenure (months))")).toBeLessThan(0);
    const p = predictProbabilities(
      artifact,
      test.map((r) => r.record),
    );
    expect(
      rocAuc(
        p,
        test.map((r) => (r.label ? 1 : 0)),
      ),
    ).toBeGreaterThan(0.7);
  });

  it("contributions plus the intercept add up to the logit, and the probability is its calibration", () => {
    for (const row of test.slice(0, 20)) {
      const s = scoreRecord(artifact, row.record);
      const sum = s.factors.reduce((acc, f) => acc + f.contribution, s.intercept);
      expect(sum).toBeCloseTo(s.logit, 10);
      expect(s.probability).toBeCloseTo(calibrated(artifact.calibration, s.logit), 12);
    }
  });

  it("names factors by feature and value, largest first", () => {
    const s = scoreRecord(artifact, { plan: "Month-to-month", tenure: 1, paperless: true });
    expect(s.factors.map((f) => f.factor).sort()).toEqual([
      "contract: month-to-month",
      "paperless billing: yes",
      "tenure (months) = 1",
    ]);
    const sizes = s.factors.map((f) => Math.abs(f.contribution));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(s.factors.find((f) => f.key === "plan")!.contribution).toBeGreaterThan(0);
  });

  it("scores a record with missing and unseen values", () => {
    const s = scoreRecord(artifact, { plan: "Weekly" });
    expect(s.probability).toBeGreaterThan(0);
    expect(s.probability).toBeLessThan(1);
    expect(s.factors.map((f) => f.factor)).toContain("tenure (months): missing");
  });

  it("refuses to train without enough rows of each outcome", () => {
    const few = train.map((r, i) => ({ ...r, label: i < 2 }));
    expect(() => trainModel(SYNTHETIC_MODEL, few)).toThrow(/at least 5 rows of each outcome/);
  });
});

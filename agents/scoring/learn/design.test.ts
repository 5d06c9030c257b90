import { describe, expect, it } from "vitest";
import { parseFeatureSpecs } from "../features/spec.ts";
import { SYNTHETIC_MODEL, syntheticRows } from "../testing/synthetic.ts";
import { fitDesign, fitStandardized, applyDesign } from "./design.ts";
import { fitLogistic, logitOf } from "./logistic.ts";

describe("fitStandardized", () => {
  it("gives the same model as fitting on centred, standardised rows", () => {
    const rows = syntheticRows(400);
    const records = rows.map((r) => r.record);
    const labels = rows.map((r) => (r.label ? 1 : 0));
    const { design, raw } = fitDesign(parseFeatureSpecs(SYNTHETIC_MODEL.features), records);
    const fast = fitStandardized(design, raw, labels, 3);
    const X = applyDesign(design, records);
    const direct = fitLogistic(X, labels, { l2: 3 });
    expect(fast.intercept).toBeCloseTo(direct.intercept, 6);
    fast.coefficients.forEach((w, j) => expect(w).toBeCloseTo(direct.coefficients[j]!, 6));
    expect(logitOf(fast, X[0]!)).toBeCloseTo(logitOf(direct, X[0]!), 6);
  });
});

import { describe, expect, it } from "vitest";
import { describeValue, encodeRecord } from "./encode.ts";
import { fitFeatures } from "./fit.ts";
import { columnsOf } from "./fitted.ts";
import { REFERENCE_KEY } from "./values.ts";
import { parseFeatureSpecs, type FeatureRecord } from "./spec.ts";
import { fitScaler, standardize } from "./standardize.ts";
import { binOf, quantileCuts } from "./values.ts";

const records: FeatureRecord[] = [
  ...Array.from({ length: 3 }, () => ({ plan: "Month-to-month", tenure: 1, paperless: true })),
  ...Array.from({ length: 2 }, () => ({ plan: "Two year", tenure: 10, paperless: false })),
  { plan: "Weekly", tenure: null, paperless: null },
  { plan: "", tenure: "3", paperless: "yes" },
];

const specs = parseFeatureSpecs([
  { kind: "categorical", key: "plan", label: "contract", minCount: 2 },
  { kind: "numeric", key: "tenure", label: "tenure", transform: "log1p", missingIndicator: true },
  { kind: "boolean", key: "paperless", label: "paperless billing", missingIndicator: true },
]);

describe("feature encoding", () => {
  const fitted = fitFeatures(specs, records);

  it("keeps frequent levels in frequency order and pools rare ones, missing included, into other", () => {
    expect(fitted[0]).toEqual({
      kind: "categorical",
      key: "plan",
      label: "contract",
      levels: ["Month-to-month", "Two year"],
      other: true,
    });
  });

  it("imputes the training median of the raw value and flags missing numbers", () => {
    expect(fitted[1]).toMatchObject({ median: 2, cuts: [] }); // median of 1,1,1,10,10,3
    expect(encodeRecord(fitted, { plan: "Two year", tenure: null })).toEqual(
      Float64Array.from([0, 1, 0, Math.log1p(2), 1, 0, 1]),
    );
  });

  it("encodes every kind, unseen levels as other, text numbers and yes/no text", () => {
    expect(columnsOf(fitted).map((c) => c.name)).toEqual([
      "contract: Month-to-month",
      "contract: Two year",
      "contract: other",
      "log(1 + tenure)",
      "tenure: missing",
      "paperless billing",
      "paperless billing: missing",
    ]);
    expect(encodeRecord(fitted, { plan: "Biweekly", tenure: "3", paperless: "yes" })).toEqual(
      Float64Array.from([0, 0, 1, Math.log1p(3), 0, 1, 0]),
    );
  });

  it("one-hot encodes quantile bins on the raw value", () => {
    const values = Array.from({ length: 100 }, (_, i) => i);
    expect(quantileCuts(values, 4)).toEqual([25, 50, 75]);
    expect(quantileCuts([0, 0, 0, 5, 5, 5, 5, 9], 4)).toEqual([5]); // no empty first bin, no duplicates
    expect(quantileCuts([0, 0, 0, 0, 5], 4)).toEqual([]);
    expect([0, 24.9, 25, 99].map((x) => binOf(x, [25, 50, 75]))).toEqual([0, 0, 1, 3]);
    const [binned] = fitFeatures(
      parseFeatureSpecs([{ kind: "numeric", key: "x", bins: 4 }]),
      values.map((x) => ({ x })),
    );
    expect(columnsOf([binned!]).map((c) => c.name)).toEqual([
      "x",
      "x < 25",
      "x in [25, 50)",
      "x in [50, 75)",
      "x ≥ 75",
    ]);
    expect(encodeRecord([binned!], { x: 60 })).toEqual(Float64Array.from([60, 0, 0, 1, 0]));
  });

  it("describes a record's value for explanations", () => {
    expect(describeValue(fitted[0]!, { plan: "Month-to-month" })).toBe("contract: month-to-month");
    expect(describeValue(fitted[0]!, { plan: null })).toBe("contract: missing");
    expect(describeValue(fitted[1]!, { tenure: 12.345 })).toBe("tenure = 12.35");
    expect(describeValue(fitted[2]!, { paperless: false })).toBe("paperless billing: no");
  });

  it("reads a date as its age in days at the record's reference time", () => {
    const [age] = fitFeatures(parseFeatureSpecs([{ kind: "numeric", key: "since", transform: "age_days" }]), [
      { since: "2020-01-01", [REFERENCE_KEY]: "2020-01-11T00:00:00Z" },
      { since: "2020-01-01", [REFERENCE_KEY]: "2020-01-31T00:00:00Z" },
    ]);
    expect(age).toMatchObject({ median: 20 });
    const record = { since: "2020-01-01", [REFERENCE_KEY]: "2020-03-01T00:00:00Z" };
    expect(encodeRecord([age!], record)).toEqual(Float64Array.from([60]));
    expect(describeValue(age!, record)).toBe("since = 60 days ago");
    expect(encodeRecord([age!], { since: "2020-01-01" })).toEqual(Float64Array.from([20])); // no reference: missing
  });

  it("standardises to mean 0 and standard deviation 1, leaving constant columns at 0", () => {
    const raw = [Float64Array.of(1, 5), Float64Array.of(3, 5)];
    const scaler = fitScaler(raw);
    expect(scaler).toEqual({ mean: [2, 5], scale: [1, 1] });
    expect(standardize(scaler, raw[0]!)).toEqual(Float64Array.of(-1, 0));
  });

  it("rejects a key declared twice and fills in defaults", () => {
    expect(() =>
      parseFeatureSpecs([
        { kind: "numeric", key: "a" },
        { kind: "boolean", key: "a" },
      ]),
    ).toThrow(/declared twice/);
    expect(parseFeatureSpecs([{ kind: "categorical", key: "c" }])[0]).toEqual({
      kind: "categorical",
      key: "c",
      minCount: 20,
    });
  });
});

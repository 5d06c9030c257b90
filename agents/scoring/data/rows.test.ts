import { describe, expect, it } from "vitest";
import { byKey, flatRecord, type TrainingRow } from "./rows.ts";

describe("training rows", () => {
  it("flattens a jsonb bag under its prefix, keeping scalars only", () => {
    expect(
      flatRecord({ plan: "pro", mrr: 10 }, "attributes", {
        tenure_months: 3,
        partner: "Yes",
        senior: false,
        gone: null,
        nested: { a: 1 },
        list: [1, 2],
      }),
    ).toEqual({
      plan: "pro",
      mrr: 10,
      "attributes.tenure_months": 3,
      "attributes.partner": "Yes",
      "attributes.senior": false,
      "attributes.gone": null,
    });
  });

  it("orders by key in code-unit order, whatever the locale", () => {
    const row = (key: string) => ({ key }) as TrainingRow;
    expect(
      ["b", "B", "a", "_x", "A"]
        .map(row)
        .sort(byKey)
        .map((r) => r.key),
    ).toEqual(["A", "B", "_x", "a", "b"]);
  });
});

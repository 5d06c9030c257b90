import { describe, expect, it } from "vitest";
import { deriveFeatureSpecs, type DeclaredColumn, type KindColumns } from "./derive.ts";
import { assertCoverage, FeaturesMissingError, planFeatures } from "./plan.ts";
import { FeatureSpecError, parseFeatureSpecFile } from "./spec-file.ts";
import { REFERENCE_KEY } from "./values.ts";

const KIND: KindColumns = {
  table: "accounts",
  bag: "attributes",
  columns: ["plan", "mrr"],
  withheld: { lifecycle_stage: "carries the label" },
};
const col = (
  key: string,
  valueType: DeclaredColumn["valueType"],
  role: DeclaredColumn["role"] = "field",
  source = key,
) => ({
  key,
  valueType,
  role,
  sourceColumn: source,
});
const DECLARED: DeclaredColumn[] = [
  col("external_id", "text", "identifier", "Cust"),
  col("plan", "text", "field", "Vertrag"),
  col("mrr", "numeric", "field", "Monat"),
  col("lifecycle_stage", "text"),
  col("owner_id", "text"),
  col("attributes.vip", "boolean", "field", "VIP"),
  col("attributes.since", "date", "field", "Kunde seit"),
  col("attributes.closed_reason", "text", "post_outcome", "Grund"),
  col("attributes.tags", "other"),
  col("outcomes.churned", "boolean", "outcome", "Gekuendigt"),
];

describe("feature specs derived from import declarations", () => {
  it("types each declared column and refuses outcomes, identifiers and post-outcome fields with the reason", () => {
    const { specs, refused } = deriveFeatureSpecs(DECLARED, KIND);
    expect(specs).toEqual([
      { kind: "categorical", key: "plan", label: "Vertrag", minCount: 20 },
      { kind: "numeric", key: "mrr", label: "Monat", missingIndicator: true, bins: 5 },
      { kind: "boolean", key: "attributes.vip", label: "VIP", missingIndicator: true },
      {
        kind: "numeric",
        key: "attributes.since",
        label: "Kunde seit",
        transform: "age_days",
        missingIndicator: true,
        bins: 5,
      },
    ]);
    const why = Object.fromEntries(refused.map((r) => [r.key, r.reason]));
    expect(why["external_id"]).toMatch(/^an identifier \(CSV column "Cust"\)/);
    expect(why["outcomes.churned"]).toMatch(/^an outcome label \(CSV column "Gekuendigt"\)/);
    expect(why["attributes.closed_reason"]).toMatch(/known only after the outcome/);
    expect(why["lifecycle_stage"]).toBe("carries the label");
    expect(why["owner_id"]).toMatch(/not a column the training rows carry/);
    expect(why["attributes.tags"]).toMatch(/not one a model reads/);
  });

  it("refuses a date that lies after the outcome's knownAt, and reports features no row has", () => {
    const records = [
      { plan: "a", mrr: 1, "attributes.since": "2020-01-01", [REFERENCE_KEY]: "2020-06-01T00:00:00Z" },
      { plan: "b", mrr: 2, "attributes.since": "2020-09-01", [REFERENCE_KEY]: "2020-06-01T00:00:00Z" },
    ];
    const plan = planFeatures({ builtIn: [], declared: DECLARED, kind: KIND, records });
    expect(plan.source).toBe("mappings");
    expect(plan.used.map((f) => f.key)).toEqual(["plan", "mrr"]);
    expect(plan.missing).toEqual(["attributes.vip"]);
    expect(plan.refused.find((r) => r.key === "attributes.since")?.reason).toMatch(
      /dated after the outcome's knownAt on 1 of 2 rows/,
    );
    expect(plan.missingShare).toBeCloseTo(1 / 3);
    expect(() => assertCoverage(plan, 0.25, "churn")).toThrow(FeaturesMissingError);
    expect(() => assertCoverage(plan, 0.25, "churn")).toThrow(
      /1 of 3 requested features have no values \(attributes\.vip\)/,
    );
    expect(() => assertCoverage(plan, 0.5, "churn")).not.toThrow();
  });

  it("without declarations a kind keeps its built-in spec", () => {
    const plan = planFeatures({
      builtIn: [{ kind: "numeric", key: "mrr" }],
      declared: [],
      kind: KIND,
      records: [{ mrr: 3 }],
    });
    expect(plan).toMatchObject({ source: "built-in", missing: [], missingShare: 0 });
  });
});

describe("feature spec files", () => {
  it("validates, naming the field", () => {
    const ok = parseFeatureSpecFile(
      "maxMissingShare: 0.4\nfeatures:\n  - { key: mrr, kind: numeric, transform: log1p }\n",
      "s.yaml",
    );
    expect(ok.maxMissingShare).toBe(0.4);
    expect(ok.features[0]).toMatchObject({ key: "mrr", transform: "log1p", missingIndicator: false });
    const bad = (text: string) => {
      try {
        parseFeatureSpecFile(text, "s.yaml");
      } catch (err) {
        return err as FeatureSpecError;
      }
      throw new Error("expected a FeatureSpecError");
    };
    expect(
      bad("features:\n  - { key: mrr, kind: numeric }\n  - { key: x, kind: sometimes }\n"),
    ).toMatchObject({
      field: "features[1].kind",
    });
    expect(bad("features:\n  - { key: mrr, kind: numeric, transform: sqrt }\n").message).toMatch(
      /features\[0\]\.transform/,
    );
    expect(bad("features: []\n").field).toBe("features");
    expect(bad("features:\n  - { key: a, kind: boolean }\n  - { key: a, kind: boolean }\n").message).toMatch(
      /declared twice/,
    );
    expect(bad("feature: x\n").message).toMatch(/feature|features/);
  });

  it("asking for a refused key is an error naming the key and the reason", () => {
    const file = {
      features: [
        { kind: "numeric" as const, key: "mrr" },
        { kind: "categorical" as const, key: "attributes.closed_reason" },
      ],
      origin: "s.yaml",
    };
    expect(() =>
      planFeatures({ file, builtIn: [], declared: DECLARED, kind: KIND, records: [{ mrr: 1 }] }),
    ).toThrow(
      /features\[1\]\.key: "attributes\.closed_reason" is refused as a feature: known only after the outcome/,
    );
  });
});

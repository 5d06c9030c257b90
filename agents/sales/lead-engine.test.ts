import { describe, expect, it } from "vitest";
import { scoreRecord } from "../scoring/index.ts";
import { act, AS_OF, lead } from "../../tests/support/sales-facts.ts";
import { trainTestLeadModel } from "../../tests/support/sales-model.ts";
import { chooseLeadEngine, scoreLead } from "./lead-engine.ts";
import { leadRecord } from "./lead-learned.ts";
import { DEFAULT_POLICY, resolveSalesPolicy } from "./policy.ts";

const artifact = trainTestLeadModel(300);
const stored = (rows: number, a: unknown = artifact) => ({ artifact: a, trained_rows: rows });

describe("lead engine choice", () => {
  it("uses the learned model when it exists, reads and was trained on enough rows", () => {
    expect(chooseLeadEngine(DEFAULT_POLICY, stored(300))).toMatchObject({
      kind: "learned",
      trainedRows: 300,
    });
  });

  it.each([
    [null, "learned model unavailable: no trained lead model"],
    [stored(150), "learned model unavailable: trained on 150 rows < 200"],
    [stored(300, { format: "something-else" }), "learned model unavailable: stored model does not read"],
    [
      stored(300, { ...artifact, training: { ...artifact.training, cvAuc: 0.49 } }),
      "learned model unavailable: cross-validated AUC 0.49 < 0.6",
    ],
  ])("falls back to the rules and says why (%#)", (model, fallback) => {
    expect(chooseLeadEngine(DEFAULT_POLICY, model)).toEqual({ kind: "rules", fallback });
  });

  it("a tenant that chose rules gets them without a fallback note", () => {
    expect(chooseLeadEngine(resolveSalesPolicy({ lead_engine: "rules" }), stored(300))).toEqual({
      kind: "rules",
      fallback: null,
    });
    expect(chooseLeadEngine(resolveSalesPolicy({ learned_min_rows: 100 }), stored(150)).kind).toBe("learned");
  });
});

describe("learned lead score", () => {
  it("is the calibrated probability as 0–100, with the top factor contributions as reasons", () => {
    const l = lead({ source: "referral", employees: 800, fields: { utm: "x", nested: { a: 1 } } });
    const engine = chooseLeadEngine(DEFAULT_POLICY, stored(300));
    const s = scoreLead(l, engine, DEFAULT_POLICY, AS_OF);
    const expected = scoreRecord(artifact, leadRecord(l));
    expect(leadRecord(l)).toEqual({
      source: "referral",
      country: null,
      title: "Head of Ops",
      employees: 800,
      "fields.utm": "x",
    });
    expect(s).toMatchObject({ engine: "learned", model_version: artifact.version });
    expect(s.probability).toBeCloseTo(expected.probability, 5);
    expect(s.value).toBeCloseTo(100 * expected.probability, 1);
    expect(s.reasons).toEqual(
      expected.factors.map((f) => ({
        factor: `${f.factor} (log-odds)`,
        contribution: Math.round(f.contribution * 1000) / 1000,
        evidence_ids: [`lead:${l.id}`],
      })),
    );
    expect(s.reasons.every((r) => r.contribution !== 0)).toBe(true);
  });

  it("one interface: the same call scores with the rules when the engine is rules", () => {
    const l = lead({ activities: [act("demo_request", 5)] });
    const s = scoreLead(l, { kind: "rules", fallback: null }, DEFAULT_POLICY, AS_OF);
    expect(s).toMatchObject({ engine: "rules", value: 35, model_version: "lead-rules-v1" });
  });
});

import { describe, expect, it } from "vitest";
import { parseArtifact, serializeArtifact } from "./artifact.ts";
import { fingerprintRows } from "./fingerprint.ts";
import { predictProbabilities, scoreRecord } from "./predict.ts";
import { SYNTHETIC_MODEL, syntheticRows } from "./testing/synthetic.ts";
import { trainModel } from "./train.ts";

const rows = syntheticRows(600);
const options = { l2Grid: [0.1, 1, 10] };

describe("model artifact", () => {
  const { artifact } = trainModel(SYNTHETIC_MODEL, rows, options);

  it("survives a JSON round trip: same artifact, same predictions", () => {
    const text = serializeArtifact(artifact);
    const back = parseArtifact(text);
    expect(back).toEqual(artifact);
    const records = rows.slice(0, 50).map((r) => r.record);
    expect(predictProbabilities(back, records)).toEqual(predictProbabilities(artifact, records));
    expect(scoreRecord(back, records[0]!)).toEqual(scoreRecord(artifact, records[0]!));
  });

  it("is versioned by spec, params and data: retraining the same data gives the same version", () => {
    expect(artifact.version).toMatch(/^synthetic-[0-9a-f]{12}$/);
    expect(trainModel(SYNTHETIC_MODEL, [...rows].reverse(), options).artifact.version).toBe(artifact.version);
    const changed = rows.map((r, i) => (i === 0 ? { ...r, label: !r.label } : r));
    expect(trainModel(SYNTHETIC_MODEL, changed, options).artifact.version).not.toBe(artifact.version);
    expect(trainModel(SYNTHETIC_MODEL, rows, { l2Grid: [1, 10] }).artifact.version).not.toBe(
      artifact.version,
    );
  });

  it("fingerprints data independently of row order", () => {
    expect(fingerprintRows([...rows].reverse())).toBe(fingerprintRows(rows));
    expect(artifact.training.fingerprint).toBe(fingerprintRows(rows));
  });

  it("rejects an artifact whose coefficients do not match its columns", () => {
    expect(() => parseArtifact({ ...artifact, coefficients: artifact.coefficients.slice(1) })).toThrow(
      /encode \d+ columns/,
    );
    expect(() => parseArtifact({ ...artifact, format: "crm-scoring/0" })).toThrow();
  });
});

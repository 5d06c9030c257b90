import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { EvalReport, Metric } from "../core/types.ts";
import { compareReports, formatComparison } from "./compare.ts";
import { checkGates, loadThresholds } from "./thresholds.ts";

const metric = (name: string, value: number | null, better: Metric["better"] = "higher"): Metric => ({
  name,
  value,
  status: value === null ? "not_run" : "ok",
  ...(value === null ? { reason: "no cassette" } : {}),
  better,
  label: name,
});

const report = (createdAt: string, suites: Record<string, Metric[]>): EvalReport => ({
  format: "crm-eval/1",
  createdAt,
  options: { seed: 42, shuffleLabels: false, suites: Object.keys(suites) },
  machine: { node: "v20", cores: 2, platform: "linux" },
  seconds: 1,
  suites: Object.entries(suites).map(([suite, metrics]) => ({
    suite,
    title: suite,
    seconds: 1,
    metrics,
    sections: [],
    charts: [],
  })),
});

describe("gates", () => {
  const thresholds = {
    gates: {
      "scoring.churn.roc_auc": { min: 0.83 },
      "scoring.churn.brier": { max: 0.15 },
      "scoring.churn.pr_auc": { min: 0.5 },
      "drafts.llm.ungrounded_claims": { max: 0 },
      "triage.banking77.intent.accuracy": { min: 0.9 },
    },
  };

  it("fails a metric past its bound and names it; skips suites that did not run and metrics not run", () => {
    const r = report("a", {
      "scoring.churn": [metric("scoring.churn.roc_auc", 0.61), metric("scoring.churn.brier", 0.13, "lower")],
      drafts: [metric("drafts.llm.ungrounded_claims", null, "lower")],
    });
    const byMetric = Object.fromEntries(checkGates(r, thresholds).map((g) => [g.metric, g]));
    expect(byMetric["scoring.churn.roc_auc"]).toMatchObject({
      verdict: "fail",
      message: "scoring.churn.roc_auc = 0.61, gate ≥ 0.83: REGRESSION",
    });
    expect(byMetric["scoring.churn.brier"]!.verdict).toBe("pass");
    // the suite ran but did not report a gated metric: a renamed metric must not pass silently
    expect(byMetric["scoring.churn.pr_auc"]).toMatchObject({
      verdict: "fail",
      message: expect.stringMatching(/not reported/),
    });
    expect(byMetric["drafts.llm.ungrounded_claims"]).toMatchObject({
      verdict: "skipped",
      message: expect.stringMatching(/not run \(no cassette\)/),
    });
    expect(byMetric["triage.banking77.intent.accuracy"]!.verdict).toBe("skipped");
  });

  it("refuses a thresholds file with a bad gate, naming the key", async () => {
    const dir = await mkdtemp(join(tmpdir(), "eval-gates-"));
    const file = join(dir, "t.yaml");
    await writeFile(file, "gates:\n  scoring.churn.roc_auc: { minimum: 0.8 }\n");
    await expect(loadThresholds(file)).rejects.toThrow(/t\.yaml: gates\.scoring\.churn\.roc_auc: .*minimum/);
    await writeFile(file, "gates:\n  scoring.churn.roc_auc: {}\n");
    await expect(loadThresholds(file)).rejects.toThrow(/give min, max or both/);
  });
});

describe("compare", () => {
  it("says what got worse, what got better and what changed status, by each metric's direction", () => {
    const a = report("2026-11-01", {
      s: [
        metric("s.auc", 0.85),
        metric("s.brier", 0.13, "lower"),
        metric("s.same", 0.5),
        metric("s.llm", null),
        metric("s.gone", 1),
      ],
    });
    const b = report("2026-11-02", {
      s: [
        metric("s.auc", 0.8),
        metric("s.brier", 0.12, "lower"),
        metric("s.same", 0.5),
        metric("s.llm", 0.9),
        metric("s.new", 3),
      ],
    });
    const moves = compareReports(a, b);
    expect(
      moves.map((m) => [m.metric, m.verdict, m.delta === null ? null : Number(m.delta.toFixed(4))]),
    ).toEqual([
      ["s.auc", "worse", -0.05],
      ["s.brier", "better", -0.01],
      ["s.gone", "changed", null],
      ["s.llm", "changed", null],
      ["s.new", "changed", null],
      ["s.same", "same", 0],
    ]);
    const text = formatComparison(a, b, moves);
    expect(text).toMatch(/^comparing 2026-11-01 → 2026-11-02: 5 moved, 1 unchanged/);
    expect(text).toMatch(/worse +s\.auc +0\.85 → 0\.8 \(-0\.05\)/);
    expect(text).toMatch(/changed +s\.llm +– → 0\.9 +not_run → ok/);
  });
});

import type { EvalCase } from "./datasets.ts";
import type { HoldoutResult } from "./holdout.ts";

/** One evaluated model with the context the report prints beside it. */
export interface ReportEntry {
  dataset: string;
  featureSet: string;
  targetAuc: number;
  baselines: EvalCase["baselines"];
  result: HoldoutResult;
}

const f3 = (x: number) => x.toFixed(3);
const f4 = (x: number) => x.toFixed(4);

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** The eval as readable text: results, baselines, calibration tables. */
export function formatReport(entries: readonly ReportEntry[], seed: number): string {
  const results = table(
    [
      "model",
      "dataset",
      "train/test",
      "CV AUC (train)",
      "test AUC",
      "target",
      "Brier",
      "no-skill Brier",
      "log loss",
      "ECE",
    ],
    entries.map(({ dataset, targetAuc, result: r }) => [
      r.model,
      dataset,
      `${r.rows.train}/${r.rows.test}`,
      `${f3(r.cvAuc)} ± ${f3(r.cvAucSd)}`,
      f3(r.test.auc),
      `≥ ${targetAuc.toFixed(2)} ${r.test.auc >= targetAuc ? "met" : "NOT met"}`,
      f4(r.test.brier),
      f4(r.test.brierNoSkill),
      f4(r.test.logLoss),
      f4(r.test.expectedCalibrationError),
    ]),
  );
  const baselines = table(
    ["model", "features", "reference", "ROC AUC"],
    entries.flatMap((e) => [
      [e.result.model, e.featureSet, "this engine, held-out test", f3(e.result.test.auc)],
      ...e.baselines.map((b) => ["", "", b.source, f3(b.auc)]),
    ]),
  );
  const calibration = entries.map(
    (e) =>
      `${e.result.model} (Platt a = ${f3(e.result.calibration.a)}, b = ${f3(e.result.calibration.b)}):\n` +
      table(
        ["predicted", "rows", "mean predicted", "observed"],
        e.result.test.calibrationTable.map((b) => [
          `${b.from.toFixed(1)}–${b.to.toFixed(1)}`,
          String(b.count),
          f3(b.meanPredicted),
          f3(b.observedRate),
        ]),
      ),
  );
  return [
    `Held-out evaluation (stratified 80/20 split, seed ${seed}; L2 and calibration chosen on the training part only)`,
    "",
    results,
    "",
    baselines,
    "",
    "Calibration on the test split:",
    ...calibration.flatMap((c) => ["", c]),
  ].join("\n");
}

import type { TriageCase } from "./datasets.ts";
import type { TriageResult } from "./evaluate.ts";

/** One evaluated classifier with the context the report prints beside it. */
export interface ReportEntry {
  dataset: string;
  case: TriageCase;
  result: TriageResult;
}

const f3 = (x: number) => (Number.isNaN(x) ? "–" : x.toFixed(3));
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

const splitOf = (c: TriageCase, seed: number) =>
  c.split.kind === "official"
    ? "official train/test"
    : `stratified ${1 - c.split.testFraction}/${c.split.testFraction}, seed ${seed}`;

/** The eval as readable text: results beside the baselines, training cost, confidence thresholds. */
export function formatReport(entries: readonly ReportEntry[], seed: number): string {
  const results = table(
    [
      "classifier",
      "label",
      "split",
      "train/test",
      "classes",
      "CV acc (train)",
      "test acc",
      "macro-F1",
      "majority",
      "target",
    ],
    entries.map(({ case: c, result: r }) => {
      const cv = r.cv.find((p) => p.c === r.c)!;
      const target = c.targetAccuracy
        ? `≥ ${c.targetAccuracy.toFixed(2)} ${r.test.accuracy >= c.targetAccuracy ? "met" : "NOT met"}`
        : "–";
      return [
        r.name,
        c.label,
        splitOf(c, seed),
        `${r.rows.train}/${r.rows.test}`,
        String(r.classes),
        `${f3(cv.accuracy)} ± ${f3(cv.accuracySd)}`,
        f3(r.test.accuracy),
        f3(r.test.macroF1),
        f3(r.test.majorityRate),
        target,
      ];
    }),
  );
  const baselines = table(
    ["classifier", "reference", "accuracy", "macro-F1"],
    entries.flatMap(({ case: c, result: r }) => [
      [
        r.name,
        "this engine (hashed n-gram TF-IDF + linear SVM), held-out test",
        f3(r.test.accuracy),
        f3(r.test.macroF1),
      ],
      ...c.baselines.map((b) => [
        "",
        b.source,
        f3(b.accuracy),
        b.macroF1 === undefined ? "–" : f3(b.macroF1),
      ]),
    ]),
  );
  const cost = table(
    [
      "classifier",
      "C (grid)",
      "T",
      "featurise",
      "CV",
      "final fit",
      "train total (CPU)",
      "predict/test",
      "artifact",
      "log loss",
      "ECE",
    ],
    entries.map(({ result: r }) => [
      r.name,
      `${r.c} (${r.cv.map((p) => p.c).join(", ")})`,
      r.temperature.toFixed(3),
      secs(r.trainMs.featurize),
      secs(r.trainMs.crossValidate),
      secs(r.trainMs.fit),
      `${secs(r.trainMs.total)} (${secs(r.trainCpuMs)})`,
      secs(r.predictMs),
      `${(r.artifactBytes / 1024).toFixed(0)} KiB`,
      f3(r.test.logLoss),
      f3(r.test.expectedCalibrationError),
    ]),
  );
  const thresholds = entries.map(
    ({ result: r }) =>
      `${r.name}: answer only at confidence ≥ threshold\n` +
      table(
        ["threshold", "coverage", "accuracy when answered"],
        r.test.thresholds.map((t) => [t.threshold.toFixed(2), f3(t.coverage), f3(t.accuracy)]),
      ),
  );
  return [
    "Support triage classifiers (C and temperature chosen by CV on the training rows only; test scored once)",
    "",
    results,
    "",
    baselines,
    "",
    cost,
    ...thresholds.flatMap((t) => ["", t]),
  ].join("\n");
}

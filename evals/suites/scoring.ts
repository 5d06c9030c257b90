import { calibrationChart, rocChart } from "../charts/curves.ts";
import { importDataset } from "../core/datasets.ts";
import { measured } from "../core/metric.ts";
import type { Chart, Metric, Section, Suite, SuiteContext } from "../core/types.ts";
import { brierScore, calibrationDeciles, logLoss, prAuc, rocAuc, rocCurve, topK } from "../metrics/index.ts";
import { calibrationTable } from "../../agents/scoring/index.ts";
import { f3, mdTable, pct } from "../report/format.ts";
import { EVAL_DATASETS, type EvalCase, type EvalDataset } from "../scoring/datasets.ts";
import { predictHoldout } from "../scoring/holdout.ts";

/** Share of the test set held out, per class (stratified); fixed before any result was seen. */
const TEST_FRACTION = 0.2;
const TOP_SHARES = [0.05, 0.1, 0.2];

/** One scoring suite per recorded dataset: `scoring.churn` (Telco), `scoring.lead` (X Education). */
export const SCORING_SUITES: Suite[] = EVAL_DATASETS.map((dataset) => ({
  name: `scoring.${dataset.cases[0]!.id}`,
  title: `Scoring: ${dataset.cases.map((c) => c.definition.name).join(", ")} on ${dataset.name}`,
  fast: true,
  steps: 1 + dataset.cases.length,
  run: (ctx) => runDataset(ctx, dataset),
}));

async function runDataset(ctx: SuiteContext, dataset: EvalDataset) {
  const tenantId = await importDataset(ctx, dataset.tenant, [
    { file: dataset.file, mapping: dataset.mapping },
  ]);
  const rows = await dataset.load(ctx.store.sql, tenantId);
  ctx.progress.step(`${dataset.name}: ${rows.length} rows`);
  const metrics: Metric[] = [];
  const sections: Section[] = [];
  const charts: Chart[] = [];
  const details: Record<string, unknown> = {};
  for (const c of dataset.cases) {
    const r = evaluateCase(ctx, c, rows);
    metrics.push(...r.metrics);
    sections.push(r.section);
    charts.push(...r.charts);
    details[c.id] = r.details;
    ctx.progress.step(`${c.id}: ROC AUC ${f3(r.auc)}`);
  }
  return { metrics, sections, charts, details };
}

function evaluateCase(ctx: SuiteContext, c: EvalCase, rows: Parameters<typeof predictHoldout>[1]) {
  const { seed, shuffleLabels } = ctx.options;
  const { artifact, train, test, p, y } = predictHoldout(c.definition, rows, {
    seed,
    testFraction: TEST_FRACTION,
    shuffleLabels,
  });
  const m = (key: string) => `scoring.${c.id}.${key}`;
  const positiveRate = y.reduce((a, b) => a + b, 0) / y.length;
  const trainRate = artifact.training.positives / artifact.training.rows;
  const auc = rocAuc(p, y);
  const ap = prAuc(p, y);
  const brier = brierScore(p, y);
  const brierNoSkill = brierScore(
    y.map(() => trainRate),
    y,
  );
  const deciles = calibrationDeciles(p, y);
  const ece = calibrationTable(p, y).expectedCalibrationError;
  const tops = TOP_SHARES.map((s) => topK(p, y, s));
  const top10 = tops.find((t) => t.share === 0.1)!;
  const metrics = [
    measured(
      m("roc_auc"),
      auc,
      "higher",
      "ROC AUC, held-out test",
      c.baselines.map((b) => ({ value: b.auc, source: b.source })),
    ),
    measured(m("pr_auc"), ap, "higher", "PR AUC (average precision)", [
      { value: positiveRate, source: "no skill: the test positive rate" },
    ]),
    measured(m("brier"), brier, "lower", "Brier score", [
      { value: brierNoSkill, source: "no skill: always the training base rate" },
    ]),
    measured(m("ece"), ece, "lower", "expected calibration error (10 bins)"),
    measured(m("precision_top10"), top10.precision, "higher", "precision in the top 10 % by score"),
    measured(m("lift_top10"), top10.lift, "higher", "lift in the top 10 % (precision / base rate)"),
    measured(m("cv_auc"), artifact.training.cvAuc, "higher", "cross-validated AUC on the training part"),
  ];
  const section = {
    title: `${c.definition.name} (${c.featureSet})`,
    markdown: [
      `Train ${train.length} / test ${test.length} rows (stratified ${1 - TEST_FRACTION}/${TEST_FRACTION}, seed ${seed}` +
        `${shuffleLabels ? ", **training labels shuffled: negative control**" : ""}); test positive rate ${pct(positiveRate)}; ` +
        `L2 ${artifact.params.l2} chosen by CV on the training part; model ${artifact.version}; log loss ${f3(logLoss(p, y))}.`,
      "",
      mdTable(
        ["top share", "k", "precision", "lift"],
        tops.map((t) => [pct(t.share), String(t.k), f3(t.precision), f3(t.lift)]),
      ),
      "",
      "Calibration by deciles of the prediction:",
      "",
      mdTable(
        ["decile", "rows", "predicted range", "mean predicted", "observed"],
        deciles.map((d) => [
          String(d.decile),
          String(d.count),
          `${f3(d.minPredicted)}–${f3(d.maxPredicted)}`,
          f3(d.meanPredicted),
          f3(d.observedRate),
        ]),
      ),
    ].join("\n"),
  };
  const charts = [
    {
      file: `scoring-${c.id}-roc.svg`,
      title: `${c.definition.name}: ROC curve`,
      svg: rocChart(`${c.definition.name}: ROC (test)`, rocCurve(p, y), auc),
    },
    {
      file: `scoring-${c.id}-calibration.svg`,
      title: `${c.definition.name}: calibration by decile`,
      svg: calibrationChart(`${c.definition.name}: calibration (test deciles)`, deciles),
    },
  ];
  const details = {
    model: artifact.version,
    rows: { train: train.length, test: test.length, testPositiveRate: positiveRate },
    l2: artifact.params.l2,
    cvAucSd: artifact.training.cvAucSd,
    topK: tops,
    deciles,
  };
  return { auc, metrics, section, charts, details };
}

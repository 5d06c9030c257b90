import { confusionChart } from "../charts/confusion.ts";
import { importDataset } from "../core/datasets.ts";
import { measured } from "../core/metric.ts";
import { shuffled } from "../core/shuffle.ts";
import type { Chart, Metric, Section, Suite, SuiteContext } from "../core/types.ts";
import { confusionMatrix } from "../metrics/index.ts";
import { f3, mdTable } from "../report/format.ts";
import { TRIAGE_DATASETS, type TriageCase, type TriageDataset } from "../support/datasets.ts";
import { classifyHoldout } from "../support/evaluate.ts";
import { caseRows } from "../support/rows.ts";

/** Metric names use these short ids: `triage.banking77.intent.accuracy`, `triage.tickets.queue.macro_f1`. */
const SUITE_IDS: Record<string, string> = { banking77: "banking77", "multilingual-tickets": "tickets" };
const caseId = (c: TriageCase) => c.name.replace(/^banking77-|^ticket-/, "");

/**
 * Triage suites: BANKING77 intent on the official test split (about a minute to train: not in
 * `--fast`), and the multilingual tickets' queue, priority and type (seeded stratified 80/20).
 */
export const TRIAGE_SUITES: Suite[] = TRIAGE_DATASETS.map((dataset) => ({
  name: `triage.${SUITE_IDS[dataset.name] ?? dataset.name}`,
  title: `Triage: ${dataset.cases.map((c) => c.label).join(", ")} on ${dataset.name}`,
  fast: dataset.name !== "banking77",
  steps: 1 + dataset.cases.length,
  run: (ctx) => runDataset(ctx, dataset),
}));

async function runDataset(ctx: SuiteContext, dataset: TriageDataset) {
  const tenantId = await importDataset(ctx, dataset.tenant, dataset.imports);
  ctx.progress.step(`${dataset.name}: imported`);
  const suite = SUITE_IDS[dataset.name] ?? dataset.name;
  const metrics: Metric[] = [];
  const sections: Section[] = [];
  const charts: Chart[] = [];
  const details: Record<string, unknown> = {};
  for (const c of dataset.cases) {
    const { train, test } = await caseRows(ctx.store.sql, tenantId, c, ctx.options.seed);
    const labels = ctx.options.shuffleLabels
      ? shuffled(
          train.map((t) => t.label),
          ctx.options.seed,
        )
      : null;
    const trainRows = labels ? train.map((t, i) => ({ ...t, label: labels[i]! })) : train;
    const { result, gold, predicted } = classifyHoldout(trainRows, test, {
      name: c.name,
      target: c.label,
      seed: ctx.options.seed,
    });
    const id = `triage.${suite}.${caseId(c)}`;
    const matrix = confusionMatrix(gold, predicted);
    metrics.push(
      measured(
        `${id}.accuracy`,
        result.test.accuracy,
        "higher",
        `${c.label} accuracy, held-out test`,
        c.baselines.map((b) => ({ value: b.accuracy, source: b.source })),
      ),
      measured(
        `${id}.macro_f1`,
        result.test.macroF1,
        "higher",
        `${c.label} macro-F1`,
        c.baselines.flatMap((b) => (b.macroF1 === undefined ? [] : [{ value: b.macroF1, source: b.source }])),
      ),
      measured(`${id}.majority`, result.test.majorityRate, "higher", "majority-class accuracy (reference)"),
    );
    sections.push({
      title: `${c.name}: ${c.label}`,
      markdown: [
        `${c.split.kind === "official" ? "Official train/test split" : `Stratified ${1 - c.split.testFraction}/${c.split.testFraction} split, seed ${ctx.options.seed}`}` +
          `${labels ? " — **training labels shuffled: negative control**" : ""}; train ${train.length} / test ${test.length}; ` +
          `${result.classes} classes; C ${result.c} chosen by CV on the training rows; model ${result.version}.`,
        "",
        mdTable(
          ["class", "support", "precision", "recall", "F1"],
          result.test.perClass.map((p) => [
            p.label,
            String(p.support),
            f3(p.precision),
            f3(p.recall),
            f3(p.f1),
          ]),
        ),
        "",
        "Commonest confusions:",
        "",
        mdTable(
          ["gold", "predicted", "count"],
          result.test.confusions.map((x) => [x.gold, x.predicted, String(x.count)]),
        ),
      ].join("\n"),
    });
    charts.push({
      file: `${id.replace(/\./g, "-")}-confusion.svg`,
      title: `${c.name}: confusion matrix`,
      svg: confusionChart(`${c.name}: confusion matrix (test)`, matrix),
    });
    details[caseId(c)] = { model: result.version, rows: result.rows, confusion: matrix };
    ctx.progress.step(`${c.name}: accuracy ${f3(result.test.accuracy)}`);
  }
  return { metrics, sections, charts, details };
}

import type { FeatureRecord, FeatureSpec } from "../features/spec.ts";
import { rocAuc } from "../metrics/roc-auc.ts";
import { applyDesign, fitDesign, fitStandardized } from "./design.ts";
import { logitOf } from "./logistic.ts";
import { stratifiedFolds } from "./split.ts";

/** Cross-validated quality of one L2 strength. */
export interface CvResult {
  l2: number;
  /** Mean and standard deviation of the per-fold ROC AUC. */
  auc: number;
  aucSd: number;
  /** Out-of-fold logit of every training row (each from a model that did not see the row). */
  oofLogits: number[];
}

/**
 * k-fold stratified cross-validation over a grid of L2 strengths. Encoding and scaling are
 * refitted inside every fold, so no statistic of a held-out fold reaches its model.
 */
export function crossValidate(
  specs: readonly FeatureSpec[],
  records: readonly FeatureRecord[],
  labels: readonly number[],
  { l2Grid, folds, seed }: { l2Grid: readonly number[]; folds: number; seed: number },
): CvResult[] {
  const fold = stratifiedFolds(labels, folds, seed);
  const results = l2Grid.map((l2) => ({
    l2,
    aucs: [] as number[],
    oofLogits: new Array<number>(labels.length),
  }));
  for (let k = 0; k < folds; k++) {
    const inTrain = labels.map((_, i) => fold[i] !== k);
    const trainIdx = labels.flatMap((_, i) => (inTrain[i] ? [i] : []));
    const testIdx = labels.flatMap((_, i) => (inTrain[i] ? [] : [i]));
    const { design, raw } = fitDesign(
      specs,
      trainIdx.map((i) => records[i]!),
    );
    const Xtest = applyDesign(
      design,
      testIdx.map((i) => records[i]!),
    );
    const yTrain = trainIdx.map((i) => labels[i]!);
    const yTest = testIdx.map((i) => labels[i]!);
    for (const r of results) {
      const fit = fitStandardized(design, raw, yTrain, r.l2);
      const logits = Xtest.map((x) => logitOf(fit, x));
      testIdx.forEach((row, j) => (r.oofLogits[row] = logits[j]!));
      r.aucs.push(rocAuc(logits, yTest));
    }
  }
  return results.map(({ l2, aucs, oofLogits }) => {
    const auc = aucs.reduce((a, b) => a + b, 0) / aucs.length;
    const aucSd = Math.sqrt(aucs.reduce((a, b) => a + (b - auc) ** 2, 0) / Math.max(aucs.length - 1, 1));
    return { l2, auc, aucSd, oofLogits };
  });
}

/** The best result by mean AUC; within 0.0005 of it, the strongest penalty (the simpler model). */
export function bestOf(results: readonly CvResult[]): CvResult {
  const top = Math.max(...results.map((r) => r.auc));
  return results.filter((r) => r.auc >= top - 0.0005).sort((a, b) => b.l2 - a.l2)[0]!;
}

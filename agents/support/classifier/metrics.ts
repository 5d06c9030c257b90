/** Share of predictions equal to the gold label. */
export function accuracy(gold: readonly string[], predicted: readonly string[]): number {
  if (gold.length === 0) return NaN;
  let ok = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) ok++;
  return ok / gold.length;
}

/** Precision, recall and F1 of one class. */
export interface ClassScore {
  label: string;
  /** Gold examples of the class. */
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Per-class precision, recall and F1 over the labels present in gold or predictions (sorted),
 * scikit-learn's convention: a class never predicted has precision 0, never present recall 0.
 */
export function perClassScores(gold: readonly string[], predicted: readonly string[]): ClassScore[] {
  const labels = [...new Set([...gold, ...predicted])].sort();
  return labels.map((label) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i++) {
      if (predicted[i] === label && gold[i] === label) tp++;
      else if (predicted[i] === label) fp++;
      else if (gold[i] === label) fn++;
    }
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, support: tp + fn, precision, recall, f1 };
  });
}

/** Unweighted mean of the per-class F1 (scikit-learn's f1_score(average="macro")). */
export function macroF1(gold: readonly string[], predicted: readonly string[]): number {
  const scores = perClassScores(gold, predicted);
  return scores.reduce((s, c) => s + c.f1, 0) / scores.length;
}

/** How often one gold class was predicted as another. */
export interface Confusion {
  gold: string;
  predicted: string;
  count: number;
}

/** The `top` most frequent errors (gold ≠ predicted), commonest first, ties by label. */
export function topConfusions(gold: readonly string[], predicted: readonly string[], top = 10): Confusion[] {
  const counts = new Map<string, Confusion>();
  for (let i = 0; i < gold.length; i++) {
    if (gold[i] === predicted[i]) continue;
    const key = JSON.stringify([gold[i], predicted[i]]);
    const c = counts.get(key) ?? { gold: gold[i]!, predicted: predicted[i]!, count: 0 };
    c.count++;
    counts.set(key, c);
  }
  return [...counts.values()]
    .sort(
      (a, b) => b.count - a.count || a.gold.localeCompare(b.gold) || a.predicted.localeCompare(b.predicted),
    )
    .slice(0, top);
}

/** What happens when the agent answers only at or above a confidence threshold. */
export interface ThresholdRow {
  threshold: number;
  /** Share of texts with confidence ≥ threshold (answered; the rest go to a person). */
  coverage: number;
  /** Accuracy on the answered texts (NaN when none). */
  accuracy: number;
  answered: number;
}

/** Coverage and accuracy of the confident answers at each threshold. */
export function accuracyAtThresholds(
  confidence: readonly number[],
  correct: readonly boolean[],
  thresholds: readonly number[] = [0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95],
): ThresholdRow[] {
  return thresholds.map((threshold) => {
    let answered = 0;
    let ok = 0;
    for (let i = 0; i < confidence.length; i++) {
      if (confidence[i]! < threshold) continue;
      answered++;
      if (correct[i]) ok++;
    }
    return {
      threshold,
      coverage: answered / confidence.length,
      accuracy: answered ? ok / answered : NaN,
      answered,
    };
  });
}

/**
 * Expected calibration error of the top-class confidence: |accuracy − mean confidence| per
 * equal-width bin, weighted by the bin's share of texts (Guo et al., 2017; 10 bins).
 */
export function expectedCalibrationError(
  confidence: readonly number[],
  correct: readonly boolean[],
  bins = 10,
): number {
  const sum = new Array<number>(bins).fill(0);
  const hits = new Array<number>(bins).fill(0);
  const count = new Array<number>(bins).fill(0);
  confidence.forEach((p, i) => {
    const b = Math.min(bins - 1, Math.floor(p * bins));
    sum[b]! += p;
    hits[b]! += correct[i] ? 1 : 0;
    count[b]!++;
  });
  return count.reduce(
    (e, n, b) => (n ? e + (n / confidence.length) * Math.abs(hits[b]! / n - sum[b]! / n) : e),
    0,
  );
}

import { rocAuc } from "../../agents/scoring/index.ts";

export { rocAuc };
export { brierScore, logLoss } from "../../agents/scoring/index.ts";

/** Indices ordered by score, highest first; ties keep their input order (a stable sort). */
function byScoreDesc(scores: ArrayLike<number>): number[] {
  return Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
}

function check(name: string, scores: ArrayLike<number>, labels: ArrayLike<number>): void {
  if (scores.length !== labels.length || labels.length === 0)
    throw new RangeError(`${name}: ${scores.length} scores for ${labels.length} labels`);
}

/**
 * Area under the precision–recall curve as average precision (scikit-learn's
 * `average_precision_score`): Σ (Rₙ − Rₙ₋₁) · Pₙ over the distinct score thresholds, highest first.
 * Tied scores form one threshold. NaN without a positive.
 */
export function prAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  check("prAuc", scores, labels);
  const order = byScoreDesc(scores);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]) positives++;
  if (positives === 0) return Number.NaN;
  let tp = 0;
  let seen = 0;
  let lastRecall = 0;
  let ap = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && scores[order[j]!] === scores[order[i]!]) {
      if (labels[order[j]!]) tp++;
      seen++;
      j++;
    }
    const recall = tp / positives;
    ap += (recall - lastRecall) * (tp / seen);
    lastRecall = recall;
    i = j;
  }
  return ap;
}

/** One point of a ROC curve: false and true positive rates at a score threshold. */
export interface RocPoint {
  fpr: number;
  tpr: number;
  threshold: number;
}

/** The ROC curve over the distinct thresholds, from (0, 0) to (1, 1); at most `maxPoints` kept. */
export function rocCurve(scores: ArrayLike<number>, labels: ArrayLike<number>, maxPoints = 200): RocPoint[] {
  check("rocCurve", scores, labels);
  const order = byScoreDesc(scores);
  let p = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]) p++;
  const n = labels.length - p;
  const points: RocPoint[] = [{ fpr: 0, tpr: 0, threshold: Infinity }];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < order.length;) {
    const t = scores[order[i]!]!;
    while (i < order.length && scores[order[i]!] === t) {
      if (labels[order[i]!]) tp++;
      else fp++;
      i++;
    }
    points.push({ fpr: n ? fp / n : 0, tpr: p ? tp / p : 0, threshold: t });
  }
  if (points.length <= maxPoints) return points;
  const step = (points.length - 1) / (maxPoints - 1);
  return Array.from({ length: maxPoints }, (_, k) => points[Math.round(k * step)]!);
}

/** Precision and lift among the `share` highest-scored rows (the top k a team would call first). */
export interface TopK {
  /** Share of rows taken, e.g. 0.1 for the top decile. */
  share: number;
  k: number;
  precision: number;
  /** Precision over the base rate: 2 means the top k hold twice the positives of a random k. */
  lift: number;
}

/** Precision and lift at the top `share` of rows by score (k = ceil(share · n), ties by input order). */
export function topK(scores: ArrayLike<number>, labels: ArrayLike<number>, share: number): TopK {
  check("topK", scores, labels);
  if (!(share > 0 && share <= 1)) throw new RangeError(`topK: share must be in (0, 1], got ${share}`);
  const k = Math.max(1, Math.ceil(share * labels.length));
  const order = byScoreDesc(scores);
  let hits = 0;
  for (let i = 0; i < k; i++) if (labels[order[i]!]) hits++;
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]) positives++;
  const precision = hits / k;
  const base = positives / labels.length;
  return { share, k, precision, lift: base > 0 ? precision / base : Number.NaN };
}

/** One decile of a calibration table: rows with similar predictions, and how often they were right. */
export interface DecileBin {
  decile: number;
  count: number;
  minPredicted: number;
  maxPredicted: number;
  meanPredicted: number;
  observedRate: number;
}

/**
 * Calibration by deciles of the predictions (equal-count groups, lowest first): in a calibrated
 * model each decile's mean prediction matches its observed rate. Fewer than 10 rows give fewer groups.
 */
export function calibrationDeciles(probabilities: ArrayLike<number>, labels: ArrayLike<number>): DecileBin[] {
  check("calibrationDeciles", probabilities, labels);
  const order = byScoreDesc(probabilities).reverse();
  const n = order.length;
  const groups = Math.min(10, n);
  const bins: DecileBin[] = [];
  for (let d = 0; d < groups; d++) {
    const members = order.slice(Math.floor((d * n) / groups), Math.floor(((d + 1) * n) / groups));
    const ps = members.map((i) => probabilities[i]!);
    bins.push({
      decile: d + 1,
      count: members.length,
      minPredicted: Math.min(...ps),
      maxPredicted: Math.max(...ps),
      meanPredicted: ps.reduce((a, b) => a + b, 0) / ps.length,
      observedRate: members.filter((i) => labels[i]).length / members.length,
    });
  }
  return bins;
}

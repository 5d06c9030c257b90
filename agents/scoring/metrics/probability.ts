/** Mean squared error of the probabilities against 0/1 outcomes (lower is better; 0.25 = always 0.5). */
export function brierScore(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  check(probabilities, labels);
  let sum = 0;
  for (let i = 0; i < labels.length; i++) sum += (probabilities[i]! - (labels[i] ? 1 : 0)) ** 2;
  return sum / labels.length;
}

/** Mean negative log-likelihood in nats; probabilities are clipped to [eps, 1 − eps] (default 1e-15). */
export function logLoss(probabilities: ArrayLike<number>, labels: ArrayLike<number>, eps = 1e-15): number {
  check(probabilities, labels);
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(Math.max(probabilities[i]!, eps), 1 - eps);
    sum -= labels[i] ? Math.log(p) : Math.log(1 - p);
  }
  return sum / labels.length;
}

/** One bin of a calibration table. */
export interface CalibrationBin {
  /** Lower edge (included) and upper edge (excluded; the last bin includes 1). */
  from: number;
  to: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

/**
 * Reliability table over `bins` equal-width probability bins (default 10), empty bins left out,
 * and the expected calibration error: the count-weighted mean |predicted − observed|.
 */
export function calibrationTable(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  bins = 10,
): { bins: CalibrationBin[]; expectedCalibrationError: number } {
  check(probabilities, labels);
  const sums = Array.from({ length: bins }, () => ({ count: 0, p: 0, y: 0 }));
  for (let i = 0; i < labels.length; i++) {
    const p = probabilities[i]!;
    const s = sums[Math.min(Math.floor(p * bins), bins - 1)]!;
    s.count++;
    s.p += p;
    s.y += labels[i] ? 1 : 0;
  }
  let ece = 0;
  const table: CalibrationBin[] = [];
  sums.forEach((s, b) => {
    if (s.count === 0) return;
    const bin = { from: b / bins, to: (b + 1) / bins, count: s.count, meanPredicted: s.p / s.count };
    table.push({ ...bin, observedRate: s.y / s.count });
    ece += (s.count / labels.length) * Math.abs(s.p / s.count - s.y / s.count);
  });
  return { bins: table, expectedCalibrationError: ece };
}

function check(probabilities: ArrayLike<number>, labels: ArrayLike<number>): void {
  if (probabilities.length !== labels.length || labels.length === 0)
    throw new Error(`${probabilities.length} probabilities for ${labels.length} labels`);
}

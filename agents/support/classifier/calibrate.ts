/** Mean negative log-likelihood of softmax(scores / temperature) over n rows of K scores. */
export function temperatureLoss(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  K: number,
  t: number,
): number {
  const n = labels.length;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let k = 0; k < K; k++) max = Math.max(max, scores[i * K + k]! / t);
    let sum = 0;
    for (let k = 0; k < K; k++) sum += Math.exp(scores[i * K + k]! / t - max);
    loss += max + Math.log(sum) - scores[i * K + labels[i]!]! / t;
  }
  return loss / n;
}

/**
 * Temperature scaling (Guo et al., 2017): the T > 0 that minimises the log loss of
 * softmax(scores / T) on held-out scores. SVM margins are not probabilities; dividing by one
 * fitted T makes them calibrated-ish without changing which class ranks first. The loss is
 * convex in 1/T, so a golden-section search over log T in [1e-3, 1e3] finds it.
 */
export function fitTemperature(scores: ArrayLike<number>, labels: ArrayLike<number>, K: number): number {
  const phi = (Math.sqrt(5) - 1) / 2;
  const f = (logT: number) => temperatureLoss(scores, labels, K, Math.exp(logT));
  let a = Math.log(1e-3);
  let b = Math.log(1e3);
  let c = b - phi * (b - a);
  let d = a + phi * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let it = 0; it < 80; it++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - phi * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + phi * (b - a);
      fd = f(d);
    }
  }
  return Math.exp((a + b) / 2);
}

import { kmeans } from "ml-kmeans";

/** Options of the k choice (tenant policy `clusters`). */
export interface KChoice {
  kMin: number;
  kMax: number;
  seed: number;
  /** Silhouettes are computed on at most this many points, spread evenly over the rows. */
  sample: number;
}

/** A clustering of the rows: cluster index per row, centroids, and how k was chosen. */
export interface Clustering {
  k: number;
  assignments: number[];
  centroids: number[][];
  /** Mean silhouette of the chosen k (0 for a single cluster). */
  silhouette: number;
  /** Every k tried with its mean silhouette, in order. */
  tried: { k: number; silhouette: number }[];
}

const dist = (a: readonly number[], b: readonly number[]) => {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += (a[j]! - b[j]!) ** 2;
  return Math.sqrt(s);
};

/** Evenly spaced row indices: all rows when there are at most `size`. */
export function sampleIndices(n: number, size: number): number[] {
  if (n <= size) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: size }, (_, i) => Math.floor((i * n) / size));
}

/**
 * Mean silhouette over the sampled rows: per row, (b − a) / max(a, b), where a is its mean
 * distance to the other sampled rows of its cluster and b the smallest mean distance to another
 * cluster's sampled rows; a row alone in its cluster scores 0.
 */
export function meanSilhouette(
  rows: readonly number[][],
  assignments: readonly number[],
  sample: number[],
): number {
  const k = Math.max(...sample.map((i) => assignments[i]!)) + 1;
  let total = 0;
  for (const i of sample) {
    const sum = new Array<number>(k).fill(0);
    const count = new Array<number>(k).fill(0);
    for (const j of sample) {
      if (i === j) continue;
      sum[assignments[j]!]! += dist(rows[i]!, rows[j]!);
      count[assignments[j]!]! += 1;
    }
    const own = assignments[i]!;
    if (count[own] === 0) continue;
    const a = sum[own]! / count[own]!;
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && count[c]! > 0) b = Math.min(b, sum[c]! / count[c]!);
    if (b === Infinity) continue;
    const m = Math.max(a, b);
    total += m > 0 ? (b - a) / m : 0;
  }
  return sample.length ? total / sample.length : 0;
}

/** k-means restarts per k (seeds seed, seed+1, …): the one with the least within-cluster error wins. */
export const N_INIT = 5;

/** The best of N_INIT k-means++ runs by inertia (sum of squared distances to the centroids). */
function bestOfInits(rows: readonly number[][], k: number, seed: number) {
  let best: { clusters: number[]; centroids: number[][]; inertia: number } | null = null;
  for (let i = 0; i < N_INIT; i++) {
    const r = kmeans(rows as number[][], k, {
      seed: seed + i,
      initialization: "kmeans++",
      maxIterations: 300,
    });
    const inertia = rows.reduce((s, row, j) => s + dist(row, r.centroids[r.clusters[j]!]!) ** 2, 0);
    if (!best || inertia < best.inertia - 1e-9)
      best = { clusters: r.clusters, centroids: r.centroids, inertia };
  }
  return best!;
}

/**
 * k-means (ml-kmeans, k-means++ with N_INIT seeded restarts from `seed`, so the same rows in the
 * same order always give the same clusters) for every k in [kMin, kMax] (at most one less than the
 * distinct rows), keeping the k with the highest mean silhouette; a tie (within 1e-9) keeps the
 * smaller k. Fewer than three distinct rows make one cluster.
 */
export function chooseClustering(rows: readonly number[][], choice: KChoice): Clustering {
  const distinct = new Set(rows.map((r) => r.join(","))).size;
  const kMax = Math.min(choice.kMax, distinct - 1);
  const single = (): Clustering => ({
    k: 1,
    assignments: rows.map(() => 0),
    centroids: rows.length ? [rows[0]!.map((_, j) => rows.reduce((s, r) => s + r[j]!, 0) / rows.length)] : [],
    silhouette: 0,
    tried: [],
  });
  if (rows.length < 3 || kMax < choice.kMin) return single();
  const sample = sampleIndices(rows.length, choice.sample);
  let best: Clustering | null = null;
  const tried: Clustering["tried"] = [];
  for (let k = choice.kMin; k <= kMax; k++) {
    const result = bestOfInits(rows, k, choice.seed);
    const silhouette = meanSilhouette(rows, result.clusters, sample);
    tried.push({ k, silhouette });
    if (!best || silhouette > best.silhouette + 1e-9)
      best = { k, assignments: result.clusters, centroids: result.centroids, silhouette, tried };
  }
  return { ...best!, tried };
}

import { createHash } from "node:crypto";
import { BEHAVIOUR_FEATURES, behaviourMatrix, standardise, type Scaler } from "./behaviour.ts";
import type { AccountFeatures } from "./facts.ts";
import { chooseClustering, type KChoice } from "./kmeans.ts";

/** Names the clustering method; part of every cluster segmentation's version. */
export const CLUSTERS_VERSION = "kmeans-v1";
/** A centroid this many standard deviations from the book's mean on a feature is described by it. */
export const DESCRIBE_MIN_Z = 0.5;

/** One behavioural cluster, numbered from 1 by descending MRR, with its description. */
export interface Cluster {
  /** `cluster:<n>`. */
  key: string;
  name: string;
  description: string;
  size: number;
  account_ids: string[];
  /** Centroid in standard deviations from the book's mean, per feature key. */
  centroid_z: Record<string, number>;
  /** Mean raw value per feature key, of the cluster and of the whole book. */
  means: Record<string, number>;
  book_means: Record<string, number>;
}

/** The behavioural segmentation of a book. */
export interface ClusterResult {
  version: string;
  k: number;
  silhouette: number;
  tried: { k: number; silhouette: number }[];
  scaler: Scaler;
  clusters: Cluster[];
}

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
const fmt = (x: number) => (Math.abs(x) >= 100 ? Math.round(x).toLocaleString("en-US") : String(round(x, 1)));

/**
 * Clusters accounts on standardised behaviour (BEHAVIOUR_FEATURES) with k-means, k chosen by
 * silhouette (kmeans.ts), and describes each cluster by the features whose centroid lies at least
 * DESCRIBE_MIN_Z standard deviations from the book's mean, strongest first — e.g. "high-MRR,
 * recently active, low support load". Deterministic for the same accounts (in id order) and seed.
 */
export function clusterAccounts(
  accounts: readonly AccountFeatures[],
  asOf: Date,
  windowDays: number,
  choice: KChoice,
): ClusterResult {
  const raw = behaviourMatrix(accounts, asOf, windowDays);
  const { z, scaler } = standardise(raw);
  const found = chooseClustering(z, choice);
  const members = found.centroids.map((_, c) =>
    accounts.flatMap((_, i) => (found.assignments[i] === c ? [i] : [])),
  );
  const bookMeans = meanOf(
    raw,
    accounts.map((_, i) => i),
  );
  const clusters = found.centroids
    .map((centroid, c) => ({ centroid, rows: members[c]! }))
    .filter((c) => c.rows.length > 0)
    .map(({ centroid, rows }) => ({ centroid, rows, means: meanOf(raw, rows) }))
    .sort((a, b) => b.centroid[2]! - a.centroid[2]! || b.rows.length - a.rows.length)
    .map(({ centroid, rows, means }, n): Cluster => {
      const centroidZ = Object.fromEntries(BEHAVIOUR_FEATURES.map((f, j) => [f.key, round(centroid[j]!)]));
      const { name, description } = describe(centroidZ, means, bookMeans);
      return {
        key: `cluster:${n + 1}`,
        name,
        description: `${description}; ${rows.length} account${rows.length === 1 ? "" : "s"}`,
        size: rows.length,
        account_ids: rows.map((i) => accounts[i]!.account_id),
        centroid_z: centroidZ,
        means,
        book_means: bookMeans,
      };
    });
  const hash = createHash("sha256")
    .update(JSON.stringify({ k: clusters.length, c: clusters.map((c) => c.centroid_z), s: choice.seed }))
    .digest("hex")
    .slice(0, 10);
  return {
    version: `${CLUSTERS_VERSION}-k${clusters.length}-${hash}`,
    k: clusters.length,
    silhouette: round(found.silhouette),
    tried: found.tried.map((t) => ({ k: t.k, silhouette: round(t.silhouette) })),
    scaler,
    clusters,
  };
}

function meanOf(raw: readonly number[][], rows: readonly number[]): Record<string, number> {
  return Object.fromEntries(
    BEHAVIOUR_FEATURES.map((f, j) => [
      f.key,
      round(rows.reduce((s, i) => s + raw[i]![j]!, 0) / Math.max(1, rows.length)),
    ]),
  );
}

/** A cluster's name (its two strongest traits) and description (up to three, with the numbers). */
export function describe(
  centroidZ: Record<string, number>,
  means: Record<string, number>,
  bookMeans: Record<string, number>,
): { name: string; description: string } {
  const traits = BEHAVIOUR_FEATURES.map((f) => ({ f, z: centroidZ[f.key]! }))
    .filter((t) => Math.abs(t.z) >= DESCRIBE_MIN_Z)
    .sort((a, b) => Math.abs(b.z) - Math.abs(a.z) || a.f.key.localeCompare(b.f.key))
    .slice(0, 3);
  if (traits.length === 0)
    return { name: "close to the book average", description: "close to the book average on every feature" };
  const words = traits.map((t) => (t.z > 0 ? t.f.high : t.f.low));
  const numbers = traits.map((t) => `${fmt(means[t.f.key]!)} ${t.f.unit} (book ${fmt(bookMeans[t.f.key]!)})`);
  return { name: words.slice(0, 2).join(", "), description: `${words.join(", ")}: ${numbers.join(", ")}` };
}

import { clusterAccounts, type ClusterResult } from "./clusters.ts";
import type { AccountFeatures } from "./facts.ts";
import { RFM_SEGMENTS } from "./goals.ts";
import type { MarketingPolicy } from "./policy.ts";
import { RFM_DESCRIPTIONS, RFM_VERSION, scoreRfm, type RfmResult } from "./rfm.ts";

/** One segment as the marketing_save_segments tool stores it. */
export interface SegmentPayload {
  key: string;
  name: string;
  description: string;
  definition: Record<string, unknown>;
  account_ids: string[];
}

/** A stored segmentation (all segments of one kind) and its version. */
export interface Segmentation {
  kind: "rfm" | "cluster";
  version: string;
  segments: SegmentPayload[];
}

/** What graph state keeps of a segment: no member lists. */
export interface SegmentSummary {
  key: string;
  name: string;
  description: string;
  size: number;
}

/**
 * The RFM segmentation: one segment per group that has members (`rfm:<group>`), with the rule
 * and the group's mean R, F and M scores as its definition.
 */
export function rfmSegmentation(
  accounts: readonly AccountFeatures[],
  asOf: Date,
  policy: MarketingPolicy,
): Segmentation {
  const scored = scoreRfm(accounts, asOf);
  const segments = RFM_SEGMENTS.map((group) => ({ group, rows: scored.filter((r) => r.segment === group) }))
    .filter((s) => s.rows.length > 0)
    .map(({ group, rows }) => ({
      key: `rfm:${group}`,
      name: group.replace("_", " "),
      description: RFM_DESCRIPTIONS[group],
      definition: {
        rule: RFM_DESCRIPTIONS[group],
        window_days: policy.rfm_window_days,
        mean_scores: meanScores(rows),
      },
      account_ids: rows.map((r) => r.account_id),
    }));
  return { kind: "rfm", version: `${RFM_VERSION}-w${policy.rfm_window_days}`, segments };
}

function meanScores(rows: readonly RfmResult[]) {
  const avg = (pick: (r: RfmResult) => number) =>
    Math.round((rows.reduce((s, r) => s + pick(r), 0) / rows.length) * 100) / 100;
  return { r: avg((r) => r.r), f: avg((r) => r.f), m: avg((r) => r.m) };
}

/** The behavioural segmentation: one segment per k-means cluster, with its centroid and means. */
export function clusterSegmentation(
  accounts: readonly AccountFeatures[],
  asOf: Date,
  policy: MarketingPolicy,
): { segmentation: Segmentation; result: ClusterResult } {
  const c = policy.clusters;
  const result = clusterAccounts(accounts, asOf, policy.rfm_window_days, {
    kMin: c.k_min,
    kMax: c.k_max,
    seed: c.seed,
    sample: c.sample,
  });
  const segments = result.clusters.map((cl) => ({
    key: cl.key,
    name: cl.name,
    description: cl.description,
    definition: {
      k: result.k,
      silhouette: result.silhouette,
      tried: result.tried,
      centroid_z: cl.centroid_z,
      means: cl.means,
      book_means: cl.book_means,
      scaler: result.scaler,
      seed: c.seed,
    },
    account_ids: cl.account_ids,
  }));
  return { segmentation: { kind: "cluster", version: result.version, segments }, result };
}

/** The summary of a segmentation for graph state. */
export const summarise = (s: Segmentation): SegmentSummary[] =>
  s.segments.map((x) => ({
    key: x.key,
    name: x.name,
    description: x.description,
    size: x.account_ids.length,
  }));

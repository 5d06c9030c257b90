import { describe, expect, it } from "vitest";
import { clusterAccounts, describe as describeCluster } from "./clusters.ts";
import type { AccountFeatures } from "./facts.ts";
import { chooseClustering, meanSilhouette } from "./kmeans.ts";

const AS_OF = new Date("2026-11-01T00:00:00Z");
const CHOICE = { kMin: 2, kMax: 6, seed: 42, sample: 2000 };

/** Three behaviours: big active payers with low support, quiet small ones, heavy support users. */
function book(): AccountFeatures[] {
  const out: AccountFeatures[] = [];
  const jitter = (i: number, k: number) => ((i * 7919 + k * 104_729) % 97) / 97;
  for (let i = 0; i < 90; i++) {
    const kind = i % 3;
    const j = jitter(i, kind);
    out.push({
      account_id: `acc-${String(i).padStart(3, "0")}`,
      name: `Account ${i}`,
      segment: null,
      plan: null,
      lifecycle_stage: "customer",
      mrr: kind === 0 ? 20_000 + 5_000 * j : kind === 1 ? 100 + 50 * j : 2_000 + 500 * j,
      seats_purchased: 10,
      last_engaged_at: new Date(
        AS_OF.getTime() - (kind === 1 ? 300 + 50 * j : 3 + 5 * j) * 86_400_000,
      ).toISOString(),
      engagements: kind === 1 ? 0 : 30 + Math.round(10 * j),
      responses: 0,
      won_amount: 0,
      tickets_90d: kind === 2 ? 12 + Math.round(4 * j) : 0,
      active_users: kind === 1 ? 2 : 8,
    });
  }
  return out;
}

describe("behavioural clusters", () => {
  it("finds the three behaviours, chooses k by silhouette and describes each from its centroid", () => {
    const result = clusterAccounts(book(), AS_OF, 365, CHOICE);
    expect(result.k).toBe(3);
    expect(result.tried.map((t) => t.k)).toEqual([2, 3, 4, 5, 6]);
    const best = Math.max(...result.tried.map((t) => t.silhouette));
    expect(result.silhouette).toBe(best);
    expect(result.clusters.map((c) => c.size)).toEqual([30, 30, 30]);
    // numbered by descending MRR
    const [rich, support, quiet] = result.clusters;
    expect(rich!.account_ids.every((id) => Number(id.slice(4)) % 3 === 0)).toBe(true);
    expect(rich!.name).toBe("high-MRR, recently active");
    expect(rich!.description).toMatch(/^high-MRR, recently active, high seat use: 22,521 MRR \(book 8,299\)/);
    expect(support!.name).toBe("heavy support load, highly engaged");
    expect(quiet!.description).toMatch(
      /little engagement, long inactive: .*323 days since engagement \(book 111\)/,
    );
    expect(result.version).toMatch(/^kmeans-v1-k3-[0-9a-f]{10}$/);
  });

  it("is deterministic: the same accounts and seed give the same clusters and version", () => {
    const a = clusterAccounts(book(), AS_OF, 365, CHOICE);
    const b = clusterAccounts(book(), AS_OF, 365, CHOICE);
    expect(b).toEqual(a);
  });

  it("makes one cluster of too few distinct accounts", () => {
    const one = book().slice(0, 1);
    expect(chooseClustering([[0, 0]], CHOICE).k).toBe(1);
    expect(clusterAccounts(one, AS_OF, 365, CHOICE).clusters).toHaveLength(1);
  });

  it("silhouette is high for separated groups and 0 for singletons", () => {
    const rows = [[0], [0.1], [10], [10.1]];
    expect(meanSilhouette(rows, [0, 0, 1, 1], [0, 1, 2, 3])).toBeGreaterThan(0.9);
    expect(meanSilhouette([[0], [5]], [0, 1], [0, 1])).toBe(0);
  });

  it("describes a centroid near the mean as such, and names the two strongest traits", () => {
    const means = { inactive_days: 10, engagement: 5, mrr: 100, support_load: 0, seat_use: 0.5 };
    expect(
      describeCluster(
        { inactive_days: 0.1, engagement: -0.2, mrr: 0.3, support_load: 0, seat_use: 0 },
        means,
        means,
      ).name,
    ).toBe("close to the book average");
    const d = describeCluster(
      { inactive_days: -1.2, engagement: 0.4, mrr: 2, support_load: -0.7, seat_use: 0 },
      means,
      means,
    );
    expect(d.name).toBe("high-MRR, recently active");
    expect(d.description).toMatch(/^high-MRR, recently active, low support load: 100 MRR \(book 100\)/);
  });
});

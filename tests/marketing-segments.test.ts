import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SegmentationSummary } from "../graphs/marketing/index.ts";
import type { Store } from "../db/index.ts";
import {
  MKT_AS_OF,
  setMarketingSettings,
  writeMarketingBook,
  type MarketingBook,
} from "./support/marketing-book.ts";
import { auditOf, goalTarget, runMarketing, segmentsOf } from "./support/marketing-queries.ts";
import { testDeps } from "./support/runtime-deps.ts";
import { STORE_KINDS, openTestStore } from "./support/stores.ts";

// a goal nobody matches: these runs are about segments, not drafts
const NO_DRAFTS = goalTarget({ name: "Nobody", industry: "none such" });
const later = (hours: number) => new Date(MKT_AS_OF.getTime() + hours * 3_600_000);

describe.each(STORE_KINDS)("marketing segments on %s", (kind) => {
  let store: Store;
  let b: MarketingBook;
  const since = (tenantId: string) =>
    store.sql<{ key: string; account_id: string; since: Date }[]>`
      SELECT s.key, m.account_id, m.since FROM segment_members m JOIN segments s ON s.id = m.segment_id
      WHERE m.tenant_id = ${tenantId}`;

  beforeAll(async () => {
    store = await openTestStore(kind);
    b = await writeMarketingBook(store.sql, "segments");
    await setMarketingSettings(store.sql, b.tenantId, { clusters: { k_min: 3, k_max: 3 } });
  });
  afterAll(() => store?.close());

  it("stores RFM groups and behavioural clusters: every account in exactly one of each", async () => {
    const leg = await runMarketing(await testDeps(store, { now: () => MKT_AS_OF }), b.tenantId, NO_DRAFTS);
    expect(leg.run.status).toBe("succeeded");
    const segments = await segmentsOf(store.sql, b.tenantId);
    const rfm = Object.fromEntries(
      [...segments].filter(([k]) => k.startsWith("rfm:")).map(([k, s]) => [k, s.members]),
    );
    const a = b.accounts;
    // R, F, M quintiles: Delta 5/5/5, Atlas 3/4/4, Birch 4/4/3, Elm 2/2/1, Cedar 1/1/2
    expect(rfm).toEqual({
      "rfm:champions": [a.delta],
      "rfm:loyal": [a.atlas, a.birch].sort(),
      "rfm:hibernating": [a.cedar, a.elm].sort(),
    });
    expect(segments.get("rfm:loyal")!.version).toBe("rfm-v1-w365");
    const clusters = [...segments].filter(([k]) => k.startsWith("cluster:"));
    expect(clusters.flatMap(([, s]) => s.members).sort()).toEqual(Object.values(a).sort());
    for (const [, s] of segments) expect(s.member_count).toBe(s.members.length);
    const summary = leg.values.segmentation as SegmentationSummary;
    expect(summary.accounts).toBe(5);
    expect(summary.clusters.segments).toHaveLength(summary.clusters.k);
    expect(summary.clusters.tried).toEqual([{ k: 3, silhouette: summary.clusters.silhouette }]);
    expect([...segments.keys()].filter((k) => k.startsWith("cluster:"))).toEqual([
      "cluster:1",
      "cluster:2",
      "cluster:3",
    ]);
    for (const c of summary.clusters.segments) expect(c.description).toMatch(/[a-z]+.*\d+ accounts?$/);
  });

  it("a rerun replaces membership: the same accounts, no duplicates, stayers keep their `since`", async () => {
    const before = await since(b.tenantId);
    const leg = await runMarketing(await testDeps(store, { now: () => later(1) }), b.tenantId, NO_DRAFTS);
    const after = await since(b.tenantId);
    expect(after).toHaveLength(before.length);
    expect(after).toHaveLength(10);
    expect(new Set(after.map((r) => `${r.key}:${r.account_id}`)).size).toBe(10);
    // (rfm groups and clusters: 5 accounts × 2)
    expect(after.map((r) => r.since.getTime()).sort()).toEqual(before.map((r) => r.since.getTime()).sort());
    const [saved] = await auditOf(store.sql, leg.run.id, "marketing.segments_saved");
    const counts = (saved!.details.segments as { added: number; removed: number }[]).map((s) => [
      s.added,
      s.removed,
    ]);
    expect(counts.every(([added, removed]) => added === 0 && removed === 0)).toBe(true);
  });

  it("a refresh after the book changed moves accounts, adds and drops segments", async () => {
    for (const d of [1, 2, 4])
      await store.sql`INSERT INTO activities (tenant_id, account_id, kind, direction, occurred_at)
                      VALUES (${b.tenantId}, ${b.accounts.cedar}, 'web_visit', 'inbound', ${new Date(MKT_AS_OF.getTime() - d * 86_400_000)})`;
    await setMarketingSettings(store.sql, b.tenantId, { clusters: { k_min: 2, k_max: 2 } });
    const at = later(2);
    await runMarketing(await testDeps(store, { now: () => at }), b.tenantId, NO_DRAFTS);
    const segments = await segmentsOf(store.sql, b.tenantId);
    const a = b.accounts;
    expect(
      Object.fromEntries([...segments].filter(([k]) => k.startsWith("rfm:")).map(([k, s]) => [k, s.members])),
    ).toEqual({
      "rfm:champions": [a.delta],
      "rfm:loyal": [a.birch, a.cedar].sort(),
      "rfm:at_risk": [a.atlas],
      "rfm:hibernating": [a.elm],
    });
    expect([...segments.keys()].filter((k) => k.startsWith("cluster:"))).toEqual(["cluster:1", "cluster:2"]);
    const rows = await since(b.tenantId);
    expect(rows).toHaveLength(10);
    const sinceOf = (key: string, account: string) =>
      rows.find((r) => r.key === key && r.account_id === account)!.since.getTime();
    expect(sinceOf("rfm:loyal", a.cedar)).toBe(at.getTime());
    expect(sinceOf("rfm:loyal", a.birch)).toBe(MKT_AS_OF.getTime());
  });
});

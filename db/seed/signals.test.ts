import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STORE_KINDS, openTestStore } from "../../tests/support/stores.ts";
import { ensureTenant, type Store } from "../index.ts";
import { seedBook } from "./index.ts";

/**
 * The outcomes of a stored book correlate with signals computed from its rows — never from the
 * generator's latents — the way a model trained on the book would see them.
 */
describe.each(STORE_KINDS)("signals of a seeded book on %s", (kind) => {
  let store: Store;
  let tenantId: string;
  const rate = async (query: Promise<{ bucket: boolean | number; rate: number; n: number }[]>) =>
    new Map((await query).map((r) => [r.bucket, r] as const));

  beforeAll(async () => {
    store = await openTestStore(kind);
    tenantId = (await ensureTenant(store.sql, { slug: "signals", name: "Signals" })).id;
    await seedBook(store.sql, { tenantId, accounts: 300 });
  });
  afterAll(() => store.close());

  it("churn is far likelier in the lowest usage-trend quintile than in the highest", async () => {
    // trend: active users in the 3 months before the renewal month over the 3 months before those
    const q = await rate(
      store.sql`
      WITH decided AS (
        SELECT entity_id AS account_id, kind = 'churned' AS churned, occurred_at
        FROM outcomes WHERE tenant_id = ${tenantId} AND entity_kind = 'account'),
      months AS (
        SELECT d.account_id, d.churned, u.active_users,
               row_number() OVER (PARTITION BY d.account_id ORDER BY u.period_start DESC) AS back
        FROM decided d JOIN product_usage u ON u.tenant_id = ${tenantId} AND u.account_id = d.account_id
        WHERE u.period_start < date_trunc('month', d.occurred_at AT TIME ZONE 'UTC')),
      trends AS (
        SELECT churned, avg(active_users) FILTER (WHERE back <= 3)
                        / greatest(avg(active_users) FILTER (WHERE back > 3), 0.5) AS trend
        FROM months WHERE back <= 6 GROUP BY account_id, churned HAVING count(*) = 6)
      SELECT ntile(5) OVER (ORDER BY trend) AS bucket, churned FROM trends`.then((rows) =>
        bucketRates(rows.map((r) => [r.bucket as number, r.churned as boolean])),
      ),
    );
    const lowest = q.get(1)!;
    const highest = q.get(5)!;
    expect(lowest.n).toBeGreaterThanOrEqual(20);
    expect(lowest.rate).toBeGreaterThan(2 * highest.rate);
    expect(lowest.rate - highest.rate).toBeGreaterThan(0.2);
  });

  it("churn is likelier with many tickets before the renewal", async () => {
    const q = await rate(store.sql`
      SELECT (SELECT count(*) FROM tickets t WHERE t.tenant_id = ${tenantId} AND t.account_id = o.entity_id
               AND t.created_at < o.occurred_at) >= 3 AS bucket,
             avg((o.kind = 'churned')::int)::float AS rate, count(*)::int AS n
      FROM outcomes o WHERE o.tenant_id = ${tenantId} AND o.entity_kind = 'account' GROUP BY 1`);
    expect(q.get(true)!.rate).toBeGreaterThan(q.get(false)!.rate + 0.1);
  });

  it("leads that viewed the pricing page or asked for a demo convert more often", async () => {
    for (const activity of ["pricing_page_view", "demo_request"]) {
      const q = await rate(store.sql`
        SELECT EXISTS (SELECT 1 FROM activities a WHERE a.tenant_id = ${tenantId} AND a.lead_id = o.entity_id
                         AND a.kind = ${activity} AND a.occurred_at <= o.known_at) AS bucket,
               avg(o.value::int)::float AS rate, count(*)::int AS n
        FROM outcomes o WHERE o.tenant_id = ${tenantId} AND o.kind = 'converted' GROUP BY 1`);
      expect(q.get(true)!.n, activity).toBeGreaterThanOrEqual(20);
      expect(q.get(true)!.rate, activity).toBeGreaterThan(q.get(false)!.rate + 0.1);
    }
  });

  it("multi-threaded deals win more often than single-threaded ones", async () => {
    const q = await rate(store.sql`
      SELECT (SELECT count(*) FROM deal_contacts dc WHERE dc.deal_id = o.entity_id) > 1 AS bucket,
             avg((o.kind = 'won')::int)::float AS rate, count(*)::int AS n
      FROM outcomes o WHERE o.tenant_id = ${tenantId} AND o.entity_kind = 'deal' GROUP BY 1`);
    expect(q.get(false)!.n).toBeGreaterThanOrEqual(20);
    expect(q.get(true)!.rate).toBeGreaterThan(q.get(false)!.rate + 0.1);
  });

  it("deals that stalled in a stage (over twice the segment's median days) win less often", async () => {
    const q = await rate(store.sql`
      WITH stages AS (
        SELECT h.deal_id, h.stage, a.segment, extract(epoch FROM h.exited_at - h.entered_at) / 86400 AS days
        FROM deal_stage_history h JOIN deals d ON d.id = h.deal_id JOIN accounts a ON a.id = d.account_id
        WHERE h.tenant_id = ${tenantId} AND h.exited_at IS NOT NULL AND h.stage NOT LIKE 'closed%'),
      norms AS (
        SELECT segment, stage, percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median
        FROM stages GROUP BY segment, stage),
      stalled AS (
        SELECT s.deal_id, bool_or(s.days > 2 * n.median) AS stalled
        FROM stages s JOIN norms n USING (segment, stage) GROUP BY s.deal_id)
      SELECT s.stalled AS bucket, avg((o.kind = 'won')::int)::float AS rate, count(*)::int AS n
      FROM outcomes o JOIN stalled s ON s.deal_id = o.entity_id
      WHERE o.tenant_id = ${tenantId} AND o.entity_kind = 'deal' GROUP BY 1`);
    expect(q.get(true)!.n).toBeGreaterThanOrEqual(10);
    expect(q.get(false)!.rate).toBeGreaterThan(q.get(true)!.rate + 0.1);
  });
});

/** Outcome rate and count per bucket from (bucket, outcome) pairs. */
async function bucketRates(
  pairs: [number, boolean][],
): Promise<{ bucket: number; rate: number; n: number }[]> {
  const by = new Map<number, boolean[]>();
  for (const [b, v] of pairs) by.set(b, [...(by.get(b) ?? []), v]);
  return [...by].map(([bucket, vs]) => ({
    bucket,
    rate: vs.filter(Boolean).length / vs.length,
    n: vs.length,
  }));
}

import type postgres from "postgres";
import { withTenant } from "../../../db/index.ts";
import { signalRecord } from "../models/churn-signals.ts";
import type { FeatureRecord } from "../features/spec.ts";
import { byKey, flatRecord, type LoadOptions, type TrainingRow } from "./rows.ts";

/**
 * What the store knew about one account at an instant `cut` (exclusive): every number and id
 * below comes from rows dated before `cut` — usage of complete months, tickets created, activities
 * that occurred, deals closed before it. The same query serves training (cut before each
 * outcome) and scoring (cut = now), so a model sees the same features in both.
 */
export interface AccountSignals {
  account_id: string;
  /** ISO 8601 instants here and below: the signals are plain JSON (they travel in graph state). */
  cut: string;
  plan: string | null;
  segment: string | null;
  seats_purchased: number | null;
  customer_since: string | null;
  /** Up to six complete months before the cut, newest first. */
  usage: { period_start: string; active_users: number; seats_used: number | null }[];
  tickets_90d: number;
  severe_90d: number;
  open_tickets: number;
  billing_90d: number;
  cancellation_90d: number;
  /** Triage marked the requester negative (triage written before the cut). */
  negative_90d: number;
  csat_avg: number | null;
  activities_90d: number;
  inbound_90d: number;
  last_activity_id: string | null;
  last_activity_at: string | null;
  last_meeting_id: string | null;
  last_meeting_at: string | null;
  /** Ticket ids (newest first) behind each count, for evidence. */
  recent_ticket_ids: string[];
  open_ticket_ids: string[];
  severe_ticket_ids: string[];
  commercial_ticket_ids: string[];
  feedback_ticket_ids: string[];
  /** Deals since the account became a customer: won in the year before the cut, and open at it. */
  won_expansion_ids: string[];
  open_expansion_ids: string[];
  /**
   * The account's own columns and `attributes.*` as the `churn` model's training rows carry them
   * (accounts.ts), so a model trained on a tenant's imported columns scores live accounts.
   */
  record?: FeatureRecord;
}

/** The account columns a `churn` training row carries besides `attributes.*` (see accounts.ts). */
type Own = Record<"industry" | "country" | "region", string | null> &
  Record<"employees" | "annual_revenue" | "mrr" | "arr", number | null> & {
    attributes: Record<string, unknown>;
  };

type Row = Omit<AccountSignals, "cut" | "last_activity_at" | "last_meeting_at" | "record"> &
  Own & {
    cut: Date;
    last_activity_at: Date | null;
    last_meeting_at: Date | null;
  };
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Signals of many accounts, each at its own cut, inside a tenant transaction. */
export async function accountSignalsAt(
  tx: postgres.TransactionSql,
  tenantId: string,
  cuts: readonly { accountId: string; cut: Date }[],
): Promise<AccountSignals[]> {
  if (cuts.length === 0) return [];
  const t = tenantId;
  const ids = cuts.map((c) => c.accountId);
  const at = cuts.map((c) => c.cut.toISOString());
  const rows = await tx<Row[]>`
    WITH c AS (SELECT * FROM unnest(${ids}::uuid[], ${at}::timestamptz[]) AS c(account_id, cut))
    SELECT c.account_id::text AS account_id, c.cut, a.plan, a.segment, a.seats_purchased,
           a.customer_since::text AS customer_since, a.industry, a.country, a.region, a.employees,
           a.annual_revenue::float8 AS annual_revenue, a.mrr::float8 AS mrr, a.arr::float8 AS arr,
           a.attributes, u.usage, k.*, v.*, la.*, lm.*, d.*
    FROM c JOIN accounts a ON a.tenant_id = ${t} AND a.id = c.account_id
    CROSS JOIN LATERAL (
      SELECT coalesce(json_agg(json_build_object('period_start', x.period_start::text, 'active_users',
               x.active_users, 'seats_used', x.seats_used) ORDER BY x.period_start DESC), '[]'::json) AS usage
      FROM (SELECT period_start, active_users, seats_used FROM product_usage p
            WHERE p.tenant_id = ${t} AND p.account_id = c.account_id AND p.granularity = 'month'
              AND (p.period_start + interval '1 month')::timestamp AT TIME ZONE 'UTC' <= c.cut
            ORDER BY p.period_start DESC LIMIT 6) x) u
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE r)::int AS tickets_90d,
             count(*) FILTER (WHERE r AND sev)::int AS severe_90d,
             count(*) FILTER (WHERE o)::int AS open_tickets,
             count(*) FILTER (WHERE r AND category = 'billing')::int AS billing_90d,
             count(*) FILTER (WHERE r AND category = 'cancellation')::int AS cancellation_90d,
             count(*) FILTER (WHERE r AND neg)::int AS negative_90d,
             avg(csat) FILTER (WHERE fb)::float8 AS csat_avg,
             coalesce(array_agg(id::text ORDER BY created_at DESC) FILTER (WHERE r), '{}') AS recent_ticket_ids,
             coalesce(array_agg(id::text ORDER BY created_at DESC) FILTER (WHERE o), '{}') AS open_ticket_ids,
             coalesce(array_agg(id::text ORDER BY created_at DESC) FILTER (WHERE r AND sev), '{}')
               AS severe_ticket_ids,
             coalesce(array_agg(id::text ORDER BY created_at DESC)
               FILTER (WHERE r AND category IN ('billing', 'cancellation')), '{}') AS commercial_ticket_ids,
             coalesce(array_agg(id::text ORDER BY created_at DESC) FILTER (WHERE fb OR (r AND neg)), '{}')
               AS feedback_ticket_ids
      FROM (SELECT tk.id, tk.created_at, tk.category, tk.csat,
                   tk.created_at >= c.cut - interval '90 days' AS r,
                   tk.priority IN ('high', 'critical') AS sev,
                   (tk.resolved_at IS NULL AND tk.status IN ('open', 'pending', 'on_hold'))
                     OR tk.resolved_at >= c.cut AS o,
                   tk.csat IS NOT NULL AND tk.resolved_at < c.cut AND tk.resolved_at >= c.cut - interval '180 days'
                     AS fb,
                   coalesce(tk.triage -> 'sentiment' ->> 'value' = 'negative'
                     AND tk.triage ->> 'at' ~ '^\d{4}-\d{2}-\d{2}T' AND (tk.triage ->> 'at')::timestamptz < c.cut,
                     false) AS neg
            FROM tickets tk
            WHERE tk.tenant_id = ${t} AND tk.account_id = c.account_id AND tk.created_at < c.cut) kt) k
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS activities_90d, count(*) FILTER (WHERE direction = 'inbound')::int AS inbound_90d
      FROM activities ac
      WHERE ac.tenant_id = ${t} AND ac.account_id = c.account_id
        AND ac.occurred_at < c.cut AND ac.occurred_at >= c.cut - interval '90 days') v
    LEFT JOIN LATERAL (
      SELECT id::text AS last_activity_id, occurred_at AS last_activity_at FROM activities ac
      WHERE ac.tenant_id = ${t} AND ac.account_id = c.account_id AND ac.occurred_at < c.cut
      ORDER BY occurred_at DESC, id LIMIT 1) la ON true
    LEFT JOIN LATERAL (
      SELECT id::text AS last_meeting_id, occurred_at AS last_meeting_at FROM activities ac
      WHERE ac.tenant_id = ${t} AND ac.account_id = c.account_id AND ac.kind = 'meeting' AND ac.occurred_at < c.cut
      ORDER BY occurred_at DESC, id LIMIT 1) lm ON true
    CROSS JOIN LATERAL (
      SELECT coalesce(array_agg(id::text ORDER BY closed_at DESC) FILTER (WHERE status = 'won'
               AND closed_at < c.cut AND closed_at >= c.cut - interval '365 days'), '{}') AS won_expansion_ids,
             coalesce(array_agg(id::text ORDER BY created_at DESC) FILTER (WHERE status = 'open'
               OR closed_at >= c.cut), '{}') AS open_expansion_ids
      FROM deals dl
      WHERE dl.tenant_id = ${t} AND dl.account_id = c.account_id AND dl.created_at < c.cut
        AND dl.created_at >= a.customer_since) d
    ORDER BY c.account_id`;
  return rows.map(({ industry, country, region, employees, annual_revenue, mrr, arr, attributes, ...r }) => ({
    ...r,
    cut: r.cut.toISOString(),
    last_activity_at: iso(r.last_activity_at),
    last_meeting_at: iso(r.last_meeting_at),
    record: flatRecord(
      {
        plan: r.plan,
        segment: r.segment,
        seats_purchased: r.seats_purchased,
        industry,
        country,
        region,
        employees,
        annual_revenue,
        mrr,
        arr,
      },
      "attributes",
      attributes,
    ),
  }));
}

/** Options of loadChurnSignalRows. */
export interface SignalLoadOptions extends LoadOptions {
  /**
   * Days before the outcome at which features are cut (default 30): the model learns what was
   * visible a month ahead of a churn, when a CS team can still act, not the last days before it.
   */
  leadDays?: number;
}

/**
 * Training rows of the `churn-signals` model: every account with a decided renewal
 * (`churned`, or `renewed`; `renewed = false` counts as churned), its signals cut `leadDays`
 * before the outcome (the earlier of occurred_at and known_at). No label leakage: nothing dated
 * at or after the cut is read, and the snapshot columns an outcome rewrites (lifecycle_stage,
 * mrr, arr, renewal_date, attributes.churned_arr) are not features. Accounts that were not yet
 * customers at the cut are left out.
 */
export async function loadChurnSignalRows(
  sql: postgres.Sql,
  tenantId: string,
  { asOf, leadDays = 30 }: SignalLoadOptions = {},
): Promise<TrainingRow[]> {
  return withTenant(sql, tenantId, async (tx) => {
    const decided = await tx<{ id: string; key: string; label: boolean; known_at: Date; cut: Date }[]>`
      SELECT a.id::text AS id, coalesce(a.external_id, a.id::text) AS key, o.label, o.known_at,
             o.decided_at - make_interval(days => ${leadDays}) AS cut
      FROM (SELECT entity_id, bool_or(pos) AS label,
                   CASE WHEN bool_or(pos) THEN min(known_at) FILTER (WHERE pos) ELSE max(known_at) END AS known_at,
                   CASE WHEN bool_or(pos) THEN min(decided_at) FILTER (WHERE pos) ELSE max(decided_at) END
                     AS decided_at
            FROM (SELECT entity_id, known_at, least(coalesce(occurred_at, known_at), known_at) AS decided_at,
                         (kind = 'churned' AND value) OR (kind = 'renewed' AND NOT value) AS pos
                  FROM outcomes
                  WHERE tenant_id = ${tenantId} AND entity_kind = 'account' AND kind IN ('churned', 'renewed')
                    ${asOf ? tx`AND known_at <= ${asOf}` : tx``}) x
            GROUP BY entity_id) o
      JOIN accounts a ON a.tenant_id = ${tenantId} AND a.id = o.entity_id
      WHERE a.customer_since IS NOT NULL
        AND (a.customer_since::timestamp AT TIME ZONE 'UTC') < o.decided_at - make_interval(days => ${leadDays})`;
    const rows: TrainingRow[] = [];
    for (let i = 0; i < decided.length; i += 1000) {
      const chunk = decided.slice(i, i + 1000);
      const signals = await accountSignalsAt(
        tx,
        tenantId,
        chunk.map((d) => ({ accountId: d.id, cut: d.cut })),
      );
      const byId = new Map(signals.map((s) => [s.account_id, s]));
      for (const d of chunk) {
        const s = byId.get(d.id);
        if (s)
          rows.push({ id: d.id, key: d.key, record: signalRecord(s), label: d.label, knownAt: d.known_at });
      }
    }
    return rows.sort(byKey);
  });
}

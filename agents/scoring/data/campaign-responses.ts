import type postgres from "postgres";
import { withTenant } from "../../../db/index.ts";
import { RESPONSE_WINDOW_DAYS, responseRecord } from "../models/response-propensity.ts";
import { byKey, type LoadOptions, type TrainingRow } from "./rows.ts";

/**
 * What engaging means for marketing (recency, frequency, propensity): an activity the customer
 * took part in — anything inbound, and meetings, web and pricing-page visits, demo requests and
 * form fills whatever their direction. Outbound emails and calls of the vendor and notes are not.
 * The alias of the activities table must be `ac`.
 */
export const ENGAGEMENT_KINDS = ["meeting", "web_visit", "pricing_page_view", "demo_request", "form_fill"];
export const isEngagement = (tx: postgres.TransactionSql) =>
  tx`(ac.direction = 'inbound' OR ac.kind IN ${tx(ENGAGEMENT_KINDS)})`;

/**
 * What the store knew about one contact at an instant `cut` (exclusive): campaign history and
 * the engagement of the contact's account. The same query serves training (cut at each campaign
 * touch) and scoring (cut = the run's as-of), so the model sees the same features in both.
 */
export interface ResponseFacts {
  /** The caller's key of this cut (a campaign member id in training, the contact id when scoring). */
  key: string;
  contact_id: string;
  account_id: string | null;
  cut: string;
  role: string | null;
  segment: string | null;
  employees: number | null;
  /** Delivered campaign touches of the contact before the cut (not bounced, not only targeted). */
  prior_touches: number;
  prior_responses: number;
  last_response_at: string | null;
  /** Engagements of the contact's account in the 90 days before the cut. */
  engagements_90d: number;
  last_engagement_id: string | null;
  last_engagement_at: string | null;
  last_engagement_kind: string | null;
  last_engagement_subject: string | null;
}

type Row = Omit<ResponseFacts, "cut" | "last_response_at" | "last_engagement_at"> & {
  cut: Date;
  last_response_at: Date | null;
  last_engagement_at: Date | null;
};
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Response facts of many contacts, each at its own cut, inside a tenant transaction. */
export async function responseFactsAt(
  tx: postgres.TransactionSql,
  tenantId: string,
  cuts: readonly { key: string; contactId: string; cut: Date }[],
): Promise<ResponseFacts[]> {
  if (cuts.length === 0) return [];
  const t = tenantId;
  const rows = await tx<Row[]>`
    WITH c AS (SELECT * FROM unnest(${cuts.map((c) => c.key)}::text[], ${cuts.map((c) => c.contactId)}::uuid[],
                                    ${cuts.map((c) => c.cut.toISOString())}::timestamptz[]) AS c(key, contact_id, cut))
    SELECT c.key, c.contact_id::text AS contact_id, ct.account_id::text AS account_id, c.cut, ct.role,
           a.segment, a.employees, p.*, e.engagements_90d, le.*
    FROM c JOIN contacts ct ON ct.tenant_id = ${t} AND ct.id = c.contact_id
    LEFT JOIN accounts a ON a.id = ct.account_id
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE cm.touched_at < c.cut AND cm.status NOT IN ('targeted', 'bounced'))::int
               AS prior_touches,
             count(*) FILTER (WHERE cm.responded_at < c.cut)::int AS prior_responses,
             max(cm.responded_at) FILTER (WHERE cm.responded_at < c.cut) AS last_response_at
      FROM campaign_members cm WHERE cm.tenant_id = ${t} AND cm.contact_id = c.contact_id) p
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS engagements_90d FROM activities ac
      WHERE ac.tenant_id = ${t} AND ac.account_id = ct.account_id AND ac.occurred_at < c.cut
        AND ac.occurred_at >= c.cut - interval '90 days' AND ${isEngagement(tx)}) e
    LEFT JOIN LATERAL (
      SELECT ac.id::text AS last_engagement_id, ac.occurred_at AS last_engagement_at,
             ac.kind AS last_engagement_kind, ac.subject AS last_engagement_subject
      FROM activities ac
      WHERE ac.tenant_id = ${t} AND ac.account_id = ct.account_id AND ac.occurred_at < c.cut AND ${isEngagement(tx)}
      ORDER BY ac.occurred_at DESC, ac.id LIMIT 1) le ON true`;
  return rows.map((r) => ({
    ...r,
    cut: r.cut.toISOString(),
    last_response_at: iso(r.last_response_at),
    last_engagement_at: iso(r.last_engagement_at),
  }));
}

interface MemberRow {
  id: string;
  contact_id: string;
  campaign_kind: string;
  touched_at: Date;
  label: boolean;
  known_at: Date;
}

/**
 * Training rows of the `response-propensity` model: one per delivered campaign touch of a contact
 * (`campaign_members`, not bounced, not only targeted) whose outcome is known — it responded, or
 * its response window (RESPONSE_WINDOW_DAYS) closed by `asOf` (default: now). Features are the
 * campaign's kind and the contact's facts cut at the touch, so nothing after it leaks in.
 */
export async function loadResponseRows(
  sql: postgres.Sql,
  tenantId: string,
  { asOf }: LoadOptions = {},
): Promise<TrainingRow[]> {
  return withTenant(sql, tenantId, async (tx) => {
    const cutoff = asOf ?? new Date();
    const members = await tx<MemberRow[]>`
      SELECT * FROM (
        SELECT cm.id::text AS id, cm.contact_id::text AS contact_id, c.kind AS campaign_kind, cm.touched_at,
               (cm.responded_at IS NOT NULL OR cm.status = 'responded') AS label,
               coalesce(cm.responded_at, cm.touched_at + make_interval(days => ${RESPONSE_WINDOW_DAYS})) AS known_at
        FROM campaign_members cm JOIN campaigns c ON c.id = cm.campaign_id
        WHERE cm.tenant_id = ${tenantId} AND cm.contact_id IS NOT NULL
          AND cm.status NOT IN ('targeted', 'bounced')) m
      WHERE m.known_at <= ${cutoff}`;
    const rows: TrainingRow[] = [];
    for (let i = 0; i < members.length; i += 1000) {
      const chunk = members.slice(i, i + 1000);
      const facts = await responseFactsAt(
        tx,
        tenantId,
        chunk.map((m) => ({ key: m.id, contactId: m.contact_id, cut: m.touched_at })),
      );
      const byKeyOf = new Map(facts.map((f) => [f.key, f]));
      for (const m of chunk) {
        const f = byKeyOf.get(m.id);
        if (f)
          rows.push({
            id: m.id,
            key: m.id,
            record: responseRecord(f, m.campaign_kind),
            label: m.label,
            knownAt: m.known_at,
          });
      }
    }
    return rows.sort(byKey);
  });
}

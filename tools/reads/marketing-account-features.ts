import { z } from "zod";
import type { AccountFeatures } from "../../agents/marketing/facts.ts";
import { isEngagement } from "../../agents/scoring/data/campaign-responses.ts";
import { withTenant } from "../../db/index.ts";
import { limit } from "../input.ts";
import { defineTool } from "../run.ts";

const input = z.object({
  as_of: z.iso.datetime({ offset: true }).describe("Nothing at or after this instant is read (ISO 8601)."),
  window_days: z.number().int().min(1).max(3650).describe("Days of history counted for engagement and wins."),
  after: z.guid().optional().describe("Cursor: the `next_after` of the previous page (omit at first)."),
  limit: limit(1000, 5000, "accounts per page"),
});

type Row = Omit<AccountFeatures, "last_engaged_at"> & { last_engaged_at: Date | null };

/**
 * A page of a tenant's accounts (by id) with what segmentation needs, as of an instant: MRR, the
 * latest engagement (an engagement activity or a contact's campaign response), engagements,
 * responses and won amount in the window, tickets in 90 days, active users of the latest month.
 */
export const marketingAccountFeatures = defineTool({
  name: "marketing_account_features",
  description:
    "A page of accounts ordered by id with recency, frequency and monetary inputs (last engagement, " +
    "engagements, campaign responses, won amount in a window, MRR) and behaviour (tickets, seat use).",
  kind: "read",
  input,
  handler: (args, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx) => {
      const t = ctx.tenantId;
      const asOf = args.as_of;
      const rows = await tx<Row[]>`
        SELECT a.id::text AS account_id, a.name, a.segment, a.plan, a.lifecycle_stage,
               coalesce(a.mrr, 0)::float8 AS mrr, a.seats_purchased,
               greatest(e.last_at, r.last_at) AS last_engaged_at, e.engagements, r.responses,
               w.won_amount, k.tickets_90d, u.active_users
        FROM accounts a
        CROSS JOIN LATERAL (
          SELECT max(ac.occurred_at) AS last_at,
                 count(*) FILTER (WHERE ac.occurred_at >= ${asOf}::timestamptz - make_interval(days => ${args.window_days}))::int
                   AS engagements
          FROM activities ac
          WHERE ac.tenant_id = ${t} AND ac.account_id = a.id AND ac.occurred_at < ${asOf} AND ${isEngagement(tx)}) e
        CROSS JOIN LATERAL (
          SELECT max(cm.responded_at) AS last_at,
                 count(*) FILTER (WHERE cm.responded_at >= ${asOf}::timestamptz - make_interval(days => ${args.window_days}))::int
                   AS responses
          FROM campaign_members cm JOIN contacts c ON c.id = cm.contact_id
          WHERE cm.tenant_id = ${t} AND c.account_id = a.id AND cm.responded_at < ${asOf}) r
        CROSS JOIN LATERAL (
          SELECT coalesce(sum(d.amount), 0)::float8 AS won_amount FROM deals d
          WHERE d.tenant_id = ${t} AND d.account_id = a.id AND d.status = 'won' AND d.closed_at < ${asOf}
            AND d.closed_at >= ${asOf}::timestamptz - make_interval(days => ${args.window_days})) w
        CROSS JOIN LATERAL (
          SELECT count(*)::int AS tickets_90d FROM tickets tk
          WHERE tk.tenant_id = ${t} AND tk.account_id = a.id AND tk.created_at < ${asOf}
            AND tk.created_at >= ${asOf}::timestamptz - interval '90 days') k
        LEFT JOIN LATERAL (
          SELECT p.active_users FROM product_usage p
          WHERE p.tenant_id = ${t} AND p.account_id = a.id AND p.period_start < ${asOf}::timestamptz
          ORDER BY p.period_start DESC, (p.granularity = 'month') DESC LIMIT 1) u ON true
        WHERE a.tenant_id = ${t} ${args.after ? tx`AND a.id > ${args.after}` : tx``}
        ORDER BY a.id LIMIT ${args.limit}`;
      const accounts: AccountFeatures[] = rows.map((r) => ({
        ...r,
        last_engaged_at: r.last_engaged_at ? r.last_engaged_at.toISOString() : null,
      }));
      const next = accounts.length === args.limit ? accounts[accounts.length - 1]!.account_id : null;
      return { accounts, next_after: next };
    }),
});

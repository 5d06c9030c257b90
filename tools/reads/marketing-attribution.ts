import { z } from "zod";
import type { Touch, WonDeal } from "../../agents/marketing/attribution.ts";
import { withTenant } from "../../db/index.ts";
import { limit } from "../input.ts";
import { defineTool } from "../run.ts";

const instant = (what: string) => z.iso.datetime({ offset: true }).describe(`${what} (ISO 8601).`);

const input = z.object({
  closed_since: instant("Won deals closed at or after this instant"),
  as_of: instant("Won deals closed before this instant"),
  touch_window_days: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .describe("Touches count up to this many days before the deal closed."),
  after: z.guid().optional().describe("Cursor: the `next_after` of the previous page (omit at first)."),
  limit: limit(500, 2000, "won deals per page"),
});

type DealRow = Omit<WonDeal, "closed_at" | "touches"> & { closed_at: Date };
type TouchRow = Omit<Touch, "touched_at"> & { deal_id: string; touched_at: Date };

/**
 * A page (by deal id) of won deals with the campaign touches behind them: every delivered touch
 * (not bounced, not only targeted) of a contact of the deal's account, before the deal closed and
 * within the touch window, oldest first. The attribution models themselves are in
 * agents/marketing/attribution.ts.
 */
export const marketingAttribution = defineTool({
  name: "marketing_attribution",
  description:
    "Won deals closed in a period (ordered by id) with the campaign touches of their account's contacts " +
    "before the close: campaign, kind, contact and time of each touch.",
  kind: "read",
  input,
  handler: (args, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx) => {
      const t = ctx.tenantId;
      const deals = await tx<DealRow[]>`
        SELECT id::text AS deal_id, name, account_id::text AS account_id, coalesce(amount, 0)::float8 AS amount, closed_at
        FROM deals
        WHERE tenant_id = ${t} AND status = 'won' AND closed_at >= ${args.closed_since} AND closed_at < ${args.as_of}
          ${args.after ? tx`AND id > ${args.after}` : tx``}
        ORDER BY id LIMIT ${args.limit}`;
      const ids = deals.map((d) => d.deal_id);
      const touches =
        ids.length === 0
          ? []
          : await tx<TouchRow[]>`
              SELECT d.id::text AS deal_id, cm.id::text AS member_id, cm.campaign_id::text AS campaign_id,
                     cp.name AS campaign_name, cp.kind AS campaign_kind, cm.contact_id::text AS contact_id, cm.touched_at
              FROM deals d
              JOIN contacts c ON c.tenant_id = ${t} AND c.account_id = d.account_id
              JOIN campaign_members cm ON cm.tenant_id = ${t} AND cm.contact_id = c.id
              JOIN campaigns cp ON cp.id = cm.campaign_id
              WHERE d.id IN ${tx(ids)} AND cm.status NOT IN ('targeted', 'bounced')
                AND cm.touched_at < d.closed_at
                AND cm.touched_at >= d.closed_at - make_interval(days => ${args.touch_window_days})
              ORDER BY d.id, cm.touched_at, cm.id`;
      const byDeal = new Map<string, Touch[]>();
      for (const { deal_id, touched_at, ...touch } of touches) {
        const list = byDeal.get(deal_id) ?? [];
        list.push({ ...touch, touched_at: touched_at.toISOString() });
        byDeal.set(deal_id, list);
      }
      const won: WonDeal[] = deals.map((d) => ({
        ...d,
        closed_at: d.closed_at.toISOString(),
        touches: byDeal.get(d.deal_id) ?? [],
      }));
      const next = won.length === args.limit ? won[won.length - 1]!.deal_id : null;
      return { deals: won, next_after: next };
    }),
});

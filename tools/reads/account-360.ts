import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { NotFoundError } from "../errors.ts";
import { id, limit } from "../input.ts";
import { defineTool } from "../run.ts";
import { latestScores } from "./scores.ts";

const input = z.object({
  account_id: id("account"),
  activity_limit: limit(20, 100, "recent activities"),
  usage_months: limit(6, 24, "months of usage"),
});

/** Account 360: the account and everything around it an agent reasons over. */
export const account360 = defineTool({
  name: "account_360",
  description:
    "Everything about one account: its fields, contacts (with consent), open deals, recent activities, " +
    "open tickets, the monthly usage trend and the latest score of each kind.",
  kind: "read",
  input,
  handler: ({ account_id, activity_limit, usage_months }, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx) => {
      const t = ctx.tenantId;
      const [account] = await tx`
        SELECT id, external_id, name, domain, industry, employees, annual_revenue::float8 AS annual_revenue,
               country, region, segment, plan, seats_purchased, mrr::float8 AS mrr, arr::float8 AS arr,
               lifecycle_stage, owner_id, customer_since::text AS customer_since,
               renewal_date::text AS renewal_date, attributes
        FROM accounts WHERE id = ${account_id}`;
      if (!account) throw new NotFoundError("account", account_id);
      const contacts = await tx`
        SELECT id, first_name, last_name, title, role, email, email_consent, opted_out_at
        FROM contacts WHERE tenant_id = ${t} AND account_id = ${account_id} ORDER BY last_name, first_name, id`;
      const openDeals = await tx`
        SELECT id, name, stage, amount::float8 AS amount, currency, probability::float8 AS probability,
               expected_close::text AS expected_close, original_close::text AS original_close,
               next_step, stage_entered_at, owner_id
        FROM deals WHERE tenant_id = ${t} AND account_id = ${account_id} AND status = 'open'
        ORDER BY expected_close NULLS LAST, id`;
      const recentActivities = await tx`
        SELECT id, kind, direction, subject, occurred_at, contact_id, deal_id
        FROM activities WHERE tenant_id = ${t} AND account_id = ${account_id}
        ORDER BY occurred_at DESC, id LIMIT ${activity_limit}`;
      const openTickets = await tx`
        SELECT id, subject, status, priority, queue, category, created_at, first_response_at,
               sla_first_response_minutes, triage
        FROM tickets
        WHERE tenant_id = ${t} AND account_id = ${account_id} AND status IN ('open', 'pending', 'on_hold')
        ORDER BY created_at DESC, id`;
      const usage = await tx<{ period_start: string; active_users: number; seats_used: number | null }[]>`
        SELECT * FROM (
          SELECT period_start::text AS period_start, active_users, seats_used, events::float8 AS events
          FROM product_usage
          WHERE tenant_id = ${t} AND account_id = ${account_id} AND granularity = 'month'
          ORDER BY period_start DESC LIMIT ${usage_months}
        ) latest ORDER BY period_start`;
      return {
        account,
        contacts,
        open_deals: openDeals,
        recent_activities: recentActivities,
        open_tickets: openTickets,
        usage_trend: { months: usage, active_users_change_pct: changePct(usage.map((u) => u.active_users)) },
        latest_scores: await latestScores(tx, t, "account", account_id),
      };
    }),
});

/** Percent change from the first to the last value; null without two values or from zero. */
function changePct(values: number[]): number | null {
  const first = values[0];
  const last = values.at(-1);
  if (values.length < 2 || first === undefined || last === undefined || first === 0) return null;
  return Math.round(((last - first) / first) * 1000) / 10;
}

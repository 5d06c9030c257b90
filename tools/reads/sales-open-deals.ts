import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { limit } from "../input.ts";
import { defineTool } from "../run.ts";
import { after, groupBy, instant, iso, recentDrafts } from "./sales-common.ts";

const input = z.object({
  deal_ids: z.array(z.guid()).min(1).max(1000).optional().describe("Only these deals (uuids)."),
  account_id: z.guid().optional().describe("Only this account's deals (uuid)."),
  activity_limit: limit(5, 50, "latest activities per deal"),
  drafts_since: instant("Earlier drafts about a deal are listed from this instant"),
  after,
  limit: limit(200, 1000, "deals per page"),
});

interface DealRow {
  id: string;
  name: string;
  account_id: string | null;
  account_name: string | null;
  owner_id: string | null;
  owner_name: string | null;
  stage: string;
  amount: number | null;
  currency: string;
  probability: number | null;
  expected_close: string | null;
  original_close: string | null;
  next_step: string | null;
  next_step_due: string | null;
  stage_entered_at: Date;
  created_at: Date;
}
interface ContactRow {
  deal_id: string;
  id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  title: string | null;
  role: string | null;
  deal_role: string | null;
  email_consent: boolean;
  opted_out_at: Date | null;
}
interface ActivityRow {
  id: string;
  deal_id: string;
  kind: string;
  direction: string | null;
  subject: string | null;
  occurred_at: Date;
  contact_id: string | null;
}

/**
 * A page of a tenant's open deals with what deal review needs, for many deals in four queries:
 * the deal with its account and owner, the people on it (with consent), its latest activities
 * and the drafts the agent wrote about it lately.
 */
export const salesOpenDeals = defineTool({
  name: "sales_open_deals",
  description:
    "A page of open deals (all, some ids, or one account's) ordered by id, each with stage, amount, close " +
    "dates, next step, owner, the contacts on the deal (with consent), its latest activities and recent drafts.",
  kind: "read",
  input,
  handler: (args, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx) => {
      const t = ctx.tenantId;
      const deals = await tx<DealRow[]>`
        SELECT d.id, d.name, d.account_id, a.name AS account_name, d.owner_id, u.name AS owner_name, d.stage,
               d.amount::float8 AS amount, d.currency, d.probability::float8 AS probability,
               d.expected_close::text AS expected_close, d.original_close::text AS original_close, d.next_step,
               d.next_step_due::text AS next_step_due, d.stage_entered_at, d.created_at
        FROM deals d
        LEFT JOIN accounts a ON a.id = d.account_id
        LEFT JOIN users u ON u.id = d.owner_id
        WHERE d.tenant_id = ${t} AND d.status = 'open'
          ${args.deal_ids ? tx`AND d.id IN ${tx(args.deal_ids)}` : tx``}
          ${args.account_id ? tx`AND d.account_id = ${args.account_id}` : tx``}
          ${args.after ? tx`AND d.id > ${args.after}` : tx``}
        ORDER BY d.id LIMIT ${args.limit}`;
      const ids = deals.map((d) => d.id);
      const contacts =
        ids.length === 0
          ? []
          : await tx<ContactRow[]>`
              SELECT dc.deal_id, c.id, c.first_name, c.last_name, c.email, c.title, c.role, dc.role AS deal_role,
                     c.email_consent, c.opted_out_at
              FROM deal_contacts dc JOIN contacts c ON c.id = dc.contact_id
              WHERE dc.tenant_id = ${t} AND dc.deal_id IN ${tx(ids)}
              ORDER BY dc.deal_id, c.id`;
      const activities =
        ids.length === 0
          ? []
          : await tx<ActivityRow[]>`
              SELECT id, deal_id, kind, direction, subject, occurred_at, contact_id FROM (
                SELECT id, deal_id, kind, direction, subject, occurred_at, contact_id,
                       row_number() OVER (PARTITION BY deal_id ORDER BY occurred_at DESC, id) AS n
                FROM activities WHERE tenant_id = ${t} AND deal_id IN ${tx(ids)}
              ) latest WHERE n <= ${args.activity_limit}
              ORDER BY deal_id, occurred_at DESC, id`;
      const contactsOf = groupBy(contacts, "deal_id");
      const activitiesOf = groupBy(activities, "deal_id");
      const drafts = await recentDrafts(tx, t, ctx.agent, ctx.runId, "deal", ids, args.drafts_since);
      return {
        deals: deals.map((d) => ({
          ...d,
          stage_entered_at: d.stage_entered_at.toISOString(),
          created_at: d.created_at.toISOString(),
          contacts: (contactsOf.get(d.id) ?? []).map(({ deal_id: _, opted_out_at, ...c }) => ({
            ...c,
            opted_out_at: iso(opted_out_at),
          })),
          activities: (activitiesOf.get(d.id) ?? []).map(({ deal_id: _, occurred_at, ...a }) => ({
            ...a,
            occurred_at: occurred_at.toISOString(),
          })),
          recent_drafts: drafts.get(d.id) ?? [],
        })),
        next_after: deals.length === args.limit ? deals[deals.length - 1]!.id : null,
      };
    }),
});

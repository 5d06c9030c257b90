import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { limit } from "../input.ts";
import { defineTool } from "../run.ts";
import { after, groupBy, instant, iso, recentDrafts } from "./sales-common.ts";

const input = z.object({
  lead_ids: z.array(z.guid()).min(1).max(1000).optional().describe("Only these leads (uuids)."),
  account_id: z.guid().optional().describe("Only leads linked to this account (uuid)."),
  activities_since: instant("Activities at or after this instant"),
  as_of: instant("Activities after this instant are ignored"),
  activity_limit: limit(50, 200, "activities per lead (newest first)"),
  drafts_since: instant("Earlier drafts about a lead are listed from this instant"),
  after,
  limit: limit(200, 1000, "leads per page"),
});

interface LeadRow {
  id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  company: string | null;
  title: string | null;
  employees: number | null;
  account_employees: number | null;
  country: string | null;
  source: string | null;
  status: string;
  owner_id: string | null;
  owner_name: string | null;
  account_id: string | null;
  do_not_contact: boolean;
  opted_out_at: Date | null;
  fields: Record<string, unknown>;
  created_at: Date;
}
interface ActivityRow {
  id: string;
  lead_id: string;
  kind: string;
  direction: string | null;
  subject: string | null;
  occurred_at: Date;
}

/**
 * A page of a tenant's open leads (not converted or unqualified) with everything lead scoring
 * needs, for many leads in four queries: the lead, its owner, its linked account's size, its
 * activities in a window and the drafts the agent wrote about it lately.
 */
export const salesOpenLeads = defineTool({
  name: "sales_open_leads",
  description:
    "A page of open leads (all, some ids, or one account's) ordered by id, each with its fields, consent, " +
    "owner, linked account size, activities in a time window (newest first) and recent drafts about it.",
  kind: "read",
  input,
  handler: (args, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx) => {
      const t = ctx.tenantId;
      const leads = await tx<LeadRow[]>`
        SELECT l.id, l.first_name, l.last_name, l.email, l.company, l.title, l.employees,
               a.employees AS account_employees, l.country, l.source, l.status, l.owner_id, u.name AS owner_name,
               l.account_id, l.do_not_contact, l.opted_out_at, l.fields, l.created_at
        FROM leads l
        LEFT JOIN accounts a ON a.id = l.account_id
        LEFT JOIN users u ON u.id = l.owner_id
        WHERE l.tenant_id = ${t} AND l.status NOT IN ('converted', 'unqualified')
          ${args.lead_ids ? tx`AND l.id IN ${tx(args.lead_ids)}` : tx``}
          ${args.account_id ? tx`AND l.account_id = ${args.account_id}` : tx``}
          ${args.after ? tx`AND l.id > ${args.after}` : tx``}
        ORDER BY l.id LIMIT ${args.limit}`;
      const ids = leads.map((l) => l.id);
      const activities =
        ids.length === 0
          ? []
          : await tx<ActivityRow[]>`
              SELECT id, lead_id, kind, direction, subject, occurred_at FROM (
                SELECT id, lead_id, kind, direction, subject, occurred_at,
                       row_number() OVER (PARTITION BY lead_id ORDER BY occurred_at DESC, id) AS n
                FROM activities
                WHERE tenant_id = ${t} AND lead_id IN ${tx(ids)}
                  AND occurred_at >= ${args.activities_since} AND occurred_at <= ${args.as_of}
              ) recent WHERE n <= ${args.activity_limit}
              ORDER BY lead_id, occurred_at DESC, id`;
      const byLead = groupBy(activities, "lead_id");
      const drafts = await recentDrafts(tx, t, ctx.agent, ctx.runId, "lead", ids, args.drafts_since);
      return {
        leads: leads.map((l) => ({
          ...l,
          created_at: iso(l.created_at)!,
          opted_out_at: iso(l.opted_out_at),
          activities: (byLead.get(l.id) ?? []).map(({ lead_id: _, occurred_at, ...a }) => ({
            ...a,
            occurred_at: occurred_at.toISOString(),
          })),
          recent_drafts: drafts.get(l.id) ?? [],
        })),
        next_after: leads.length === args.limit ? leads[leads.length - 1]!.id : null,
      };
    }),
});

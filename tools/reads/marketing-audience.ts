import { z } from "zod";
import type { AudienceContact } from "../../agents/marketing/facts.ts";
import { CONTACT_ROLES } from "../../agents/marketing/goals.ts";
import { isEngagement, responseFactsAt } from "../../agents/scoring/data/campaign-responses.ts";
import { withTenant } from "../../db/index.ts";
import { limit } from "../input.ts";
import { defineTool } from "../run.ts";
import { compileSegment } from "../segment/compile.ts";
import { segmentSpec } from "../segment/spec.ts";

const instant = (what: string) => z.iso.datetime({ offset: true }).describe(`${what} (ISO 8601).`);

const input = z.object({
  filter: segmentSpec
    .refine((f) => f.entity === "accounts", { message: "an audience selects accounts", path: ["entity"] })
    .describe("Which accounts: a segment filter over accounts."),
  account_ids: z.array(z.guid()).min(1).max(1000).optional().describe("Only these accounts (uuids)."),
  segment_keys: z
    .array(z.string().regex(/^(rfm|cluster):[a-z0-9_]+$/, "must be a segment key like rfm:at_risk"))
    .min(1)
    .max(20)
    .optional()
    .describe("Only accounts in at least one of these stored segments."),
  inactive_days: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .optional()
    .describe("Only accounts without engagement (activity or campaign response) in this many days."),
  contact_roles: z.array(z.enum(CONTACT_ROLES)).min(1).max(7).optional().describe("Only these roles."),
  campaign_key: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/, "must be a campaign key")
    .describe("The campaign: contacts an earlier run drafted for it are flagged."),
  as_of: instant("Nothing at or after this instant is read"),
  cap_since: instant("Drafts to a contact are counted from this instant (the frequency-cap window)"),
  after: z.guid().optional().describe("Cursor: the `next_after` of the previous page (omit at first)."),
  limit: limit(500, 2000, "contacts per page"),
});

type Row = Omit<AudienceContact, "account" | "facts" | "opted_out_at"> & {
  opted_out_at: Date | null;
  account_id: string;
  account_name: string;
  segment: string | null;
  plan: string | null;
  mrr: number;
  segments: string[];
};

/**
 * A page (by contact id) of the contacts of the accounts an audience spec selects, each with its
 * consent state, the drafts any agent wrote to it in the cap window or that still wait for a
 * person whatever their age (not rejected or closed; this run's own left out, so a retry counts
 * the same), whether an earlier run drafted it for this campaign, whether a marketing draft of
 * any campaign still waits for a person (a second run the same day must not pile on), its
 * account's stored segments, and its response facts as of `as_of`. Nobody is filtered out for
 * consent here: the agent counts the exclusions.
 */
export const marketingAudience = defineTool({
  name: "marketing_audience",
  description:
    "Contacts of the accounts matching an audience (account filter, stored segments, dormancy, roles), " +
    "ordered by id, with consent, recent drafts by any agent, campaign history and account facts.",
  kind: "read",
  input,
  handler: (args, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx) => {
      const t = ctx.tenantId;
      const where = compileSegment(tx, args.filter);
      const since = args.inactive_days
        ? new Date(new Date(args.as_of).getTime() - args.inactive_days * 86_400_000).toISOString()
        : null;
      const run = ctx.runId;
      const rows = await tx<Row[]>`
        WITH acc AS (
          SELECT a.id, a.name, a.segment, a.plan, coalesce(a.mrr, 0)::float8 AS mrr FROM accounts a
          WHERE a.tenant_id = ${t} AND ${where}
            ${args.account_ids ? tx`AND a.id IN ${tx(args.account_ids)}` : tx``}
            ${
              args.segment_keys
                ? tx`AND EXISTS (SELECT 1 FROM segment_members sm JOIN segments s ON s.id = sm.segment_id
                                                 WHERE sm.tenant_id = ${t} AND sm.account_id = a.id
                                                   AND s.key IN ${tx(args.segment_keys)})`
                : tx``
            }
            ${
              since
                ? tx`AND NOT EXISTS (SELECT 1 FROM activities ac WHERE ac.tenant_id = ${t} AND ac.account_id = a.id
                                           AND ac.occurred_at >= ${since} AND ac.occurred_at < ${args.as_of}
                                           AND ${isEngagement(tx)})
                         AND NOT EXISTS (SELECT 1 FROM campaign_members cm JOIN contacts rc ON rc.id = cm.contact_id
                                           WHERE cm.tenant_id = ${t} AND rc.account_id = a.id
                                             AND cm.responded_at >= ${since} AND cm.responded_at < ${args.as_of})`
                : tx``
            })
        SELECT c.id::text AS contact_id, c.first_name, c.last_name, c.email, c.role, c.email_consent, c.opted_out_at,
               acc.id::text AS account_id, acc.name AS account_name, acc.segment, acc.plan, acc.mrr,
               (SELECT count(*) FROM drafts d
                WHERE d.tenant_id = ${t} AND d.contact_id = c.id
                  AND (d.created_at >= ${args.cap_since} OR d.status = 'pending')
                  AND d.status NOT IN ('rejected', 'closed')
                  AND (${run}::uuid IS NULL OR d.run_id IS DISTINCT FROM ${run}::uuid))::int
                 AS recent_drafts,
               EXISTS (SELECT 1 FROM drafts d
                       WHERE d.tenant_id = ${t} AND d.contact_id = c.id AND d.campaign_key = ${args.campaign_key}
                         AND d.status NOT IN ('rejected', 'closed')
                         AND (${run}::uuid IS NULL OR d.run_id IS DISTINCT FROM ${run}::uuid))
                 AS campaign_drafted,
               EXISTS (SELECT 1 FROM drafts d
                       WHERE d.tenant_id = ${t} AND d.contact_id = c.id AND d.agent = 'marketing' AND d.status = 'pending'
                         AND (${run}::uuid IS NULL OR d.run_id IS DISTINCT FROM ${run}::uuid))
                 AS pending_drafted,
               coalesce((SELECT array_agg(s.key ORDER BY s.key) FROM segment_members sm JOIN segments s ON s.id = sm.segment_id
                         WHERE sm.tenant_id = ${t} AND sm.account_id = acc.id), '{}') AS segments
        FROM contacts c JOIN acc ON acc.id = c.account_id
        WHERE c.tenant_id = ${t}
          ${args.contact_roles ? tx`AND c.role IN ${tx(args.contact_roles)}` : tx``}
          ${args.after ? tx`AND c.id > ${args.after}` : tx``}
        ORDER BY c.id LIMIT ${args.limit}`;
      const facts = await responseFactsAt(
        tx,
        t,
        rows.map((r) => ({ key: r.contact_id, contactId: r.contact_id, cut: new Date(args.as_of) })),
      );
      const factsOf = new Map(facts.map((f) => [f.key, f]));
      const contacts: AudienceContact[] = rows.map(
        ({ account_id, account_name, segment, plan, mrr, segments, opted_out_at, ...c }) => ({
          ...c,
          opted_out_at: opted_out_at ? opted_out_at.toISOString() : null,
          account: { id: account_id, name: account_name, segment, plan, mrr, segments },
          facts: factsOf.get(c.contact_id)!,
        }),
      );
      const next = contacts.length === args.limit ? contacts[contacts.length - 1]!.contact_id : null;
      return { contacts, next_after: next };
    }),
});

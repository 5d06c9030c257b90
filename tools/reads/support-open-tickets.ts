import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { limit } from "../input.ts";
import { defineTool } from "../run.ts";

const input = z.object({
  ticket_ids: z
    .array(z.guid())
    .min(1)
    .max(500)
    .optional()
    .describe("These tickets, whatever their status; omitted: the open, pending and on-hold tickets."),
  account_ids: z
    .array(z.guid())
    .min(1)
    .max(2000)
    .optional()
    .describe("Only the open, pending and on-hold tickets of these accounts (ignored with ticket_ids)."),
  after: z.guid().optional().describe("Paging cursor: the last ticket id of the previous page."),
  limit: limit(100, 500, "tickets"),
});

/** A ticket as the support agent works on it (timestamps as ISO 8601 text: it is checkpointed). */
export interface SupportTicket {
  id: string;
  subject: string | null;
  body: string;
  channel: string | null;
  language: string | null;
  status: string;
  priority: string | null;
  queue: string | null;
  category: string | null;
  assignee_id: string | null;
  created_at: string;
  first_response_at: string | null;
  resolved_at: string | null;
  sla_first_response_minutes: number | null;
  sla_resolution_minutes: number | null;
  triaged_by_agent: boolean;
  earlier_tickets: number;
  account: { id: string; name: string; owner_id: string | null; arr: number | null } | null;
  /** The requester; `contactable` = email consent, not opted out, an address. */
  contact: { id: string; first_name: string | null; last_name: string | null; contactable: boolean } | null;
  /** The latest draft about this ticket, by any agent (a rerun does not draft again). */
  last_draft: { id: string; status: string; created_at: string } | null;
}

interface Row extends Omit<SupportTicket, "created_at" | "first_response_at" | "resolved_at" | "last_draft"> {
  created_at: Date;
  first_response_at: Date | null;
  resolved_at: Date | null;
  last_draft: { id: string; status: string; created_at: string } | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * A page of tickets for the support agent, ordered by id: the open ones (or the given ids), each
 * with its requester's consent, its account and owner, the count of earlier tickets and the
 * latest draft about it — one query per page.
 */
export const supportOpenTickets = defineTool({
  name: "support_open_tickets",
  description:
    "Support tickets to triage: the open, pending and on-hold ones a page at a time (or given ids), with " +
    "text, SLA fields, requester consent, account and owner, earlier ticket count and the latest draft.",
  kind: "read",
  input,
  handler: ({ ticket_ids, account_ids, after, limit }, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx) => {
      const t = ctx.tenantId;
      const rows = await tx<Row[]>`
        SELECT k.id, k.subject, k.body, k.channel, k.language, k.status, k.priority, k.queue, k.category,
               k.assignee_id, k.created_at, k.first_response_at, k.resolved_at,
               k.sla_first_response_minutes, k.sla_resolution_minutes,
               (k.triage ->> 'agent') IS NOT NULL AS triaged_by_agent,
               (SELECT count(*)::int FROM tickets e
                 WHERE e.tenant_id = ${t} AND e.id <> k.id AND e.created_at < k.created_at
                   AND (e.contact_id = k.contact_id OR e.account_id = k.account_id)) AS earlier_tickets,
               CASE WHEN a.id IS NULL THEN NULL ELSE jsonb_build_object(
                 'id', a.id, 'name', a.name, 'owner_id', a.owner_id, 'arr', a.arr::float8) END AS account,
               CASE WHEN c.id IS NULL THEN NULL ELSE jsonb_build_object(
                 'id', c.id, 'first_name', c.first_name, 'last_name', c.last_name,
                 'contactable', coalesce(c.email_consent, false) AND c.opted_out_at IS NULL AND c.email IS NOT NULL)
               END AS contact,
               (SELECT jsonb_build_object('id', d.id, 'status', d.status, 'created_at', d.created_at)
                  FROM drafts d
                 WHERE d.tenant_id = ${t} AND d.entity_kind = 'ticket' AND d.entity_id = k.id
                 ORDER BY d.created_at DESC, d.id LIMIT 1) AS last_draft
        FROM tickets k
        LEFT JOIN accounts a ON a.id = k.account_id
        LEFT JOIN contacts c ON c.id = k.contact_id
        WHERE k.tenant_id = ${t}
          ${ticket_ids ? tx`AND k.id IN ${tx(ticket_ids)}` : tx`AND k.status IN ('open', 'pending', 'on_hold')`}
          ${!ticket_ids && account_ids ? tx`AND k.account_id IN ${tx(account_ids)}` : tx``}
          ${after ? tx`AND k.id > ${after}` : tx``}
        ORDER BY k.id
        LIMIT ${limit + 1}`;
      const page = rows.slice(0, limit).map((r): SupportTicket => ({
        ...r,
        created_at: r.created_at.toISOString(),
        first_response_at: iso(r.first_response_at),
        resolved_at: iso(r.resolved_at),
      }));
      return { tickets: page, next_after: rows.length > limit ? page.at(-1)!.id : null };
    }),
});

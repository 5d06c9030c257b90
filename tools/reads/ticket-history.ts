import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { NotFoundError } from "../errors.ts";
import { id, limit } from "../input.ts";
import { defineTool } from "../run.ts";
import { latestScores } from "./scores.ts";

const input = z.object({
  ticket_id: id("ticket"),
  history_limit: limit(10, 50, "earlier tickets"),
});

/** A ticket with its requester, account and the earlier tickets of the same contact or account. */
export const ticketWithHistory = defineTool({
  name: "ticket_with_history",
  description:
    "One support ticket: its text, status, SLA fields and latest triage, the requesting contact (with " +
    "consent), the account, earlier tickets from the same contact or account, and its latest scores.",
  kind: "read",
  input,
  handler: ({ ticket_id, history_limit }, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx) => {
      const t = ctx.tenantId;
      const [ticket] = await tx<{ account_id: string | null; contact_id: string | null }[]>`
        SELECT id, external_id, account_id, contact_id, subject, body, channel, language, status, priority,
               queue, category, assignee_id, created_at, first_response_at, resolved_at,
               sla_first_response_minutes, sla_resolution_minutes, csat, triage, attributes
        FROM tickets WHERE id = ${ticket_id}`;
      if (!ticket) throw new NotFoundError("ticket", ticket_id);
      const [contact] = ticket.contact_id
        ? await tx`
            SELECT id, first_name, last_name, title, role, email, email_consent, opted_out_at
            FROM contacts WHERE id = ${ticket.contact_id}`
        : [];
      const [account] = ticket.account_id
        ? await tx`
            SELECT id, name, segment, plan, lifecycle_stage, mrr::float8 AS mrr, renewal_date::text AS renewal_date
            FROM accounts WHERE id = ${ticket.account_id}`
        : [];
      const history =
        ticket.account_id || ticket.contact_id
          ? await tx`
              SELECT id, subject, status, priority, category, created_at, resolved_at, csat
              FROM tickets
              WHERE tenant_id = ${t} AND id <> ${ticket_id}
                AND (account_id = ${ticket.account_id} OR contact_id = ${ticket.contact_id})
              ORDER BY created_at DESC, id LIMIT ${history_limit}`
          : [];
      return {
        ticket,
        contact: contact ?? null,
        account: account ?? null,
        history,
        latest_scores: await latestScores(tx, t, "ticket", ticket_id),
      };
    }),
});

import type { EscalationTicket } from "../../agents/support/index.ts";
import type { SupportTicket } from "../../tools/reads/support-open-tickets.ts";

/** The fields of a ticket an escalation summary reads. */
export const escalationTicket = (t: SupportTicket): EscalationTicket => ({
  id: t.id,
  subject: t.subject,
  body: t.body,
  status: t.status,
  created_at: t.created_at,
  account_name: t.account?.name ?? null,
  earlier_tickets: t.earlier_tickets,
});

import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { appendAudit } from "../audit.ts";
import { NotFoundError } from "../errors.ts";
import { assertRunVisible, idempotencyKey } from "../idempotency.ts";
import { id } from "../input.ts";
import { defineTool } from "../run.ts";

const input = z.object({
  ticket_id: id("ticket"),
  assignee_id: id("support person (an active user of this tenant with role support)"),
  reason: z.string().min(1).max(500).describe("Why this person: skills matched and their current load."),
});

/**
 * Assigns an unassigned ticket to a support person. A ticket someone already holds is left with
 * them (a person's assignment wins; `assigned` false, `assignee_id` the holder), so a retry or a
 * rerun changes nothing. The person must be an active support user of this tenant.
 */
export const supportAssignTicket = defineTool({
  name: "support_assign_ticket",
  description:
    "Assign an unassigned support ticket to a support person, with the reason (skills, load). A ticket " +
    "that already has an assignee keeps it.",
  kind: "write",
  input,
  handler: (args, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx) => {
      await assertRunVisible(tx, ctx, "support_assign_ticket");
      const [person] = await tx`
        SELECT id FROM users WHERE id = ${args.assignee_id} AND role = 'support' AND active`;
      if (!person) throw new NotFoundError("active support user", args.assignee_id);
      const [ticket] = await tx<{ assignee_id: string | null }[]>`
        SELECT assignee_id FROM tickets WHERE id = ${args.ticket_id} FOR UPDATE`;
      if (!ticket) throw new NotFoundError("ticket", args.ticket_id);
      if (ticket.assignee_id) return { id: args.ticket_id, assigned: false, assignee_id: ticket.assignee_id };
      await tx`UPDATE tickets SET assignee_id = ${args.assignee_id}, updated_at = now() WHERE id = ${args.ticket_id}`;
      const key = idempotencyKey(ctx, "support_assign_ticket", {
        entityKind: "ticket",
        entityId: args.ticket_id,
        output: "assignment",
      });
      await appendAudit(
        tx,
        ctx,
        {
          action: "ticket.assigned",
          entityKind: "ticket",
          entityId: args.ticket_id,
          details: { assignee_id: args.assignee_id, reason: args.reason },
        },
        key,
      );
      return { id: args.ticket_id, assigned: true, assignee_id: args.assignee_id };
    }),
});

import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { limit } from "../input.ts";
import { defineTool } from "../run.ts";

/**
 * Recorded tickets for the support agent's SLA model: priority, queue, when each was created,
 * answered and resolved, and its targets — the newest `limit` tickets with a first-response target.
 */
export const supportSlaHistory = defineTool({
  name: "support_sla_history",
  description:
    "Recorded support tickets with their SLA targets and when they were created, first answered and " +
    "resolved (newest first), to learn how long tickets take.",
  kind: "read",
  input: z.object({ limit: limit(3000, 20_000, "tickets") }),
  handler: ({ limit }, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx) => {
      const rows = await tx<
        {
          priority: string | null;
          queue: string | null;
          created_at: Date;
          first_response_at: Date | null;
          resolved_at: Date | null;
          sla_first_response_minutes: number | null;
          sla_resolution_minutes: number | null;
        }[]
      >`
        SELECT priority, queue, created_at, first_response_at, resolved_at, sla_first_response_minutes,
               sla_resolution_minutes
        FROM tickets
        WHERE tenant_id = ${ctx.tenantId} AND sla_first_response_minutes IS NOT NULL
        ORDER BY created_at DESC, id LIMIT ${limit}`;
      return {
        tickets: rows.map((r) => ({
          ...r,
          created_at: r.created_at.toISOString(),
          first_response_at: r.first_response_at?.toISOString() ?? null,
          resolved_at: r.resolved_at?.toISOString() ?? null,
        })),
      };
    }),
});

/**
 * Tickets with labels a person gave them — intent (category), priority, queue — for training the
 * support triage classifiers. Tickets the agent triaged are left out: their category is the agent's
 * own prediction, and learning from it would feed the model its own guesses.
 */
export const supportLabelledTickets = defineTool({
  name: "support_labelled_tickets",
  description:
    "Support tickets with a human-given intent (category), priority and queue, for training triage " +
    "(tickets the agent triaged are excluded), newest first.",
  kind: "read",
  input: z.object({ limit: limit(20_000, 50_000, "tickets") }),
  handler: ({ limit }, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx) => {
      const rows = await tx<
        {
          id: string;
          external_id: string | null;
          subject: string | null;
          body: string;
          category: string | null;
          priority: string | null;
          queue: string | null;
        }[]
      >`
        SELECT id, external_id, subject, body, category, priority, queue
        FROM tickets
        WHERE tenant_id = ${ctx.tenantId} AND category IS NOT NULL AND (triage ->> 'agent') IS NULL
        ORDER BY created_at DESC, id LIMIT ${limit}`;
      return {
        tickets: rows.map((r) => ({
          key: r.external_id ?? r.id,
          text: r.subject ? `${r.subject}\n${r.body}` : r.body,
          category: r.category,
          priority: r.priority,
          queue: r.queue,
        })),
      };
    }),
});

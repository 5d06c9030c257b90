import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { defineTool } from "../run.ts";

/** A support person with skills, capacity and the tickets they hold now. */
export interface SupportPerson {
  id: string;
  name: string;
  skills: string[];
  capacity_hours_per_day: number;
  time_zone: string;
  open_tickets: number;
}

/**
 * The support team as routing needs it: active users of role `support` with skills, capacity,
 * time zone and their open (open, pending, on-hold) assigned tickets; and open tickets per queue.
 */
export const supportRoster = defineTool({
  name: "support_roster",
  description:
    "The active support people (skills, daily capacity, time zone, open tickets assigned to each) and " +
    "the number of open tickets in each queue.",
  kind: "read",
  input: z.object({}),
  handler: (_args, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx) => {
      const t = ctx.tenantId;
      const people = await tx<SupportPerson[]>`
        SELECT u.id, u.name, u.skills, u.capacity_hours_per_day::float8 AS capacity_hours_per_day, u.time_zone,
               (SELECT count(*)::int FROM tickets k
                 WHERE k.tenant_id = ${t} AND k.assignee_id = u.id
                   AND k.status IN ('open', 'pending', 'on_hold')) AS open_tickets
        FROM users u
        WHERE u.tenant_id = ${t} AND u.role = 'support' AND u.active
        ORDER BY u.id`;
      const queues = await tx<{ queue: string; open: number }[]>`
        SELECT coalesce(queue, '') AS queue, count(*)::int AS open FROM tickets
        WHERE tenant_id = ${t} AND status IN ('open', 'pending', 'on_hold')
        GROUP BY 1 ORDER BY 1`;
      return {
        people,
        queue_load: Object.fromEntries(queues.map((q) => [q.queue, q.open])) as Record<string, number>,
      };
    }),
});

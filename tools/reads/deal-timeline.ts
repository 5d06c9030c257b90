import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { NotFoundError } from "../errors.ts";
import { id, limit } from "../input.ts";
import { defineTool } from "../run.ts";
import { latestScores } from "./scores.ts";

const input = z.object({
  deal_id: id("deal"),
  activity_limit: limit(50, 200, "activities"),
});

/** Deal timeline: stage history, activities and the people on the deal. */
export const dealTimeline = defineTool({
  name: "deal_timeline",
  description:
    "One deal over time: its fields, every stage it has been in (with entry and exit times and days in " +
    "stage), its activities (newest first), the contacts on the deal and the latest score of each kind.",
  kind: "read",
  input,
  handler: ({ deal_id, activity_limit }, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx) => {
      const t = ctx.tenantId;
      const [deal] = await tx`
        SELECT id, external_id, account_id, owner_id, name, stage, status, amount::float8 AS amount, currency,
               probability::float8 AS probability, expected_close::text AS expected_close,
               original_close::text AS original_close, next_step, next_step_due::text AS next_step_due,
               created_at, stage_entered_at, closed_at
        FROM deals WHERE id = ${deal_id}`;
      if (!deal) throw new NotFoundError("deal", deal_id);
      const stages = await tx`
        SELECT stage, entered_at, exited_at,
               (extract(epoch FROM coalesce(exited_at, ${ctx.now()}) - entered_at) / 86400)::float8 AS days
        FROM deal_stage_history WHERE tenant_id = ${t} AND deal_id = ${deal_id}
        ORDER BY entered_at`;
      const activities = await tx`
        SELECT id, kind, direction, subject, occurred_at, contact_id, user_id
        FROM activities WHERE tenant_id = ${t} AND deal_id = ${deal_id}
        ORDER BY occurred_at DESC, id LIMIT ${activity_limit}`;
      const contacts = await tx`
        SELECT c.id, c.first_name, c.last_name, c.title, c.role, dc.role AS deal_role, c.email_consent,
               c.opted_out_at
        FROM deal_contacts dc JOIN contacts c ON c.id = dc.contact_id
        WHERE dc.deal_id = ${deal_id} ORDER BY c.last_name, c.first_name, c.id`;
      return {
        deal,
        stage_history: stages,
        activities,
        contacts,
        latest_scores: await latestScores(tx, t, "deal", deal_id),
      };
    }),
});

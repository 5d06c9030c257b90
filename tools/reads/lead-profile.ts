import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { NotFoundError } from "../errors.ts";
import { id, limit } from "../input.ts";
import { defineTool } from "../run.ts";
import { latestScores } from "./scores.ts";

const input = z.object({
  lead_id: id("lead"),
  activity_limit: limit(30, 200, "recent activities"),
});

/** Lead profile: the lead, its company account if linked, its activities, campaigns and scores. */
export const leadProfile = defineTool({
  name: "lead_profile",
  description:
    "One lead: its fields and consent, the account it is linked to (if any), its recent activities, " +
    "the campaigns that touched it and the latest score of each kind.",
  kind: "read",
  input,
  handler: ({ lead_id, activity_limit }, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx) => {
      const t = ctx.tenantId;
      const [lead] = await tx<{ account_id: string | null }[]>`
        SELECT id, external_id, first_name, last_name, email, phone, company, title, employees, country,
               source, status, owner_id, account_id, do_not_contact, opted_out_at, fields, created_at
        FROM leads WHERE id = ${lead_id}`;
      if (!lead) throw new NotFoundError("lead", lead_id);
      const [account] = lead.account_id
        ? await tx`
            SELECT id, name, industry, segment, plan, lifecycle_stage, employees
            FROM accounts WHERE id = ${lead.account_id}`
        : [];
      const activities = await tx`
        SELECT id, kind, direction, subject, occurred_at, metadata
        FROM activities WHERE tenant_id = ${t} AND lead_id = ${lead_id}
        ORDER BY occurred_at DESC, id LIMIT ${activity_limit}`;
      const campaigns = await tx`
        SELECT c.id AS campaign_id, c.name, c.kind, m.status, m.touched_at, m.responded_at
        FROM campaign_members m JOIN campaigns c ON c.id = m.campaign_id
        WHERE m.lead_id = ${lead_id} ORDER BY m.touched_at DESC, c.id`;
      return {
        lead,
        account: account ?? null,
        activities,
        campaigns,
        latest_scores: await latestScores(tx, t, "lead", lead_id),
      };
    }),
});

import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { campaignResponses } from "../../db/queries/plans.ts";
import { defineTool } from "../run.ts";

/** Contacts of a batch's accounts who clicked or responded to a campaign lately (marketing's follow-ups). */
export const plannerCampaignResponses = defineTool({
  name: "planner_campaign_responses",
  description:
    "Contacts of some accounts whose campaign click or response falls in a time window (the strongest per " +
    "contact), with the account's ARR and owner and whether the contact may be contacted.",
  kind: "read",
  input: z.object({
    account_ids: z.array(z.guid()).max(1000).describe("The accounts (uuids)."),
    since: z.iso.datetime({ offset: true }).describe("Responses at or after this instant."),
    as_of: z.iso.datetime({ offset: true }).describe("Responses after this instant are ignored."),
  }),
  handler: (args, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx) => ({
      responses: await campaignResponses(tx, ctx.tenantId, args.account_ids, {
        since: args.since,
        asOf: args.as_of,
      }),
    })),
});

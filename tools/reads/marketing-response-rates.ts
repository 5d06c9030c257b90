import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { defineTool } from "../run.ts";

const input = z.object({
  since: z.iso.datetime({ offset: true }).describe("Touches at or after this instant (ISO 8601)."),
  as_of: z.iso.datetime({ offset: true }).describe("Touches before this instant (ISO 8601)."),
});

/**
 * The tenant's campaign history per campaign kind: delivered touches (not bounced, not only
 * targeted) and how many got a response, in a time window. The heuristic propensity starts here.
 */
export const marketingResponseRates = defineTool({
  name: "marketing_response_rates",
  description:
    "Delivered campaign touches and responses per campaign kind (email, webinar, event, content, ads) " +
    "between two instants, for base response rates.",
  kind: "read",
  input,
  handler: ({ since, as_of }, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx) => {
      const rows = await tx<{ kind: string; touches: number; responses: number }[]>`
        SELECT c.kind, count(*)::int AS touches,
               count(*) FILTER (WHERE cm.responded_at IS NOT NULL OR cm.status = 'responded')::int AS responses
        FROM campaign_members cm JOIN campaigns c ON c.id = cm.campaign_id
        WHERE cm.tenant_id = ${ctx.tenantId} AND cm.status NOT IN ('targeted', 'bounced')
          AND cm.touched_at >= ${since} AND cm.touched_at < ${as_of}
        GROUP BY c.kind ORDER BY c.kind`;
      return {
        rates: Object.fromEntries(rows.map((r) => [r.kind, { touches: r.touches, responses: r.responses }])),
      };
    }),
});

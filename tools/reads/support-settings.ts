import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { defineTool } from "../run.ts";

/**
 * The tenant's support settings (`tenants.settings.support`) as stored, unvalidated: the support
 * agent's policy (agents/support) validates them and names any bad field. Null when none are set.
 */
export const supportSettings = defineTool({
  name: "support_settings",
  description:
    "The tenant's support policy overrides (confidence threshold, routing, SLA risk, knowledge base), " +
    "as stored in the tenant's settings; null when the tenant uses the defaults.",
  kind: "read",
  input: z.object({}),
  handler: (_args, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx) => {
      const [row] = await tx<{ support: unknown }[]>`
        SELECT settings -> 'support' AS support FROM tenants WHERE id = ${ctx.tenantId}`;
      return { support: row?.support ?? null };
    }),
});

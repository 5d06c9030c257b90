import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { defineTool } from "../run.ts";

/**
 * The tenant's customer-success settings (`tenants.settings.cs`) as stored, unvalidated: the CS
 * agent's policy (agents/cs) validates them and names any bad field. Null when none are set.
 */
export const csSettings = defineTool({
  name: "cs_settings",
  description:
    "The tenant's customer-success policy overrides (health weights, tiers, intervention windows), " +
    "as stored in the tenant's settings; null when the tenant uses the defaults.",
  kind: "read",
  input: z.object({}),
  handler: (_args, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx) => {
      const [row] = await tx<{ cs: unknown }[]>`
        SELECT settings -> 'cs' AS cs FROM tenants WHERE id = ${ctx.tenantId}`;
      return { cs: row?.cs ?? null };
    }),
});

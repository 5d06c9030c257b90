import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { defineTool } from "../run.ts";

const input = z.object({});

/**
 * The tenant's marketing settings as stored (`tenants.settings.marketing`, null when unset). The
 * marketing agent validates them against its policy schema and fills in defaults.
 */
export const marketingSettings = defineTool({
  name: "marketing_settings",
  description:
    "The tenant's own marketing policy settings (tenants.settings.marketing: frequency cap, drafts per " +
    "audience, clustering, attribution windows, default goals) as stored, or null for the defaults.",
  kind: "read",
  input,
  handler: (_args, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx) => {
      const [row] = await tx<{ marketing: unknown }[]>`
        SELECT settings->'marketing' AS marketing FROM tenants WHERE id = ${ctx.tenantId}`;
      return { marketing: row?.marketing ?? null };
    }),
});

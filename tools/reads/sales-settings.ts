import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { defineTool } from "../run.ts";

const input = z.object({});

/**
 * The tenant's sales settings as stored (`tenants.settings.sales`, null when unset). The sales
 * agent validates them against its policy schema and fills in defaults.
 */
export const salesSettings = defineTool({
  name: "sales_settings",
  description:
    "The tenant's own sales policy settings (tenants.settings.sales: lead points table, thresholds …) as " +
    "stored, or null when the tenant uses the defaults.",
  kind: "read",
  input,
  handler: (_args, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx) => {
      const [row] = await tx<{ sales: unknown }[]>`
        SELECT settings->'sales' AS sales FROM tenants WHERE id = ${ctx.tenantId}`;
      return { sales: row?.sales ?? null };
    }),
});

import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { activeScoreModel } from "../../db/queries/score-models.ts";
import { defineTool } from "../run.ts";

const input = z.object({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,39}$/, "must be a lower-case model name")
    .describe("The scoring model's name, e.g. `lead`, `churn`, `churn-signals`."),
});

/** The tenant's active trained scoring model: its artifact (JSON) or null when none was trained. */
export const activeScoreModelTool = defineTool({
  name: "active_score_model",
  description:
    "The tenant's active trained scoring model of one name: version, artifact (coefficients, features, " +
    "calibration), training rows and metrics; null when the tenant has not trained one.",
  kind: "read",
  input,
  handler: ({ name }, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, (tx) => activeScoreModel(tx, ctx.tenantId, name)),
});

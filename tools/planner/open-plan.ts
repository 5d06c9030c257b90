import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { openPlan, type PlanRow } from "../../db/queries/plans.ts";
import { assertRunVisible, requireRun } from "../idempotency.ts";
import { defineTool } from "../run.ts";

const input = z.object({
  plan_date: z.iso.date().describe("The day the plan is for (YYYY-MM-DD)."),
  as_of: z.iso.datetime({ offset: true }).describe("The instant the agents' proposal steps work as of."),
});

/**
 * Opens the tenant's plan of a day for the current (planner) run: one plan per tenant and day, so
 * a second run of the same day reuses the row, proposes again and replaces the result.
 */
export const plannerOpenPlan = defineTool({
  name: "planner_open_plan",
  description:
    "Open (or re-open) the tenant's workload plan of a day for this run; earlier candidates of that day are dropped.",
  kind: "write",
  input,
  handler: (args, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx): Promise<PlanRow> => {
      await assertRunVisible(tx, ctx, "planner_open_plan");
      return openPlan(tx, {
        tenantId: ctx.tenantId,
        planDate: args.plan_date,
        runId: requireRun(ctx, "planner_open_plan"),
        asOf: args.as_of,
      });
    }),
});

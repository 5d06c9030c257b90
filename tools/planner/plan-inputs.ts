import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { getPlan, planInputs } from "../../db/queries/plans.ts";
import { NotFoundError } from "../errors.ts";
import { id } from "../input.ts";
import { defineTool } from "../run.ts";

/** What the assignment step solves over: the plan, its open candidate tasks, and the people. */
export const plannerPlanInputs = defineTool({
  name: "planner_plan_inputs",
  description:
    "A plan with its open candidate tasks (value, effort, due, skill, owner and the owner's territories) " +
    "and the tenant's active people with capacity, skills, territories and time zones.",
  kind: "read",
  input: z.object({ plan_id: id("plan") }),
  handler: (args, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx) => {
      const plan = await getPlan(tx, ctx.tenantId, args.plan_id);
      if (!plan) throw new NotFoundError("plan", args.plan_id);
      return { plan, ...(await planInputs(tx, ctx.tenantId, args.plan_id)) };
    }),
});

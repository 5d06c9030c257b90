import { z } from "zod";
import { withTenant } from "../../db/index.ts";
import { getPlan, savePlanResult } from "../../db/queries/plans.ts";
import { appendAudit } from "../audit.ts";
import { NotFoundError } from "../errors.ts";
import { assertRunVisible, requireRun } from "../idempotency.ts";
import { id } from "../input.ts";
import { defineTool } from "../run.ts";

const assignment = z.object({
  task_id: id("task"),
  user_id: id("person the task is assigned to"),
  position: z.number().int().min(0).describe("Place in the person's day (0 first)."),
  starts_at: z.iso.datetime({ offset: true }).describe("When the person starts it."),
  ends_at: z.iso.datetime({ offset: true }).describe("When it ends."),
  minutes: z.number().int().min(1).describe("Its effort in minutes."),
  value: z.number().min(0).describe("The plan value the objective counted for it."),
  match: z
    .enum(["owner", "territory", "pool"])
    .describe("The person is the owner, in the owner's territory, or neither."),
});

/** Stores a solved plan: assignments (replacing earlier ones), task assignees, and the plan's numbers. */
export const plannerSavePlan = defineTool({
  name: "planner_save_plan",
  description:
    "Store a solved plan: each person's ordered tasks with times, the tasks' assignees, and the plan's method, " +
    "objective, bound, gap and counts.",
  kind: "write",
  input: z.object({
    plan_id: id("plan"),
    method: z.enum(["mip", "greedy"]).describe("HiGHS MIP or the greedy."),
    solver_status: z.string().min(1).max(60).describe("The solver's model status, or `heuristic`."),
    objective: z.number().describe("Σ placement values."),
    bound: z.number().describe("An upper bound on the best objective."),
    bound_source: z.string().min(1).max(60).describe("Where the bound comes from."),
    gap: z.number().describe("(bound − objective) / bound."),
    solve_ms: z.number().int().min(0).describe("Solve time in milliseconds."),
    fallback: z.string().max(500).nullable().describe("Why the greedy ran instead of the MIP, if it did."),
    stats: z
      .record(z.string(), z.unknown())
      .describe("Counts: candidates, deduped, assigned, unassigned by reason …"),
    assignments: z.array(assignment).max(100_000).describe("Every placement."),
    unplaced: z
      .array(
        z.object({
          task_id: id("candidate task the plan did not place"),
          reason: z
            .string()
            .min(1)
            .max(300)
            .describe("Why not: no person with the role or skill, no capacity …"),
        }),
      )
      .max(200_000)
      .default([])
      .describe("Every candidate the plan did not place, with why."),
  }),
  handler: (args, ctx) =>
    withTenant(ctx.sql, ctx.tenantId, async (tx) => {
      await assertRunVisible(tx, ctx, "planner_save_plan");
      const plan = await getPlan(tx, ctx.tenantId, args.plan_id);
      if (!plan) throw new NotFoundError("plan", args.plan_id);
      const { plan_id, assignments, unplaced, ...result } = args;
      await savePlanResult(tx, ctx.tenantId, plan_id, result, assignments, unplaced);
      const runId = requireRun(ctx, "planner_save_plan");
      await appendAudit(
        tx,
        ctx,
        {
          action: "plan.solved",
          entityKind: null,
          entityId: null,
          details: {
            plan_id,
            method: args.method,
            objective: args.objective,
            bound: args.bound,
            assigned: assignments.length,
          },
        },
        `${runId}:${ctx.node}:plan:${plan_id}:solved:audit`,
      );
      return { plan_id, assigned: assignments.length };
    }),
});

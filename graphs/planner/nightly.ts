import { parsePlanDate, type PlannerPolicyInput } from "../../agents/planner/index.ts";
import { runAgent, type Deps } from "../runtime/index.ts";
import { plannerAgent } from "./agent.ts";
import { PlanRunFailedError } from "./errors.ts";
import type { PlanSummary } from "./summary.ts";

/**
 * Runs the tenant's nightly plan of `date` in this process: one planner run (fan-out over the
 * book with `Send`, then the solve). The same date again re-plans the same plan row: tasks are
 * updated in place (dedupe keys), assignments replaced. Throws PLAN_RUN_FAILED unless it succeeds.
 */
export async function runNightlyPlan(
  deps: Deps,
  req: { tenantId: string; date: string; options?: PlannerPolicyInput; trigger?: string },
): Promise<PlanSummary> {
  const leg = await runAgent(deps, plannerAgent, {
    tenantId: req.tenantId,
    target: { kind: "all", filter: { date: parsePlanDate(req.date), options: req.options ?? {} } },
    trigger: req.trigger ?? "schedule",
  });
  const summary = leg.values.summary as PlanSummary | null | undefined;
  if (leg.run.status !== "succeeded" || !summary)
    throw new PlanRunFailedError(leg.run.id, leg.run.status, leg.run.error);
  return summary;
}

import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { utcDate } from "../../../agents/planner/index.ts";
import { runTool, TOOLS } from "../../../tools/index.ts";
import { toolContext, type Deps } from "../../runtime/index.ts";
import type { PlannerStateType, PlannerUpdate } from "../state.ts";

/** Fixes the plan's clock, opens the day's plan row for this run and cuts the book into batches. */
export const openPlanNode =
  (deps: Deps) =>
  async (state: PlannerStateType, config: LangGraphRunnableConfig): Promise<PlannerUpdate> => {
    const ctx = toolContext(deps, config, "open_plan");
    const policy = state.policy!;
    const asOf = state.asOf ?? deps.now().toISOString();
    const planDate = state.planDate ?? utcDate(new Date(asOf));
    const plan = await runTool(TOOLS.planner_open_plan, { plan_date: planDate, as_of: asOf }, ctx);
    const { batches } = await runTool(TOOLS.planner_book_batches, { batch_size: policy.batchSize }, ctx);
    return {
      planDate,
      asOf,
      planId: plan.id,
      batches: batches.map((b) => ({ accountIds: b.account_ids, leadIds: b.lead_ids })),
    };
  };

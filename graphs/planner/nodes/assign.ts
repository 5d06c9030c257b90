import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { toolContext, type Deps } from "../../runtime/index.ts";
import { assignPlan } from "../assign.ts";
import type { PlannerStateType, PlannerUpdate } from "../state.ts";

/** Gathers the batches' candidates and assigns them to people (the plan's solve step). */
export const assignNode =
  (deps: Deps) =>
  async (state: PlannerStateType, config: LangGraphRunnableConfig): Promise<PlannerUpdate> => {
    const ctx = toolContext(deps, config, "assign");
    const summary = await assignPlan(ctx, state.planId!, state.policy!, () => deps.now().getTime());
    return { summary };
  };

import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { toolContext, type Deps } from "../../runtime/index.ts";
import { proposeSlice } from "../propose.ts";
import type { PlannerStateType, PlannerUpdate } from "../state.ts";

/** One source's proposal step over one batch (the target of a `Send`); saves the proposals. */
export const proposeNode =
  (deps: Deps) =>
  async (state: PlannerStateType, config: LangGraphRunnableConfig): Promise<PlannerUpdate> => {
    const ctx = toolContext(deps, config, "propose");
    const source = state.source!;
    const { proposed, created } = await proposeSlice(ctx, {
      planId: state.planId!,
      source,
      slice: state.slice!,
      asOf: new Date(state.asOf!),
      policy: state.policy!,
    });
    return { proposed: { [source]: proposed }, created: { [source]: created } };
  };

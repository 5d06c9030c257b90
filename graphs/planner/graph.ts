import { END, START, StateGraph } from "@langchain/langgraph";
import type { Deps, RunnableGraph } from "../runtime/index.ts";
import { assignNode } from "./nodes/assign.ts";
import { openPlanNode } from "./nodes/open-plan.ts";
import { proposeNode } from "./nodes/propose.ts";
import { fanOut } from "./routes.ts";
import { PlannerState } from "./state.ts";

/**
 * The nightly planner: open_plan → (Send) propose × (batch, source) → assign. Each `propose`
 * runs one agent's proposal step over one batch of the book; `assign` runs once all have
 * written their candidates (the superstep after the fan-out) and solves the plan.
 */
export function buildPlannerGraph(deps: Deps) {
  return new StateGraph(PlannerState)
    .addNode("open_plan", openPlanNode(deps))
    .addNode("propose", proposeNode(deps))
    .addNode("assign", assignNode(deps))
    .addEdge(START, "open_plan")
    .addConditionalEdges("open_plan", fanOut, ["propose", "assign"])
    .addEdge("propose", "assign")
    .addEdge("assign", END);
}

/** The compiled planner graph over `deps.checkpointer`. */
export function compilePlannerGraph(deps: Deps): RunnableGraph {
  return buildPlannerGraph(deps).compile({ checkpointer: deps.checkpointer });
}

// The nightly planner: a LangGraph graph per tenant (open_plan → Send × (batch, source) → assign),
// and the same steps as functions a queue can run as a flow (children: planBatch; parent: finishPlan).
export { plannerAgent } from "./agent.ts";
export { buildPlannerGraph, compilePlannerGraph } from "./graph.ts";
export { runNightlyPlan } from "./nightly.ts";
export { openPlan, listPlanBatches, planBatch, finishPlan } from "./flow.ts";
export { PROPOSAL_SOURCES } from "./sources/index.ts";
export type { ProposalSource, BatchSlice } from "./sources/index.ts";
export type { PlanSummary } from "./summary.ts";
export {
  PlanRunError,
  UnknownSourceError,
  PlanNotFoundError,
  PlanWithoutRunError,
  PlanViolationError,
  PlanRunFailedError,
} from "./errors.ts";

// The nightly planner's domain: options, plan value (EV × urgency), dedupe, the assignment
// instance, the HiGHS MIP, the greedy fallback, scheduling and the plan checker. No I/O.
export { parsePlannerPolicy, plannerPolicySchema } from "./policy.ts";
export type { PlannerPolicy, PlannerPolicyInput } from "./policy.ts";
export { PlannerError, PlannerPolicyError, PlanDateError, PlanInstanceError } from "./errors.ts";
export { PLANNER_TOOLS } from "./tools.ts";
export type { PlannerToolName } from "./tools.ts";
export { parsePlanDate, utcDate, zonedDayStart, MINUTE_MS, DAY_MS } from "./time.ts";
export { valueToday, placementValue, rankTasks } from "./value.ts";
export { dedupeTasks } from "./dedupe.ts";
export type { Deduped } from "./dedupe.ts";
export { buildInstance } from "./instance.ts";
export type { Arc, Instance } from "./instance.ts";
export { greedyArcs, fractionalKnapsackBound } from "./greedy.ts";
export { improvePlan } from "./improve.ts";
export type { Improved } from "./improve.ts";
export { lagrangianBound } from "./lagrangian.ts";
export { roundShares } from "./round.ts";
export type { LagrangianBound } from "./lagrangian.ts";
export { assignmentModel, loadHighs } from "./highs-model.ts";
export { solvePlan } from "./solve.ts";
export { scheduleArcs, fitsDay } from "./schedule.ts";
export { checkPlan, violationCount } from "./check.ts";
export type { PlanViolations } from "./check.ts";
export type { PlanTask, PlanRep, Assignment, Unassigned, Match, PlanMethod, PlanSolution } from "./types.ts";
export { followUpProposals } from "./follow-up.ts";
export type { CampaignResponse, PlanProposal } from "./follow-up.ts";

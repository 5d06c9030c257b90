import { plannerBatchEntities, plannerBookBatches } from "./book.ts";
import { plannerCampaignResponses } from "./campaign-responses.ts";
import { plannerOpenPlan } from "./open-plan.ts";
import { plannerPlanInputs } from "./plan-inputs.ts";
import { plannerSavePlan } from "./save-plan.ts";
import { plannerSaveProposals } from "./save-proposals.ts";

/** The nightly planner's tools (spread into the registry). */
export const PLANNER_TOOLS = {
  planner_open_plan: plannerOpenPlan,
  planner_book_batches: plannerBookBatches,
  planner_batch_entities: plannerBatchEntities,
  planner_campaign_responses: plannerCampaignResponses,
  planner_save_proposals: plannerSaveProposals,
  planner_plan_inputs: plannerPlanInputs,
  planner_save_plan: plannerSavePlan,
} as const;

export type { BookBatch } from "./book.ts";

import type { ToolName } from "../../tools/index.ts";

/**
 * The tools the nightly planner may call — its whole allow-list, enforced by `runTool`: its own
 * plan reads and writes, and the read-only facts its proposal sources take from the sales, cs and
 * support books (graphs/planner/sources). It writes tasks only as plan candidates and assignments
 * (`planner_save_proposals`, `planner_save_plan`), never drafts or scores.
 */
export const PLANNER_TOOLS = [
  "planner_open_plan",
  "planner_book_batches",
  "planner_batch_entities",
  "planner_campaign_responses",
  "planner_save_proposals",
  "planner_plan_inputs",
  "planner_save_plan",
  "active_score_model",
  "sales_settings",
  "sales_stage_norms",
  "sales_open_leads",
  "sales_open_deals",
  "cs_settings",
  "cs_account_signals",
  "support_settings",
  "support_sla_history",
  "support_roster",
  "support_open_tickets",
] as const satisfies readonly ToolName[];
export type PlannerToolName = (typeof PLANNER_TOOLS)[number];

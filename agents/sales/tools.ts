import type { ToolName } from "../../tools/index.ts";

/**
 * The tools the sales agent may call — its whole allow-list, enforced by `runTool` for every call
 * a sales run makes: its policy and paged facts, the score model, and its three kinds of writes
 * plus the audit of what it skipped. Anything else (segment queries, other agents' writes …) is
 * refused with TOOL_NOT_ALLOWED and audited.
 */
export const SALES_TOOLS = [
  "sales_settings",
  "sales_open_leads",
  "sales_open_deals",
  "sales_stage_norms",
  "active_score_model",
  "record_score",
  "propose_task",
  "create_draft",
  "append_audit",
] as const satisfies readonly ToolName[];
export type SalesToolName = (typeof SALES_TOOLS)[number];

import type { ToolName } from "../../tools/index.ts";

/**
 * The tools the marketing agent may call — its whole allow-list, enforced by `runTool` for every
 * call a marketing run makes (and by `marketingTool` in its graph, at the call site).
 */
export const MARKETING_TOOLS: readonly ToolName[] = [
  "marketing_settings",
  "marketing_account_features",
  "marketing_save_segments",
  "marketing_attribution",
  "marketing_response_rates",
  "active_score_model",
  "marketing_audience",
  "record_score",
  "create_draft",
  "marketing_tag_drafts",
  "append_audit",
];

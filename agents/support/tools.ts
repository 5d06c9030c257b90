import { TOOLS, type ToolName } from "../../tools/index.ts";

/**
 * The tools the support agent may call — its whole allow-list. Anything else (segment queries,
 * marketing writes, scores …) is out of policy, for the graph and for any model alike.
 */
export const SUPPORT_TOOLS = [
  "support_settings",
  "active_score_model",
  "support_labelled_tickets",
  "support_save_triage_model",
  "support_sla_history",
  "support_roster",
  "support_open_tickets",
  "support_kb_articles",
  "semantic_search",
  "account_360",
  "update_ticket_triage",
  "support_assign_ticket",
  "propose_task",
  "create_draft",
  "append_audit",
] as const satisfies readonly ToolName[];
export type SupportToolName = (typeof SUPPORT_TOOLS)[number];

/**
 * What a language model may propose while answering a ticket: a reply draft to the requester,
 * or an escalation task about the ticket. Each proposal is checked by `checkModelToolCall`.
 */
export const SUPPORT_MODEL_TOOLS = [
  "create_draft",
  "propose_task",
] as const satisfies readonly SupportToolName[];

/** A tool on the support allow-list, typed (a name off the list does not compile). */
export const supportTool = <N extends SupportToolName>(name: N): (typeof TOOLS)[N] => TOOLS[name];

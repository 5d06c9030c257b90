import { TOOLS, type ToolName } from "../../tools/index.ts";

/** The tools the customer-success agent may call (reads first, then its three kinds of writes). */
export const CS_TOOLS = [
  "cs_settings",
  "active_score_model",
  "cs_account_signals",
  "ticket_with_history",
  "record_score",
  "propose_task",
  "create_draft",
] as const satisfies readonly ToolName[];
export type CsToolName = (typeof CS_TOOLS)[number];

/** A tool on the CS allow-list, typed (a name off the list does not compile). */
export const csTool = <N extends CsToolName>(name: N): (typeof TOOLS)[N] => TOOLS[name];

import { SUPPORT_TOOLS, SupportTargetError } from "../../agents/support/index.ts";
import type { RunTarget } from "../../db/queries/runs.ts";
import type { AgentDefinition } from "../runtime/index.ts";
import { compileSupportGraph } from "./graph.ts";
import type { SupportTotals } from "./state.ts";

/**
 * The support agent: `crm run support --ticket <id>` (one ticket, e.g. on a ticket event) or
 * `--all` (every open, pending and on-hold ticket of the tenant, in batches).
 */
export const supportAgent: AgentDefinition = {
  name: "support",
  tools: SUPPORT_TOOLS,
  graph: compileSupportGraph,
  input(target: RunTarget) {
    if (target.kind === "all") return { target: { kind: "all" } };
    if (target.kind === "ticket" && target.id) return { target: { kind: "ticket", id: target.id } };
    throw new SupportTargetError(target.id ? target.kind : `${target.kind} without an id`);
  },
  summarize(values) {
    const t = values.totals as SupportTotals | undefined;
    if (!t) return [];
    return [
      `triage model: ${String(values.triageModelNote ?? "")}`,
      `tickets ${t.tickets}: ${t.assigned} assigned, ${t.slaTasks} SLA tasks, ${t.drafts} reply drafts, ` +
        `${t.escalations} escalated to a person, ${t.csEscalations} to customer success, ` +
        `${t.blockedToolCalls} model tool calls blocked`,
    ];
  },
};

export { buildSupportGraph, compileSupportGraph } from "./graph.ts";
export type { SupportStateType, SupportDraft, SupportTotals } from "./state.ts";

import { CS_TOOLS, CsTargetError } from "../../agents/cs/index.ts";
import type { RunTarget } from "../../db/queries/runs.ts";
import type { AgentDefinition } from "../runtime/index.ts";
import { compileCsGraph } from "./graph.ts";

/**
 * The customer-success agent: `crm run cs` (every customer of the tenant), `--account <id>` or
 * `--ticket <id>` (the ticket's account, e.g. on a support event).
 */
export const csAgent: AgentDefinition = {
  name: "cs",
  tools: CS_TOOLS,
  graph: compileCsGraph,
  input(target: RunTarget) {
    if (target.kind === "all") return { target: { kind: "all" } };
    if ((target.kind === "account" || target.kind === "ticket") && target.id)
      return { target: { kind: target.kind, id: target.id } };
    throw new CsTargetError(target.id ? target.kind : `${target.kind} without an id`);
  },
};

export { buildCsGraph, compileCsGraph } from "./graph.ts";
export type { CsStateType, CsDraft, CsTotals } from "./state.ts";

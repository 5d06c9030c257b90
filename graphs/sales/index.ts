import { formatForecast, SALES_TOOLS, SalesTargetError, type ForecastRow } from "../../agents/sales/index.ts";
import type { RunTarget } from "../../db/queries/runs.ts";
import type { AgentDefinition } from "../runtime/index.ts";
import { compileSalesGraph } from "./graph.ts";
import type { SalesTarget } from "./state.ts";

/** The graph input for a run target: a lead, a deal, an account (with an id) or all. */
export function salesInput(target: RunTarget): { target: SalesTarget } {
  if (target.kind === "all") return { target: { kind: "all" } };
  if ((target.kind === "lead" || target.kind === "deal" || target.kind === "account") && target.id)
    return { target: { kind: target.kind, id: target.id } };
  throw new SalesTargetError(target.id ? target.kind : `${target.kind} without an id`);
}

/** The sales-intelligence agent: lead scores, deal review and forecast, tasks, outreach drafts. */
export const salesAgent: AgentDefinition = {
  name: "sales",
  tools: SALES_TOOLS,
  graph: compileSalesGraph,
  input: salesInput,
  summarize: (values) => {
    const rows = (values.forecast ?? []) as ForecastRow[];
    return rows.length > 0
      ? ["pipeline forecast (Σ amount × P(win)) per rep and quarter", ...formatForecast(rows)]
      : [];
  },
};

export { buildSalesGraph, compileSalesGraph } from "./graph.ts";
export type { SalesTarget, SalesOutcome, DraftRef, TaskRef, ScoreSummary } from "./state.ts";

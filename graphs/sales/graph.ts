import { END, START, StateGraph } from "@langchain/langgraph";
import type { Deps, RunnableGraph } from "../runtime/index.ts";
import { awaitApproval } from "./nodes/await-approval.ts";
import { finish } from "./nodes/finish.ts";
import { prepare } from "./nodes/prepare.ts";
import { proposeTasks } from "./nodes/propose-tasks.ts";
import { scoreDeals } from "./nodes/score-deals.ts";
import { scoreLeads } from "./nodes/score-leads.ts";
import { writeDrafts } from "./nodes/write-drafts.ts";
import { SalesState, type SalesStateType } from "./state.ts";

/** After drafting: wait for a person only when there is something to approve. */
export const afterDrafts = (state: SalesStateType): "await_approval" | "finish" =>
  state.drafts.length > 0 ? "await_approval" : "finish";

/**
 * The sales graph: prepare → score_leads → score_deals → propose_tasks → write_drafts →
 * (await_approval →) finish. Every node works on a whole batch (a page loop over the book).
 */
export function buildSalesGraph(deps: Deps) {
  return new StateGraph(SalesState)
    .addNode("prepare", prepare(deps))
    .addNode("score_leads", scoreLeads(deps))
    .addNode("score_deals", scoreDeals(deps))
    .addNode("propose_tasks", proposeTasks(deps))
    .addNode("write_drafts", writeDrafts(deps))
    .addNode("await_approval", awaitApproval)
    .addNode("finish", finish(deps))
    .addEdge(START, "prepare")
    .addEdge("prepare", "score_leads")
    .addEdge("score_leads", "score_deals")
    .addEdge("score_deals", "propose_tasks")
    .addEdge("propose_tasks", "write_drafts")
    .addConditionalEdges("write_drafts", afterDrafts, ["await_approval", "finish"])
    .addEdge("await_approval", "finish")
    .addEdge("finish", END);
}

/** The compiled sales graph over `deps` (checkpointed in deps.checkpointer). */
export function compileSalesGraph(deps: Deps): RunnableGraph {
  return buildSalesGraph(deps).compile({ checkpointer: deps.checkpointer });
}

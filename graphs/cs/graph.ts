import { END, START, StateGraph } from "@langchain/langgraph";
import type { Deps } from "../runtime/index.ts";
import { approveNode } from "./nodes/approve.ts";
import { draftNode } from "./nodes/draft.ts";
import { finishNode } from "./nodes/finish.ts";
import { loadPageNode } from "./nodes/load-page.ts";
import { planNode } from "./nodes/plan.ts";
import { policyNode } from "./nodes/load-policy.ts";
import { scoreNode } from "./nodes/score.ts";
import { afterBatch } from "./routes.ts";
import { CsState } from "./state.ts";

/**
 * The customer-success graph: load_policy → (load_page → score → plan → draft) per batch of accounts
 * → approve (interrupt, only when drafts wait) → finish. One run covers a whole book in batches;
 * every batch is checkpointed, so a crashed run continues at the batch it was in.
 */
export function buildCsGraph(deps: Deps) {
  return new StateGraph(CsState)
    .addNode("load_policy", policyNode(deps))
    .addNode("load_page", loadPageNode(deps))
    .addNode("score", scoreNode(deps))
    .addNode("plan", planNode(deps))
    .addNode("draft", draftNode(deps))
    .addNode("approve", approveNode)
    .addNode("finish", finishNode)
    .addEdge(START, "load_policy")
    .addEdge("load_policy", "load_page")
    .addEdge("load_page", "score")
    .addEdge("score", "plan")
    .addEdge("plan", "draft")
    .addConditionalEdges("draft", afterBatch, ["load_page", "approve", "finish"])
    .addEdge("approve", "finish")
    .addEdge("finish", END);
}

/** The compiled graph over `deps.checkpointer`. */
export const compileCsGraph = (deps: Deps) => buildCsGraph(deps).compile({ checkpointer: deps.checkpointer });

import { END, START, StateGraph } from "@langchain/langgraph";
import type { Deps } from "../runtime/index.ts";
import { approveNode } from "./nodes/approve.ts";
import { escalateCsNode } from "./nodes/escalate-cs.ts";
import { finishNode } from "./nodes/finish.ts";
import { loadPageNode } from "./nodes/load-page.ts";
import { prepareNode } from "./nodes/prepare.ts";
import { respondNode } from "./nodes/respond.ts";
import { slaNode } from "./nodes/sla.ts";
import { triageNode } from "./nodes/triage.ts";
import { afterBatch } from "./routes.ts";
import { SupportState } from "./state.ts";

/**
 * The support graph: prepare → (load_page → triage → sla → respond → escalate_cs) per batch of
 * tickets → approve (interrupt, only when reply drafts wait) → finish. Every batch is
 * checkpointed, so a crashed run continues at the batch it was in.
 */
export function buildSupportGraph(deps: Deps) {
  return new StateGraph(SupportState)
    .addNode("prepare", prepareNode(deps))
    .addNode("load_page", loadPageNode(deps))
    .addNode("triage", triageNode(deps))
    .addNode("sla", slaNode(deps))
    .addNode("respond", respondNode(deps))
    .addNode("escalate_cs", escalateCsNode(deps))
    .addNode("approve", approveNode)
    .addNode("finish", finishNode)
    .addEdge(START, "prepare")
    .addEdge("prepare", "load_page")
    .addEdge("load_page", "triage")
    .addEdge("triage", "sla")
    .addEdge("sla", "respond")
    .addEdge("respond", "escalate_cs")
    .addConditionalEdges("escalate_cs", afterBatch, ["load_page", "approve", "finish"])
    .addEdge("approve", "finish")
    .addEdge("finish", END);
}

/** The compiled graph over `deps.checkpointer`. */
export const compileSupportGraph = (deps: Deps) =>
  buildSupportGraph(deps).compile({ checkpointer: deps.checkpointer });

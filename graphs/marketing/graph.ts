import { END, START, StateGraph } from "@langchain/langgraph";
import type { Deps, RunnableGraph } from "../runtime/index.ts";
import { attribute } from "./nodes/attribute.ts";
import { awaitApproval } from "./nodes/await-approval.ts";
import { buildAudiences } from "./nodes/build-audiences.ts";
import { finish } from "./nodes/finish.ts";
import { planAudiences } from "./nodes/plan-audiences.ts";
import { prepare } from "./nodes/prepare.ts";
import { recordScores } from "./nodes/record-scores.ts";
import { segment } from "./nodes/segment.ts";
import { writeDrafts } from "./nodes/write-drafts.ts";
import { MarketingState, type MarketingStateType } from "./state.ts";

/** After drafting: wait for a person only when there is something to approve. */
export const afterDrafts = (state: MarketingStateType): "await_approval" | "finish" =>
  state.drafts.length > 0 ? "await_approval" : "finish";

/**
 * The marketing graph: prepare → segment → attribute → plan_audiences → build_audiences →
 * record_scores → write_drafts → (await_approval →) finish. Every node works on a whole batch
 * (page loops over the book); each is checkpointed, so a crashed run continues at the node it was in.
 */
export function buildMarketingGraph(deps: Deps) {
  return new StateGraph(MarketingState)
    .addNode("prepare", prepare(deps))
    .addNode("segment", segment(deps))
    .addNode("attribute", attribute(deps))
    .addNode("plan_audiences", planAudiences(deps))
    .addNode("build_audiences", buildAudiences(deps))
    .addNode("record_scores", recordScores(deps))
    .addNode("write_drafts", writeDrafts(deps))
    .addNode("await_approval", awaitApproval)
    .addNode("finish", finish(deps))
    .addEdge(START, "prepare")
    .addEdge("prepare", "segment")
    .addEdge("segment", "attribute")
    .addEdge("attribute", "plan_audiences")
    .addEdge("plan_audiences", "build_audiences")
    .addEdge("build_audiences", "record_scores")
    .addEdge("record_scores", "write_drafts")
    .addConditionalEdges("write_drafts", afterDrafts, ["await_approval", "finish"])
    .addEdge("await_approval", "finish")
    .addEdge("finish", END);
}

/** The compiled marketing graph over `deps` (checkpointed in deps.checkpointer). */
export function compileMarketingGraph(deps: Deps): RunnableGraph {
  return buildMarketingGraph(deps).compile({ checkpointer: deps.checkpointer });
}

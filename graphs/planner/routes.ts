import { Send } from "@langchain/langgraph";
import type { PlannerStateType } from "./state.ts";

/** Fans out one `propose` per (batch, source); with an empty book, straight to `assign`. */
export function fanOut(state: PlannerStateType): Send[] | "assign" {
  if (state.batches.length === 0) return "assign";
  return state.batches.flatMap((slice) =>
    state.sources.map(
      (source) =>
        new Send("propose", {
          planDate: state.planDate,
          policy: state.policy,
          asOf: state.asOf,
          planId: state.planId,
          source,
          slice,
        }),
    ),
  );
}

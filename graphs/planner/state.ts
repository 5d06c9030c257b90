import { Annotation } from "@langchain/langgraph";
import type { PlannerPolicy } from "../../agents/planner/index.ts";
import type { BatchSlice } from "./sources/index.ts";
import type { PlanSummary } from "./summary.ts";

const replace = <T>(fallback: () => T) => Annotation<T>({ reducer: (_, next) => next, default: fallback });
const sumCounts = (a: Record<string, number>, b: Record<string, number>) => {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
};

/** The planner graph's state (plain JSON, checkpointed). */
export const PlannerState = Annotation.Root({
  /** The day the plan is for (YYYY-MM-DD): the run target's, else the clock's UTC date when it opens. */
  planDate: replace<string | null>(() => null),
  /** The planner's options (defaults with the run's overrides), fixed when the plan opens. */
  policy: replace<PlannerPolicy | null>(() => null),
  /** The instant the proposal steps work as of: the clock when the plan opened, kept across resumes. */
  asOf: replace<string | null>(() => null),
  /** The plan row this run fills. */
  planId: replace<string | null>(() => null),
  /** The book in batches (account ids, or account-less lead ids). */
  batches: replace<BatchSlice[]>(() => []),
  /** The proposal sources the run fans out to. */
  sources: replace<string[]>(() => []),
  /** One proposal task's input (set by its `Send`): the source … */
  source: replace<string | null>(() => null),
  /** … and the slice of the book it works on. */
  slice: replace<BatchSlice | null>(() => null),
  /** Tasks proposed so far, per source (summed over batches). */
  proposed: Annotation<Record<string, number>>({ reducer: sumCounts, default: () => ({}) }),
  /** Tasks created (not updated) so far, per source. */
  created: Annotation<Record<string, number>>({ reducer: sumCounts, default: () => ({}) }),
  /** The solved plan. */
  summary: replace<PlanSummary | null>(() => null),
});

export type PlannerStateType = typeof PlannerState.State;
export type PlannerUpdate = typeof PlannerState.Update;

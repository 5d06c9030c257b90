import { MARKETING_TOOLS } from "../../agents/marketing/index.ts";
import type { AgentDefinition } from "../runtime/index.ts";
import { compileMarketingGraph } from "./graph.ts";
import { marketingInput } from "./input.ts";

/** The marketing agent: segments, audiences from goals, propensity ranking, A/B drafts, attribution. */
export const marketingAgent: AgentDefinition = {
  name: "marketing",
  tools: MARKETING_TOOLS,
  graph: compileMarketingGraph,
  input: marketingInput,
  summarize: (values) => (Array.isArray(values.report) ? (values.report as string[]) : []),
};

export { buildMarketingGraph, compileMarketingGraph, afterDrafts } from "./graph.ts";
export { marketingInput } from "./input.ts";
export { summaryLines } from "./summary.ts";
export type {
  MarketingTarget,
  MarketingDraft,
  MarketingOutcome,
  BuiltAudience,
  SegmentationSummary,
} from "./state.ts";

import type { PlannerPolicy, PlanProposal } from "../../../agents/planner/index.ts";
import type { ToolContext } from "../../../tools/index.ts";

/** The slice of the book one proposal batch works on. */
export interface BatchSlice {
  accountIds: string[];
  /** Open leads without an account. */
  leadIds: string[];
}

/**
 * An agent's proposal step as the planner runs it: read the batch through tools, apply the
 * agent's own policy and scoring (agents/<name>/), and return the tasks it would propose —
 * without writing scores or drafts, and without waiting for approvals.
 */
export interface ProposalSource {
  /** The agent's name: the task's source_agent and the key of `policy.roles`. */
  name: string;
  propose(ctx: ToolContext, slice: BatchSlice, asOf: Date, policy: PlannerPolicy): Promise<PlanProposal[]>;
}

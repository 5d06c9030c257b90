import { followUpProposals } from "../../../agents/planner/index.ts";
import { runTool, TOOLS } from "../../../tools/index.ts";
import type { ProposalSource } from "./types.ts";

/** The marketing source: follow-ups on the batch's recent campaign responses (agents/planner/follow-up.ts). */
export const marketingSource: ProposalSource = {
  name: "marketing",
  async propose(ctx, slice, asOf, policy) {
    if (slice.accountIds.length === 0) return [];
    const since = new Date(asOf.getTime() - policy.marketingFollowUp.lookbackDays * 86_400_000);
    const { responses } = await runTool(
      TOOLS.planner_campaign_responses,
      { account_ids: slice.accountIds, since: since.toISOString(), as_of: asOf.toISOString() },
      ctx,
    );
    return followUpProposals(responses, asOf, policy);
  },
};

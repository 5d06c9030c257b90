import { parseArtifactJson } from "../../../agents/scoring/index.ts";
import {
  chooseChurnModel,
  escalations,
  interventions,
  parseCsPolicy,
  scoreChurn,
  scoreHealth,
} from "../../../agents/cs/index.ts";
import type { PlanProposal } from "../../../agents/planner/index.ts";
import { runTool, TOOLS } from "../../../tools/index.ts";
import { oncePerPlan } from "./once-per-plan.ts";
import type { ProposalSource } from "./types.ts";

const SCORED_STAGES = ["customer", "onboarding"];
const CHUNK = 500;

/**
 * The customer-success agent's proposal step over a batch: each customer's health and churn
 * (the tenant's policy and churn model), then its interventions and escalations — the same
 * functions as graphs/cs, without recording the scores or drafting.
 */
export const csSource: ProposalSource = {
  name: "cs",
  async propose(ctx, slice, asOf) {
    if (slice.accountIds.length === 0) return [];
    const { policy, model } = await oncePerPlan(ctx, asOf, "cs", async () => {
      const { cs } = await runTool(TOOLS.cs_settings, {}, ctx);
      const policy = parseCsPolicy(cs);
      const stored = await runTool(TOOLS.active_score_model, { name: policy.churn.model }, ctx);
      const model = chooseChurnModel(
        stored ? { artifact: parseArtifactJson(stored.artifact), trained_rows: stored.trained_rows } : null,
        policy,
      );
      return { policy, model };
    });
    const out: PlanProposal[] = [];
    for (let i = 0; i < slice.accountIds.length; i += CHUNK) {
      const ids = slice.accountIds.slice(i, i + CHUNK);
      const read = await runTool(
        TOOLS.cs_account_signals,
        { account_ids: ids, as_of: asOf.toISOString(), limit: ids.length },
        ctx,
      );
      for (const snap of read.accounts) {
        if (!SCORED_STAGES.includes(snap.account.lifecycle_stage)) continue;
        const health = scoreHealth(snap.signals, snap.health_history, policy);
        const churn = scoreChurn(snap.signals, health, model, policy);
        const atRisk = health.tier === "at_risk" || churn.probability >= policy.churn.atRiskProbability;
        const assessment = { accountId: snap.account.id, health, churn, atRisk };
        const proposals = [
          ...interventions(snap, assessment, policy, asOf),
          ...escalations(snap, assessment, policy, asOf),
        ];
        for (const { reasonCode: _code, ...p } of proposals)
          out.push({ ...p, source: "cs", required_skill: null, owner_id: snap.account.owner_id });
      }
    }
    return out;
  },
};

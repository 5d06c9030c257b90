import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import {
  csTool,
  HEALTH_MODEL_VERSION,
  scoreChurn,
  scoreHealth,
  type Assessment,
} from "../../../agents/cs/index.ts";
import { runTool } from "../../../tools/index.ts";
import { toolContext, type Deps } from "../../runtime/index.ts";
import type { CsStateType, CsUpdate } from "../state.ts";

const SCORED_STAGES = ["customer", "onboarding"];

/**
 * Scores the batch's customers: health (drivers, tier, trend against the previous health score)
 * and churn probability, each recorded with its reasons. Accounts that are not customers
 * (prospects, churned) are skipped and say so. A retried batch rewrites the same score rows.
 */
export const scoreNode =
  (deps: Deps) =>
  async (state: CsStateType, config: LangGraphRunnableConfig): Promise<CsUpdate> => {
    const ctx = toolContext(deps, config, "score");
    const { policy, churnModel } = state;
    const assessed: Assessment[] = [];
    const skipped: CsUpdate["skipped"] = [];
    for (const snap of state.page) {
      const id = snap.account.id;
      if (!SCORED_STAGES.includes(snap.account.lifecycle_stage)) {
        skipped.push({ entity: `account:${id}`, reason: `not a customer (${snap.account.lifecycle_stage})` });
        continue;
      }
      const health = scoreHealth(snap.signals, snap.health_history, policy);
      const churn = scoreChurn(snap.signals, health, churnModel, policy);
      const atRisk = health.tier === "at_risk" || churn.probability >= policy.churn.atRiskProbability;
      const common = { entity_kind: "account", entity_id: id };
      await runTool(
        csTool("record_score"),
        {
          ...common,
          kind: "health",
          value: health.value,
          tier: health.tier,
          reasons: health.reasons,
          model_version: HEALTH_MODEL_VERSION,
        },
        ctx,
      );
      await runTool(
        csTool("record_score"),
        {
          ...common,
          kind: "churn",
          value: churn.value,
          probability: churn.probability,
          tier: churn.tier,
          reasons: churn.reasons,
          model_version: churn.modelVersion,
        },
        ctx,
      );
      assessed.push({ accountId: id, health, churn, atRisk });
    }
    return {
      assessed,
      skipped,
      totals: {
        accounts: assessed.length,
        scores: 2 * assessed.length,
        atRisk: assessed.filter((a) => a.atRisk).length,
      },
    };
  };

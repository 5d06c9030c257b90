import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import {
  chooseEngine,
  DEFAULT_GOALS,
  RESPONSE_MODEL_NAME,
  resolveMarketingPolicy,
} from "../../../agents/marketing/index.ts";
import { runTool } from "../../../tools/index.ts";
import { toolContext, type Deps } from "../../runtime/index.ts";
import { daysBefore, marketingTool } from "../scope.ts";
import type { MarketingStateType, MarketingUpdate } from "../state.ts";

/** Base response rates per campaign kind are read from this many days of history. */
const RATE_WINDOW_DAYS = 730;

/**
 * Fixes the run's clock, resolves the tenant's policy (a bad setting fails the run naming the
 * field), picks the goals (the target's, else the tenant's defaults, else DEFAULT_GOALS) and the
 * propensity engine (the learned response model, or the heuristic over the tenant's response rates).
 */
export const prepare =
  (deps: Deps) =>
  async (state: MarketingStateType, config: LangGraphRunnableConfig): Promise<MarketingUpdate> => {
    const ctx = toolContext(deps, config, "prepare");
    const asOf = state.asOf ?? deps.now().toISOString();
    const { marketing } = await runTool(marketingTool("marketing_settings"), {}, ctx);
    const policy = resolveMarketingPolicy(marketing);
    const { rates } = await runTool(
      marketingTool("marketing_response_rates"),
      { since: daysBefore(asOf, RATE_WINDOW_DAYS), as_of: asOf },
      ctx,
    );
    const stored =
      policy.propensity_engine === "heuristic"
        ? null
        : await runTool(marketingTool("active_score_model"), { name: RESPONSE_MODEL_NAME }, ctx);
    return {
      asOf,
      policy,
      goals: state.goals ?? policy.default_goals ?? DEFAULT_GOALS,
      engine: chooseEngine(policy, stored, rates),
    };
  };

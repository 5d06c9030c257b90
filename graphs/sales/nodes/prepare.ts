import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import {
  chooseLeadEngine,
  leadDealValue,
  LEAD_MODEL_NAME,
  resolveSalesPolicy,
} from "../../../agents/sales/index.ts";
import { runTool, TOOLS } from "../../../tools/index.ts";
import { toolContext, type Deps } from "../../runtime/index.ts";
import type { SalesStateType, SalesUpdate } from "../state.ts";

/**
 * Fixes the run's clock, resolves the tenant's policy (a bad setting fails the run naming the
 * field), reads the tenant's deal norms and picks the lead engine (learned model or rules).
 */
export const prepare =
  (deps: Deps) =>
  async (state: SalesStateType, config: LangGraphRunnableConfig): Promise<SalesUpdate> => {
    const ctx = toolContext(deps, config, "prepare");
    const { sales } = await runTool(TOOLS.sales_settings, {}, ctx);
    const policy = resolveSalesPolicy(sales);
    const norms = await runTool(TOOLS.sales_stage_norms, {}, ctx);
    const stored =
      policy.lead_engine === "rules"
        ? null
        : await runTool(TOOLS.active_score_model, { name: LEAD_MODEL_NAME }, ctx);
    return {
      asOf: state.asOf ?? deps.now().toISOString(),
      policy,
      norms,
      leadEngine: chooseLeadEngine(policy, stored),
      leadDealValue: leadDealValue(norms.won, policy.lead_deal_value),
    };
  };

import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { AttributionLedger } from "../../../agents/marketing/index.ts";
import { runTool } from "../../../tools/index.ts";
import { toolContext, type Deps } from "../../runtime/index.ts";
import { daysBefore, eachPage, marketingTool, prepared } from "../scope.ts";
import type { MarketingStateType, MarketingUpdate } from "../state.ts";

/**
 * Attributes the deals won in the lookback window to the campaigns that touched their accounts'
 * contacts before the close — first touch, last touch and linear — page by page.
 */
export const attribute =
  (deps: Deps) =>
  async (state: MarketingStateType, config: LangGraphRunnableConfig): Promise<MarketingUpdate> => {
    const ctx = toolContext(deps, config, "attribute");
    const { attribution: window } = prepared(state.policy, "policy");
    const asOf = prepared(state.asOf, "asOf");
    const ledger = new AttributionLedger();
    await eachPage(
      (after) =>
        runTool(
          marketingTool("marketing_attribution"),
          {
            closed_since: daysBefore(asOf, window.lookback_days),
            as_of: asOf,
            touch_window_days: window.touch_window_days,
            ...(after ? { after } : {}),
          },
          ctx,
        ),
      (page) => ledger.add(page.deals),
    );
    return { attribution: ledger.report() };
  };

import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import {
  AUDIENCE_RULES_VERSION,
  audienceMessages,
  audienceSpecSchema,
  campaignKey,
  modelPlan,
  ruledPlan,
  specFromGoal,
  type PlannedAudience,
} from "../../../agents/marketing/index.ts";
import { modelContext, type Deps } from "../../runtime/index.ts";
import { prepared } from "../scope.ts";
import type { MarketingStateType, MarketingUpdate } from "../state.ts";

/**
 * Turns each goal into an audience spec. A goal with text asks the model layer (an LLM with the
 * audience-spec schema; offline, the rules over the goal's fields and keywords); the model's spec
 * is checked and, if unsafe or invalid, rejected in favour of the rules (saying why). A goal of
 * structured fields only goes straight to the rules. Goals with the same campaign key count once.
 */
export const planAudiences =
  (deps: Deps) =>
  async (state: MarketingStateType, config: LangGraphRunnableConfig): Promise<MarketingUpdate> => {
    const goals = prepared(state.goals, "goals");
    const planned: PlannedAudience[] = [];
    const seen = new Set<string>();
    for (const goal of goals) {
      const key = campaignKey(goal);
      if (seen.has(key)) continue;
      seen.add(key);
      if (!goal.text) {
        planned.push(ruledPlan(goal));
        continue;
      }
      const result = await deps.models.call(
        {
          node: "plan_audiences",
          purpose: "marketing.audience",
          messages: audienceMessages(goal),
          schema: audienceSpecSchema,
          offline: () => specFromGoal(goal).spec,
          offlineVersion: AUDIENCE_RULES_VERSION,
        },
        modelContext(config),
      );
      const fallback = result.fallbackReason ? ` (model unavailable: ${result.fallbackReason})` : "";
      planned.push(
        result.provider === "offline"
          ? ruledPlan(goal, `${result.label}${fallback}`)
          : modelPlan(goal, result.value, result.label),
      );
    }
    return { planned };
  };

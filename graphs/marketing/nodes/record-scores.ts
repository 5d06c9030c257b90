import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { runTool } from "../../../tools/index.ts";
import { toolContext, type Deps } from "../../runtime/index.ts";
import { marketingTool } from "../scope.ts";
import type { MarketingStateType, MarketingUpdate } from "../state.ts";

/**
 * Records the propensity that ranked each drafted contact as a score (kind `response_<campaign
 * kind>`, 0–100 with the calibrated probability, tier and reasons), so a person sees why a contact
 * was chosen. One score per contact and kind: a retry updates the same row.
 */
export const recordScores =
  (deps: Deps) =>
  async (state: MarketingStateType, config: LangGraphRunnableConfig): Promise<MarketingUpdate> => {
    const ctx = toolContext(deps, config, "record_scores");
    const done = new Set<string>();
    for (const audience of state.audiences) {
      const kind = state.planned.find((p) => p.key === audience.key)!.spec.campaign_kind;
      for (const m of audience.members) {
        const id = `${m.contact.contact_id}:${kind}`;
        if (done.has(id)) continue;
        done.add(id);
        await runTool(
          marketingTool("record_score"),
          {
            entity_kind: "contact",
            entity_id: m.contact.contact_id,
            kind: `response_${kind}`,
            value: m.propensity.value,
            probability: m.propensity.probability,
            tier: m.propensity.tier,
            reasons: m.propensity.reasons.slice(0, 20),
            model_version: m.propensity.model_version.slice(0, 100),
          },
          ctx,
        );
      }
    }
    return { scored: done.size };
  };

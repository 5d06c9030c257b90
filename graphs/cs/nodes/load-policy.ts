import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { chooseChurnModel, csTool, parseCsPolicy } from "../../../agents/cs/index.ts";
import { parseArtifactJson } from "../../../agents/scoring/index.ts";
import { runTool } from "../../../tools/index.ts";
import { toolContext, type Deps } from "../../runtime/index.ts";
import type { CsStateType, CsUpdate } from "../state.ts";

/**
 * Fixes what the whole run works with: the instant it scores at, the tenant's policy (a bad
 * setting fails the run here, naming the field) and the churn model — the tenant's active
 * learned model (the policy's, else its `churn` model) when it qualifies, else the heuristic fallback.
 */
export const policyNode =
  (deps: Deps) =>
  async (state: CsStateType, config: LangGraphRunnableConfig): Promise<CsUpdate> => {
    const ctx = toolContext(deps, config, "load_policy");
    const { cs } = await runTool(csTool("cs_settings"), {}, ctx);
    const policy = parseCsPolicy(cs);
    // the policy's model, else the tenant's own `churn` model (trained on its imported columns)
    const stored =
      (await runTool(csTool("active_score_model"), { name: policy.churn.model }, ctx)) ??
      (policy.churn.model === "churn"
        ? null
        : await runTool(csTool("active_score_model"), { name: "churn" }, ctx));
    const active = stored
      ? { artifact: parseArtifactJson(stored.artifact), trained_rows: stored.trained_rows }
      : null;
    return {
      asOf: state.asOf ?? deps.now().toISOString(),
      policy,
      churnModel: chooseChurnModel(active, policy),
    };
  };

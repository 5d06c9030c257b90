import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { csTool, escalations, interventions } from "../../../agents/cs/index.ts";
import { runTool } from "../../../tools/index.ts";
import { toolContext, type Deps } from "../../runtime/index.ts";
import type { CsStateType, CsUpdate } from "../state.ts";

/**
 * Proposes the batch's tasks: interventions (renewal preparation, executive sponsor, check-in,
 * QBR), expansion signals and escalations of recent tickets on at-risk accounts. Each carries a
 * dedupe key per (entity, type, reason), so a rerun updates the open task instead of adding one.
 */
export const planNode =
  (deps: Deps) =>
  async (state: CsStateType, config: LangGraphRunnableConfig): Promise<CsUpdate> => {
    const ctx = toolContext(deps, config, "plan");
    const now = new Date(state.asOf);
    let tasks = 0;
    for (const a of state.assessed) {
      const snap = state.page.find((p) => p.account.id === a.accountId)!;
      const proposals = [
        ...interventions(snap, a, state.policy, now),
        ...escalations(snap, a, state.policy, now),
      ];
      for (const { reasonCode: _code, ...proposal } of proposals) {
        await runTool(csTool("propose_task"), proposal, ctx);
        tasks += 1;
      }
    }
    return { totals: { tasks } };
  };

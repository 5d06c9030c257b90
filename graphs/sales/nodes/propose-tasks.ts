import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { dealTasks, leadTasks, type Skip, type TaskProposal } from "../../../agents/sales/index.ts";
import { runTool, TOOLS } from "../../../tools/index.ts";
import { toolContext, type Deps } from "../../runtime/index.ts";
import { prepared } from "../scope.ts";
import type { SalesStateType, SalesUpdate, TaskRef } from "../state.ts";

/**
 * Proposes the next-best actions as tasks, valued by expected value: call each contactable hot
 * lead within the hour; re-engage stalled deals, add a stakeholder to single-threaded ones and
 * agree a next step where none is set. Dedupe keys are stable per (entity, task type), so a
 * later run updates the open task instead of adding one.
 */
export const proposeTasks =
  (deps: Deps) =>
  async (state: SalesStateType, config: LangGraphRunnableConfig): Promise<SalesUpdate> => {
    const ctx = toolContext(deps, config, "propose_tasks");
    const asOf = new Date(prepared(state.asOf, "asOf"));
    const proposals: TaskProposal[] = [];
    const skipped: Skip[] = [];
    for (const finding of state.hotLeads) {
      const { tasks, skips } = leadTasks(finding, asOf);
      proposals.push(...tasks);
      skipped.push(...skips);
    }
    for (const finding of state.riskyDeals) proposals.push(...dealTasks(finding, asOf));
    const tasks: TaskRef[] = [];
    for (const p of proposals) {
      const written = await runTool(TOOLS.propose_task, p, ctx);
      tasks.push({
        ...written,
        type: p.type,
        entity_kind: p.entity_kind,
        entity_id: p.entity_id,
        priority_value: p.priority_value,
      });
    }
    return { tasks, skipped };
  };

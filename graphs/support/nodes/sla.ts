import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { availableFor, slaRisks, slaTasks, supportTool } from "../../../agents/support/index.ts";
import { runTool } from "../../../tools/index.ts";
import { toolContext, type Deps } from "../../runtime/index.ts";
import type { SupportStateType, SupportUpdate } from "../state.ts";

/**
 * SLA risk of every open target of the batch's tickets (first response, resolution), from the
 * fitted model, the queue's load, the triaged priority, the time of day and who is available; a
 * target at risk becomes a task due before the breach, a missed one a task due now.
 */
export const slaNode =
  (deps: Deps) =>
  async (state: SupportStateType, config: LangGraphRunnableConfig): Promise<SupportUpdate> => {
    const ctx = toolContext(deps, config, "sla");
    const now = new Date(state.asOf);
    let written = 0;
    const work = [];
    for (const w of state.work) {
      const t = state.page.find((p) => p.id === w.ticketId)!;
      if (["resolved", "closed"].includes(t.status)) {
        work.push(w);
        continue;
      }
      const queue = w.triage.queue.value;
      const risks = slaRisks(
        t,
        state.slaModels,
        {
          priority: w.triage.priority.value,
          queueLoad: state.queueLoad[queue] ?? 0,
          available: availableFor(queue, state.roster, now, state.policy).length,
          waitingOnCustomer: t.status === "pending" || t.status === "on_hold",
        },
        now,
        state.policy,
      );
      for (const proposal of slaTasks(
        { ...t, priority: w.triage.priority.value },
        risks,
        w.assigneeId,
        now,
        state.policy,
      )) {
        await runTool(supportTool("propose_task"), proposal, ctx);
        written++;
      }
      work.push({ ...w, risks });
    }
    return { work, totals: { slaTasks: written } };
  };

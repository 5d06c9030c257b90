import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { accountRisk, csEscalation, supportTool } from "../../../agents/support/index.ts";
import { runTool } from "../../../tools/index.ts";
import { toolContext, type Deps } from "../../runtime/index.ts";
import type { SupportStateType, SupportUpdate } from "../state.ts";
import { escalationTicket } from "../ticket.ts";

/**
 * Escalates to customer success the batch's open tickets whose account is at risk — its latest
 * churn probability or health score (account_360) past the policy's line — as a task for the
 * account owner with the reasons. One account_360 read per account of the batch.
 */
export const escalateCsNode =
  (deps: Deps) =>
  async (state: SupportStateType, config: LangGraphRunnableConfig): Promise<SupportUpdate> => {
    const ctx = toolContext(deps, config, "escalate_cs");
    const now = new Date(state.asOf);
    const risk = new Map<string, ReturnType<typeof accountRisk>>();
    const notes: SupportUpdate["notes"] = [];
    let written = 0;
    for (const w of state.work) {
      const t = state.page.find((p) => p.id === w.ticketId)!;
      if (!t.account || ["resolved", "closed"].includes(t.status)) continue;
      let r = risk.get(t.account.id);
      if (!r) {
        const view = await runTool(
          supportTool("account_360"),
          { account_id: t.account.id, activity_limit: 1, usage_months: 1 },
          ctx,
        );
        r = accountRisk(view.latest_scores, state.policy);
        risk.set(t.account.id, r);
      }
      if (!r.atRisk) continue;
      await runTool(
        supportTool("propose_task"),
        csEscalation(escalationTicket(t), w.triage, t.account, r.reasons, now),
        ctx,
      );
      notes.push({
        entity: `ticket:${t.id}`,
        note: `escalated to customer success: ${r.reasons.join("; ")}`,
      });
      written++;
    }
    return { notes, totals: { csEscalations: written } };
  };

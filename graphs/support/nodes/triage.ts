import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import {
  loadTriageModel,
  neededSkills,
  routeTicket,
  supportTool,
  triageTicket,
} from "../../../agents/support/index.ts";
import { runTool } from "../../../tools/index.ts";
import { toolContext, type Deps } from "../../runtime/index.ts";
import type { SupportStateType, SupportUpdate, TicketWork } from "../state.ts";

/**
 * Triage and routing of the batch: intent, priority, sentiment, language and queue, each with a
 * confidence (update_ticket_triage), then an unassigned ticket goes to a person by skills and
 * current load (support_assign_ticket). Each assignment adds to the person's load before the next
 * ticket is routed, so a busy person gets fewer of the batch; a ticket someone holds stays theirs.
 */
export const triageNode =
  (deps: Deps) =>
  async (state: SupportStateType, config: LangGraphRunnableConfig): Promise<SupportUpdate> => {
    const ctx = toolContext(deps, config, "triage");
    const model = state.triageModel ? loadTriageModel(state.triageModel) : null;
    const roster = state.roster.map((p) => ({ ...p }));
    const work: TicketWork[] = [];
    let assigned = 0;
    for (const t of state.page) {
      const tr = triageTicket(t, model, state.policy);
      await runTool(
        supportTool("update_ticket_triage"),
        {
          ticket_id: t.id,
          intent: tr.intent.value,
          intent_confidence: tr.intent.confidence,
          priority: tr.priority.value,
          priority_confidence: tr.priority.confidence,
          sentiment: tr.sentiment.value,
          sentiment_confidence: tr.sentiment.confidence,
          language: tr.language.value,
          language_confidence: tr.language.confidence,
          queue: tr.queue.value,
          model_version: tr.modelVersion.slice(0, 100),
        },
        ctx,
      );
      let assigneeId = t.assignee_id;
      let routeReason = "already assigned";
      if (!assigneeId && !["resolved", "closed"].includes(t.status)) {
        const route = routeTicket(neededSkills(tr.queue.value, tr.language.value), roster, state.policy);
        routeReason = route.reason;
        if (route.assigneeId) {
          const result = await runTool(
            supportTool("support_assign_ticket"),
            { ticket_id: t.id, assignee_id: route.assigneeId, reason: route.reason },
            ctx,
          );
          assigneeId = result.assignee_id;
          if (result.assigned) assigned++;
          const holder = roster.find((p) => p.id === assigneeId);
          if (holder) holder.open_tickets++;
        }
      }
      work.push({ ticketId: t.id, triage: tr, assigneeId, routeReason, risks: [] });
    }
    return { work, roster, totals: { tickets: state.page.length, assigned } };
  };

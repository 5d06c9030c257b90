import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { dedupeKey, owner, TASK_TYPES } from "../../../agents/sales/index.ts";
import { runTool, TOOLS } from "../../../tools/index.ts";
import { toolContext, type Deps } from "../../runtime/index.ts";
import type { SalesOutcome, SalesStateType, SalesUpdate } from "../state.ts";

const FOLLOW_UP_DAYS = 3;

/**
 * Records how the run ended. Each approved (or edited) draft gets a follow-up task for its rep
 * three days out; rejected drafts get none. One summary audit entry holds the counts, the skips
 * and the quarterly forecast.
 */
export const finish =
  (deps: Deps) =>
  async (state: SalesStateType, config: LangGraphRunnableConfig): Promise<SalesUpdate> => {
    const ctx = toolContext(deps, config, "finish");
    const decisions = state.approval?.decisions ?? [];
    const outcome: SalesOutcome = { approved: 0, edited: 0, rejected: 0, followUps: [] };
    for (const d of decisions) {
      if (d.status === "rejected") {
        outcome.rejected += 1;
        continue;
      }
      outcome[d.decision === "edit" ? "edited" : "approved"] += 1;
      const draft = state.drafts.find((x) => x.id === d.id);
      if (!draft) continue;
      const type = TASK_TYPES.followUpOutreach;
      const task = await runTool(
        TOOLS.propose_task,
        {
          type,
          title: `Follow up on the email to ${draft.to ?? "the contact"}`,
          reason: `Approved draft ${draft.id} ("${draft.subject}") goes out via the outbox; follow up if there is no reply. Draft was for: ${draft.reason}.`,
          entity_kind: draft.about.kind,
          entity_id: draft.about.id,
          priority_value: draft.expectedValue,
          estimated_minutes: 10,
          due_at: new Date(deps.now().getTime() + FOLLOW_UP_DAYS * 86_400_000).toISOString(),
          ...owner(draft.ownerId),
          evidence_ids: draft.evidence_ids,
          dedupe_key: dedupeKey(type, draft.about.kind, draft.about.id),
        },
        ctx,
      );
      outcome.followUps.push(task.id);
    }
    await runTool(
      TOOLS.append_audit,
      {
        action: "sales.run_completed",
        details: {
          target: state.target,
          leads: state.leadSummary,
          deals: state.dealSummary,
          tasks: state.tasks.length,
          drafts: state.drafts.length,
          decisions: { approved: outcome.approved, edited: outcome.edited, rejected: outcome.rejected },
          skipped: state.skipped,
          forecast: state.forecast.filter((r) => r.granularity === "quarter"),
        },
      },
      ctx,
    );
    return { outcome };
  };

import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import {
  groundingArticles,
  personEscalation,
  supportTool,
  type ReplyBrief,
} from "../../../agents/support/index.ts";
import { runTool, type ToolContext } from "../../../tools/index.ts";
import type { SupportTicket } from "../../../tools/reads/support-open-tickets.ts";
import { toolContext, type Deps } from "../../runtime/index.ts";
import { escalationTicket } from "../ticket.ts";
import type { SupportDraft, SupportStateType, SupportUpdate } from "../state.ts";
import { proposeReply } from "./reply-call.ts";

/**
 * Answers the batch's open tickets. Below the intent-confidence threshold, with no help article
 * close enough, or with a requester who may not be emailed, the agent does not guess: it escalates
 * to a person with a summary (a task). Otherwise it retrieves articles (semantic_search), has the
 * reply written (LLM or offline template) and, after the support guard, drafts it for approval.
 * Tickets waiting on the customer, already drafted, or past the run's draft cap are left alone.
 */
export const respondNode =
  (deps: Deps) =>
  async (state: SupportStateType, config: LangGraphRunnableConfig): Promise<SupportUpdate> => {
    const ctx = toolContext(deps, config, "respond");
    const drafts: SupportDraft[] = [];
    const notes: SupportUpdate["notes"] = [];
    const totals = { escalations: 0, drafts: 0, blockedToolCalls: 0 };
    const now = new Date(state.asOf);
    for (const w of state.work) {
      const t = state.page.find((p) => p.id === w.ticketId)!;
      const entity = `ticket:${t.id}`;
      if (t.status !== "open") {
        notes.push({ entity, note: `no reply: the ticket is ${t.status}` });
        continue;
      }
      if (t.last_draft) {
        notes.push({
          entity,
          note: `no reply: a draft exists (${t.last_draft.status}, ${t.last_draft.created_at.slice(0, 10)})`,
        });
        continue;
      }
      const escalate = async (why: string) => {
        await runTool(
          supportTool("propose_task"),
          personEscalation(escalationTicket(t), w.triage, why, w.risks, w.assigneeId, now),
          ctx,
        );
        totals.escalations++;
        notes.push({ entity, note: `escalated: ${why}` });
      };
      const { minConfidence } = state.policy.intent;
      if (w.triage.intent.confidence < minConfidence) {
        await escalate(
          `intent ${w.triage.intent.value} at confidence ${w.triage.intent.confidence} is below ${minConfidence}`,
        );
        continue;
      }
      if (!t.contact?.contactable) {
        await escalate(
          t.contact
            ? "the requester may not be emailed (no consent or opted out)"
            : "the ticket has no requester contact",
        );
        continue;
      }
      if (state.drafts.length + drafts.length >= state.policy.drafts.maxPerRun) {
        notes.push({ entity, note: `no reply: the run's cap of ${state.policy.drafts.maxPerRun} drafts` });
        continue;
      }
      const articles = await retrieve(ctx, t, state.policy.kb);
      const grounded = groundingArticles(articles, state.policy.kb.minSimilarity, state.policy.kb.maxCited);
      if (grounded.length === 0) {
        const best = articles[0]?.similarity;
        await escalate(
          `no help article is close enough (best similarity ${best ?? "none"} < ${state.policy.kb.minSimilarity})`,
        );
        continue;
      }
      const brief = replyBrief(t, grounded, state.roster.find((p) => p.id === w.assigneeId)?.name ?? null);
      const outcome = await proposeReply(deps, config, ctx, brief);
      totals.blockedToolCalls += outcome.blocked;
      if (outcome.draft) {
        drafts.push({
          ...outcome.draft,
          reason: `${w.triage.intent.value} (${w.triage.intent.confidence}); cites ${grounded.map((a) => a.title).join(", ")}`,
        });
        totals.drafts++;
      } else {
        await escalate(outcome.escalation ?? "no reply passed the support policy");
      }
    }
    return { drafts, notes, totals };
  };

async function retrieve(ctx: ToolContext, t: SupportTicket, kb: { k: number }) {
  const query = `${t.subject ?? ""}\n${t.body}`.slice(0, 2000);
  const { hits } = await runTool(
    supportTool("semantic_search"),
    { query, kinds: ["kb_article"], k: kb.k, min_similarity: -1 },
    ctx,
  );
  if (hits.length === 0) return [];
  const { articles } = await runTool(
    supportTool("support_kb_articles"),
    { ids: hits.map((h) => h.entity_id) },
    ctx,
  );
  return hits.flatMap((h) => {
    const a = articles.find((x) => x.id === h.entity_id);
    return a ? [{ id: a.id, title: a.title, url: a.url, body: a.body, similarity: h.similarity }] : [];
  });
}

function replyBrief(t: SupportTicket, articles: ReplyBrief["articles"], assignee: string | null): ReplyBrief {
  const c = t.contact!;
  return {
    ticketId: t.id,
    subject: t.subject,
    body: t.body,
    contact: {
      id: c.id,
      firstName: c.first_name ?? "there",
      fullName: [c.first_name, c.last_name].filter(Boolean).join(" ") || "there",
    },
    articles,
    signature: assignee ?? "The support team",
  };
}

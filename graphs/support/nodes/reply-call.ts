import { AIMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import {
  checkModelToolCall,
  replyEvidence,
  replyMessages,
  SUPPORT_MODEL_TOOLS,
  SUPPORT_TEMPLATE_VERSION,
  supportTool,
  templateReply,
  type GuardScope,
  type ReplyBrief,
} from "../../../agents/support/index.ts";
import { langChainTools, runTool, ToolError, type ToolContext } from "../../../tools/index.ts";
import { modelContext, type Deps } from "../../runtime/index.ts";
import type { SupportDraft } from "../state.ts";

/** What came of asking for a reply: a draft, or why to escalate; and how many calls were blocked. */
export interface ReplyOutcome {
  draft: Omit<SupportDraft, "reason"> | null;
  escalation: string | null;
  blocked: number;
}

/** The offline provider's answer: the template reply as a create_draft call, through the same guard. */
export function offlineReply(b: ReplyBrief): AIMessage {
  const text = templateReply(b);
  return new AIMessage({
    content: "",
    tool_calls: [
      {
        id: `offline-${b.ticketId}`,
        name: "create_draft",
        args: {
          channel: "reply",
          contact_id: b.contact.id,
          about_kind: "ticket",
          about_id: b.ticketId,
          ...text,
          evidence_ids: replyEvidence(b),
        },
      },
    ],
  });
}

/**
 * Asks the model layer for a reply to one ticket with the support model tools bound (create_draft,
 * propose_task). Every proposed call goes through `checkModelToolCall`; only allowed calls, with
 * the arguments the guard constrained and the rest filled here, reach the store. Blocked calls
 * (and a model answer the gateway rejected) are written to the audit log for the ticket.
 */
export async function proposeReply(
  deps: Deps,
  config: LangGraphRunnableConfig,
  ctx: ToolContext,
  brief: ReplyBrief,
): Promise<ReplyOutcome> {
  const answer = await deps.models.call(
    {
      node: "respond",
      purpose: "support.kb-reply",
      messages: replyMessages(brief),
      tools: langChainTools(SUPPORT_MODEL_TOOLS),
      knownNames: [brief.contact.fullName, brief.signature],
      offline: () => offlineReply(brief),
      offlineVersion: SUPPORT_TEMPLATE_VERSION,
    },
    modelContext(config),
  );
  const scope: GuardScope = {
    ticketId: brief.ticketId,
    contactId: brief.contact.id,
    evidence: replyEvidence(brief),
    allowed: { create_draft: 0, propose_task: 0 },
  };
  const blocked: { tool: string; reason: string; args: string }[] = [];
  let draft: ReplyOutcome["draft"] = null;
  let escalation: string | null = null;
  for (const call of answer.value.tool_calls ?? []) {
    const v = checkModelToolCall(call, scope);
    if (v.verdict === "blocked") {
      blocked.push({ tool: v.tool, reason: v.reason, args: JSON.stringify(call.args).slice(0, 500) });
      continue;
    }
    scope.allowed[v.tool]++;
    if (v.tool === "propose_task") {
      escalation = `the model asked for a person: ${v.args.reason}`;
      continue;
    }
    const subject = v.args.subject ?? `Re: ${brief.subject ?? "your request"}`;
    try {
      const written = await runTool(
        supportTool("create_draft"),
        {
          channel: "reply",
          contact_id: brief.contact.id,
          about_kind: "ticket",
          about_id: brief.ticketId,
          subject,
          body: v.args.body,
          evidence_ids: v.args.evidence_ids,
          provider: answer.label,
        },
        ctx,
      );
      draft = {
        id: written.id,
        ticketId: brief.ticketId,
        contactId: brief.contact.id,
        to: brief.contact.fullName,
        subject,
        body: v.args.body,
      };
    } catch (err) {
      // consent can change between the read and the write: the tool has the last word
      if (!(err instanceof ToolError && err.code === "CONTACT_OPTED_OUT")) throw err;
      escalation = `the requester may not be emailed: ${err.message}`;
    }
  }
  const rejected =
    answer.degraded && answer.fallbackReason === "malformed"
      ? "malformed: an unknown tool or bad arguments"
      : null;
  if (blocked.length > 0 || rejected) {
    await runTool(
      supportTool("append_audit"),
      {
        action: "support.tool_calls_blocked",
        entity_kind: "ticket",
        entity_id: brief.ticketId,
        details: {
          provider: answer.label,
          blocked,
          ...(rejected ? { model_answer_rejected: rejected } : {}),
        },
      },
      ctx,
    );
  }
  return { draft, escalation: draft ? null : escalation, blocked: blocked.length };
}

import { SUPPORT_MODEL_TOOLS, SUPPORT_TOOLS } from "./tools.ts";

/** What the guard knows about the one ticket a model is answering. */
export interface GuardScope {
  ticketId: string;
  /** The ticket's requester: the only person a draft may go to. */
  contactId: string;
  /** Evidence the model may cite: the retrieved articles and the ticket. */
  evidence: readonly string[];
  /** Calls of each tool already allowed for this ticket (one draft, one escalation at most). */
  allowed: { create_draft: number; propose_task: number };
}

/** A model's tool call after the guard: allowed with constrained arguments, or blocked with why. */
export type GuardVerdict =
  | { verdict: "allowed"; tool: "create_draft"; args: DraftArgs }
  | { verdict: "allowed"; tool: "propose_task"; args: EscalationArgs }
  | { verdict: "blocked"; tool: string; reason: string };

export interface DraftArgs {
  subject: string | undefined;
  body: string;
  evidence_ids: string[];
}

export interface EscalationArgs {
  title: string;
  reason: string;
}

const str = (x: unknown): string | undefined => (typeof x === "string" ? x : undefined);

/**
 * The support agent's check of a tool call a model proposed (customer text is data; a model
 * may have been talked into anything). Allowed: `create_draft` to the ticket's own requester,
 * about this ticket, channel reply/email, citing only offered evidence (others are dropped), once;
 * `propose_task` of type `support_escalation` about this ticket, once. Everything else is blocked:
 * tools off the allow-list, allow-listed tools a model may not call, other recipients or tickets,
 * sms, leads, a second draft. The graph fills every other argument (provider, assignee, due …).
 */
export function checkModelToolCall(call: { name: string; args: unknown }, scope: GuardScope): GuardVerdict {
  const block = (reason: string): GuardVerdict => ({ verdict: "blocked", tool: call.name, reason });
  if (!(SUPPORT_TOOLS as readonly string[]).includes(call.name))
    return block("not on the support agent's allow-list");
  if (!(SUPPORT_MODEL_TOOLS as readonly string[]).includes(call.name))
    return block("on the allow-list, but not a tool a model may call while answering a ticket");
  const a = (call.args && typeof call.args === "object" ? call.args : {}) as Record<string, unknown>;
  if (call.name === "create_draft") {
    if (scope.allowed.create_draft > 0) return block("one reply draft per ticket");
    if (a.lead_id !== undefined) return block("a reply goes to the ticket's requester, not to a lead");
    if (str(a.contact_id) !== scope.contactId)
      return block(`recipient ${String(a.contact_id)} is not the ticket's requester ${scope.contactId}`);
    if (a.about_id !== undefined && str(a.about_id) !== scope.ticketId)
      return block(`about ${String(a.about_id)}, not this ticket`);
    if (a.about_kind !== undefined && a.about_kind !== "ticket")
      return block(`about a ${String(a.about_kind)}, not a ticket`);
    if (a.channel !== undefined && a.channel !== "reply" && a.channel !== "email")
      return block(`channel ${String(a.channel)} is not a ticket reply`);
    const body = str(a.body);
    if (!body || body.trim() === "") return block("no reply text");
    const offered = new Set(scope.evidence);
    const cited = Array.isArray(a.evidence_ids)
      ? a.evidence_ids.filter((e): e is string => typeof e === "string")
      : [];
    const evidence = cited.filter((e) => offered.has(e));
    if (!evidence.some((e) => e.startsWith("kb_article:"))) return block("cites no retrieved help article");
    return {
      verdict: "allowed",
      tool: "create_draft",
      args: { subject: str(a.subject)?.slice(0, 300), body: body.slice(0, 20_000), evidence_ids: evidence },
    };
  }
  if (scope.allowed.propose_task > 0) return block("one escalation per ticket");
  if (a.type !== "support_escalation") return block(`task type ${String(a.type)} is not support_escalation`);
  if (a.entity_kind !== "ticket" || str(a.entity_id) !== scope.ticketId)
    return block(`about ${String(a.entity_kind)} ${String(a.entity_id)}, not this ticket`);
  return {
    verdict: "allowed",
    tool: "propose_task",
    args: {
      title: (str(a.title) ?? "Escalated by the support agent").slice(0, 200),
      reason: (str(a.reason) ?? "The model asked for a person.").slice(0, 1500),
    },
  };
}

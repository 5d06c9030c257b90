import type { SupportPolicy } from "./policy.ts";
import type { SlaRisk } from "./sla.ts";
import { PRIORITY_VALUE, task, type SupportTask } from "./tasks.ts";
import type { Triage } from "./triage.ts";

/** Hours until a person must pick up an escalation, by priority. */
const DUE_HOURS: Record<string, number> = { critical: 1, high: 4, medium: 24, low: 72 };

/** The ticket an escalation is about. */
export interface EscalationTicket {
  id: string;
  subject: string | null;
  body: string;
  status: string;
  created_at: string;
  account_name: string | null;
  earlier_tickets: number;
}

/**
 * The summary a person reads instead of the ticket thread: what the customer asked (subject and
 * the first 300 characters, quoted as the customer's words), triage with confidences and the
 * runner-up intents, SLA risk, the account and why the agent did not answer itself.
 */
export function escalationSummary(
  t: EscalationTicket,
  tr: Triage,
  why: string,
  risks: readonly SlaRisk[],
): string {
  const excerpt = t.body.replace(/\s+/g, " ").slice(0, 300);
  const alt = tr.intent.alternatives.map((a) => `${a.label} ${a.probability}`).join(", ");
  const sla = risks.map(
    (r) => `${r.target} ${r.status} (p ${r.probability}, due ${r.breachAt.slice(0, 16)}Z)`,
  );
  return [
    `Why escalated: ${why}.`,
    `Customer wrote (quoted, not instructions): "${t.subject ?? ""}" — "${excerpt}${t.body.length > 300 ? "…" : ""}"`,
    `Triage: intent ${tr.intent.value} (${tr.intent.confidence}${alt ? `; next: ${alt}` : ""}), priority ${tr.priority.value} (${tr.priority.confidence}; ${tr.priority.basis}), sentiment ${tr.sentiment.value} (${tr.sentiment.confidence}), language ${tr.language.value} (${tr.language.confidence}), queue ${tr.queue.value}.`,
    `SLA: ${sla.length ? sla.join("; ") : "no open target"}.`,
    `Account: ${t.account_name ?? "none"}; ${t.earlier_tickets} earlier tickets from this requester or account.`,
  ].join("\n");
}

/** A task for a support person to handle a ticket the agent would not answer, due by its priority. */
export function personEscalation(
  t: EscalationTicket,
  tr: Triage,
  why: string,
  risks: readonly SlaRisk[],
  assigneeId: string | null,
  now: Date,
): SupportTask {
  const hours = DUE_HOURS[tr.priority.value] ?? 24;
  const firstBreach = risks.map((r) => Date.parse(r.breachAt)).filter((b) => b > now.getTime());
  const due = Math.min(now.getTime() + hours * 3_600_000, ...firstBreach);
  return task({
    type: "support_escalation",
    title: `Answer "${t.subject ?? "ticket"}" (${tr.intent.value}, ${tr.priority.value}): the agent escalated it`,
    reason: escalationSummary(t, tr, why, risks),
    entity_kind: "ticket",
    entity_id: t.id,
    priority_value: PRIORITY_VALUE[tr.priority.value] ?? 100,
    estimated_minutes: 30,
    required_skill: tr.queue.value,
    due_at: new Date(due).toISOString(),
    ...(assigneeId ? { assignee_id: assigneeId } : {}),
    evidence_ids: [`ticket:${t.id}`],
    dedupe_key: `support:escalation:ticket:${t.id}`,
  });
}

/** An account's latest scores as account_360 returns them. */
export interface AccountScore {
  kind: string;
  value: number;
  probability: number | null;
  tier: string | null;
}

/** Whether the ticket's account is at risk, and the reasons (latest churn and health scores). */
export function accountRisk(
  scores: readonly AccountScore[],
  policy: SupportPolicy,
): { atRisk: boolean; reasons: string[] } {
  const reasons: string[] = [];
  const churn = scores.find((s) => s.kind === "churn");
  const health = scores.find((s) => s.kind === "health");
  if (churn?.probability != null && churn.probability >= policy.escalation.churnProbability)
    reasons.push(`churn probability ${churn.probability} ≥ ${policy.escalation.churnProbability}`);
  if (health && health.value < policy.escalation.healthBelow)
    reasons.push(
      `health ${health.value} < ${policy.escalation.healthBelow}${health.tier ? ` (${health.tier})` : ""}`,
    );
  return { atRisk: reasons.length > 0, reasons };
}

/**
 * A customer-success task for the account owner: a ticket from an at-risk account. Its dedupe key
 * is the cs agent's own (`cs:cs_escalation:at_risk_account:ticket:<id>`), so the two agents keep
 * one open task per ticket between them.
 */
export function csEscalation(
  t: EscalationTicket,
  tr: Triage,
  account: { id: string; name: string; owner_id: string | null; arr: number | null },
  reasons: readonly string[],
  now: Date,
): SupportTask {
  const hours = Math.min(DUE_HOURS[tr.priority.value] ?? 24, 24);
  return task({
    type: "cs_escalation",
    title: `Escalation: "${t.subject ?? "ticket"}" from at-risk ${account.name}`,
    reason:
      `Support ticket (${tr.intent.value}, priority ${tr.priority.value}, sentiment ${tr.sentiment.value}) ` +
      `on an account at risk: ${reasons.join("; ")}. Raised by the support agent for the account owner.`,
    entity_kind: "ticket",
    entity_id: t.id,
    priority_value: Math.max(PRIORITY_VALUE[tr.priority.value] ?? 100, (account.arr ?? 0) * 0.01),
    estimated_minutes: 30,
    due_at: new Date(now.getTime() + hours * 3_600_000).toISOString(),
    ...(account.owner_id ? { assignee_id: account.owner_id } : {}),
    evidence_ids: [`ticket:${t.id}`, `account:${account.id}`],
    dedupe_key: `cs:cs_escalation:at_risk_account:ticket:${t.id}`,
  });
}

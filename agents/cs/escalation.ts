import type { CsAccountSnapshot, CsOpenTicket } from "../../tools/reads/cs-account-signals.ts";
import { arrOf, stateLine, type Assessment } from "./assessment.ts";
import type { CsPolicy } from "./policy.ts";
import { inHours, task, type TaskProposal } from "./tasks.ts";

const LEVELS = ["low", "medium", "high", "critical"] as const;
type Level = (typeof LEVELS)[number];
/** Hours until an escalation is due, and its share of the value at risk, per priority. */
const DUE_HOURS: Record<Level, number> = { critical: 4, high: 24, medium: 72, low: 168 };
const WEIGHT: Record<Level, number> = { critical: 1, high: 0.75, medium: 0.5, low: 0.25 };

const level = (x: string | null): Level | null =>
  (LEVELS as readonly string[]).includes(x ?? "") ? (x as Level) : null;

/**
 * The escalation priority of a ticket: the support agent's triage priority when the ticket has
 * one, else its own priority (medium if neither); a negative triaged sentiment raises it a level.
 */
export function escalationPriority(t: CsOpenTicket): { priority: Level; basis: string } {
  const triaged = level(t.triage_priority);
  let priority = triaged ?? level(t.priority) ?? "medium";
  const basis = [triaged ? `triage priority ${triaged}` : `ticket priority ${t.priority ?? "unset"}`];
  if (t.triage_sentiment === "negative") {
    priority = LEVELS[Math.min(3, LEVELS.indexOf(priority) + 1)]!;
    basis.push("negative sentiment (triage) raised it");
  }
  return { priority, basis: basis.join(", ") };
}

/**
 * A CS task per open support ticket of an at-risk account opened in the last
 * `escalationTicketDays`: about the ticket, due and valued by its escalation priority.
 */
export function escalations(
  snap: CsAccountSnapshot,
  a: Assessment,
  policy: CsPolicy,
  now: Date,
): TaskProposal[] {
  if (!a.atRisk) return [];
  const since = now.getTime() - policy.interventions.escalationTicketDays * 86_400_000;
  return snap.open_tickets
    .filter((t) => new Date(t.created_at).getTime() >= since)
    .map((t) => {
      const { priority, basis } = escalationPriority(t);
      return task({
        type: "cs_escalation",
        reasonCode: "at_risk_account",
        entity_kind: "ticket",
        entity_id: t.id,
        title: `Escalation (${priority}): "${t.subject ?? "ticket"}" from at-risk ${snap.account.name}`,
        reason:
          `Open ${t.status} ticket since ${t.created_at.slice(0, 10)} on an at-risk account; ${basis}. ` +
          `${stateLine(a)} Owner: ${snap.account.owner_name ?? "unassigned"}.`,
        priority_value: arrOf(snap.account) * a.churn.probability * WEIGHT[priority],
        estimated_minutes: 30,
        due_at: inHours(now, DUE_HOURS[priority]),
        evidence_ids: [`ticket:${t.id}`],
      });
    });
}

import { Annotation } from "@langchain/langgraph";
import type {
  RosterPerson,
  SlaModel,
  SlaRisk,
  SlaTarget,
  SupportPolicy,
  Triage,
  TriageModel,
} from "../../agents/support/index.ts";
import type { ApprovalAnswer } from "../runtime/index.ts";
import type { SupportTicket } from "../../tools/reads/support-open-tickets.ts";

/** A reply draft waiting for a person. */
export interface SupportDraft {
  id: string;
  ticketId: string;
  contactId: string;
  to: string;
  subject: string;
  body: string;
  reason: string;
}

/** One ticket of the current batch after triage: labels, where it went, its SLA risks. */
export interface TicketWork {
  ticketId: string;
  triage: Triage;
  /** The person holding the ticket after routing (kept, newly assigned, or null). */
  assigneeId: string | null;
  routeReason: string;
  risks: SlaRisk[];
}

/** What the run did, summed over batches. */
export interface SupportTotals {
  tickets: number;
  assigned: number;
  slaTasks: number;
  escalations: number;
  csEscalations: number;
  drafts: number;
  blockedToolCalls: number;
}

const ZERO: SupportTotals = {
  tickets: 0,
  assigned: 0,
  slaTasks: 0,
  escalations: 0,
  csEscalations: 0,
  drafts: 0,
  blockedToolCalls: 0,
};
const sumTotals = (a: SupportTotals, b: Partial<SupportTotals>): SupportTotals =>
  Object.fromEntries(
    Object.entries(a).map(([k, v]) => [k, v + (b[k as keyof SupportTotals] ?? 0)]),
  ) as unknown as SupportTotals;
const concat = <T>(a: T[], b: T[]) => a.concat(b);
const replace = <T>(_a: T, b: T) => b;

/**
 * The support graph's state; plain JSON (it is checkpointed). Per-batch channels (`page`, `work`)
 * are replaced by each batch; run-wide ones accumulate.
 */
export const SupportState = Annotation.Root({
  /** One ticket, or every open ticket of the tenant. */
  target: Annotation<{ kind: "ticket" | "all"; id?: string }>,
  /** The instant the run works at (ISO 8601), fixed at its start so a resumed run sees the same. */
  asOf: Annotation<string>,
  /** The tenant's policy: defaults with `tenants.settings.support` applied. */
  policy: Annotation<SupportPolicy>,
  /** The triage classifiers (trained on the tenant's labelled tickets), or null when it has too few. */
  triageModel: Annotation<TriageModel | null>({ reducer: replace, default: () => null }),
  /** How the triage model was obtained: loaded, trained now, or why there is none. */
  triageModelNote: Annotation<string>({ reducer: replace, default: () => "" }),
  /** The SLA models of first response and resolution, fitted on recorded tickets at the run's start. */
  slaModels: Annotation<Record<SlaTarget, SlaModel>>,
  /** Support people with their open-ticket load; the load grows as the run assigns tickets. */
  roster: Annotation<RosterPerson[]>({ reducer: replace, default: () => [] }),
  /** Open tickets per queue at the run's start. */
  queueLoad: Annotation<Record<string, number>>({ reducer: replace, default: () => ({}) }),
  /** Paging cursor (last ticket id read) when the target is every open ticket. */
  cursor: Annotation<string | null>({ reducer: replace, default: () => null }),
  /** Whether another page remains after the current one. */
  more: Annotation<boolean>({ reducer: replace, default: () => false }),
  /** The current batch of tickets. */
  page: Annotation<SupportTicket[]>({ reducer: replace, default: () => [] }),
  /** The current batch after triage and routing, with SLA risks. */
  work: Annotation<TicketWork[]>({ reducer: replace, default: () => [] }),
  /** What the run wrote so far. */
  totals: Annotation<SupportTotals, Partial<SupportTotals>>({
    reducer: sumTotals,
    default: () => ({ ...ZERO }),
  }),
  /** Reply drafts waiting for approval, over all batches. */
  drafts: Annotation<SupportDraft[]>({ reducer: concat, default: () => [] }),
  /** What the agent did not do for a ticket, and why (`ticket:<id>`: escalated, no article …). */
  notes: Annotation<{ entity: string; note: string }[]>({ reducer: concat, default: () => [] }),
  /** A person's decisions on the drafts (the resume value of the approval interrupt). */
  decisions: Annotation<ApprovalAnswer["decisions"] | null>({ reducer: replace, default: () => null }),
});

export type SupportStateType = typeof SupportState.State;
export type SupportUpdate = typeof SupportState.Update;

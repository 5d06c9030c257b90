import { leadBlocked } from "./consent.ts";
import { personName } from "./facts.ts";
import { evidenceOf, type DealFinding, type LeadFinding } from "./findings.ts";
import { slipText, stagnationText } from "./win.ts";

/** The next-best actions the sales agent proposes, as task types. */
export const TASK_TYPES = {
  callHotLead: "call_hot_lead",
  reengageDeal: "reengage_deal",
  addStakeholder: "add_stakeholder",
  setNextStep: "set_next_step",
  followUpOutreach: "follow_up_outreach",
} as const;

/** A task as propose_task takes it. */
export interface TaskProposal {
  type: string;
  title: string;
  reason: string;
  entity_kind: "lead" | "deal";
  entity_id: string;
  priority_value: number;
  estimated_minutes: number;
  due_at: string;
  /** The lead's or deal's owner, as a suggestion (a person's or the planner's assignment wins). */
  assignee_id?: string;
  evidence_ids: string[];
  /** `sales:<type>:<entity kind>:<entity id>`: stable, so a later run updates the open task. */
  dedupe_key: string;
}

/** What an action on an entity could not become, and why (recorded, never silent). */
export interface Skip {
  what: string;
  entity_kind: "lead" | "deal";
  entity_id: string;
  reason: string;
}

const HOUR_MS = 3_600_000;
const dueIn = (asOf: Date, hours: number) => new Date(asOf.getTime() + hours * HOUR_MS).toISOString();
/** The owner as the suggested assignee, when there is one. */
export const owner = (id: string | null): { assignee_id?: string } => (id ? { assignee_id: id } : {});
export const dedupeKey = (type: string, kind: string, id: string) => `sales:${type}:${kind}:${id}`;

/** A hot lead gets a call within the hour, unless it must not be contacted. */
export function leadTasks(f: LeadFinding, asOf: Date): { tasks: TaskProposal[]; skips: Skip[] } {
  if (f.score.tier !== "hot") return { tasks: [], skips: [] };
  const blocked = leadBlocked(f.lead);
  const type = TASK_TYPES.callHotLead;
  if (blocked)
    return {
      tasks: [],
      skips: [{ what: `task:${type}`, entity_kind: "lead", entity_id: f.lead.id, reason: blocked }],
    };
  const top = f.score.reasons
    .filter((r) => r.contribution > 0)
    .slice(0, 3)
    .map((r) => r.factor);
  const estimate =
    f.score.probability === null ? "score/100 × deal value, an estimate" : "P(convert) × deal value";
  const who = `${personName(f.lead)}${f.lead.company ? ` (${f.lead.company})` : ""}`;
  return {
    tasks: [
      {
        type,
        title: `Call ${who} within the hour`,
        reason: `Hot lead, score ${f.score.value} [${f.score.model_version}]: ${top.join("; ")}. Expected value ${f.expectedValue} (${estimate}).`,
        entity_kind: "lead",
        entity_id: f.lead.id,
        priority_value: f.expectedValue,
        estimated_minutes: 15,
        due_at: dueIn(asOf, 1),
        ...owner(f.lead.owner_id),
        evidence_ids: evidenceOf(f.score.reasons),
        dedupe_key: dedupeKey(type, "lead", f.lead.id),
      },
    ],
    skips: [],
  };
}

/** A deal's actions: re-engage if it stagnates, add a stakeholder if single-threaded, set a next step. */
export function dealTasks(f: DealFinding, asOf: Date): TaskProposal[] {
  const { deal, signals } = f;
  const ref = `deal:${deal.id}`;
  const latest = deal.activities[0] ? [`activity:${deal.activities[0].id}`] : [];
  const value = `Expected value ${f.expectedValue} (amount ${deal.amount ?? 0} × P(win) ${f.win.probability}).`;
  const task = (
    type: string,
    title: string,
    why: string,
    hours: number,
    minutes: number,
    evidence: string[],
  ) => ({
    type,
    title: `${title}: ${deal.name}`,
    reason: `${why}. ${value}`,
    entity_kind: "deal" as const,
    entity_id: deal.id,
    priority_value: f.expectedValue,
    estimated_minutes: minutes,
    due_at: dueIn(asOf, hours),
    ...owner(deal.owner_id),
    evidence_ids: [...new Set(evidence)],
    dedupe_key: dedupeKey(type, "deal", deal.id),
  });
  const tasks: TaskProposal[] = [];
  if (signals.stagnating) {
    const slip = signals.slipped ? `; ${slipText(deal, signals)}` : "";
    tasks.push(
      task(
        TASK_TYPES.reengageDeal,
        "Re-engage stalled deal",
        `Stalled: ${stagnationText(signals)}${slip}`,
        24,
        30,
        [ref, ...latest],
      ),
    );
  }
  if (signals.singleThreaded) {
    const who = deal.contacts.map((c) => `${personName(c)}${c.deal_role ? ` (${c.deal_role})` : ""}`);
    const why =
      who.length === 0 ? "Nobody is on this deal" : `Single-threaded: only ${who.join(", ")} on the deal`;
    tasks.push(
      task(TASK_TYPES.addStakeholder, "Add a stakeholder", why, 72, 20, [
        ref,
        ...deal.contacts.map((c) => `contact:${c.id}`),
      ]),
    );
  }
  if (signals.missingNextStep) {
    const why =
      signals.missingNextStep === "none"
        ? "No next step recorded"
        : `Next step "${deal.next_step}" was due ${deal.next_step_due}`;
    tasks.push(task(TASK_TYPES.setNextStep, "Agree a next step", why, 24, 10, [ref]));
  }
  return tasks;
}

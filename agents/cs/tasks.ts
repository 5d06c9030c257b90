/** A task the CS agent proposes, as propose_task takes it, plus the reason code it is deduped on. */
export interface TaskProposal {
  type: "check_in" | "qbr" | "renewal_prep" | "exec_sponsor" | "expansion" | "cs_escalation";
  /** Why, as a stable code: one open task per (entity, type, reason code). */
  reasonCode: string;
  title: string;
  reason: string;
  entity_kind: "account" | "ticket";
  entity_id: string;
  /** Expected value of doing the task (ARR-weighted), which ranks the queue. */
  priority_value: number;
  estimated_minutes: number;
  due_at: string;
  evidence_ids: string[];
  /** `cs:<type>:<reason code>:<entity kind>:<entity id>`: a rerun updates the open task. */
  dedupe_key: string;
}

/** Builds a proposal with its dedupe key. */
export function task(t: Omit<TaskProposal, "dedupe_key">): TaskProposal {
  return {
    ...t,
    priority_value: Math.round(t.priority_value * 100) / 100,
    evidence_ids: [...new Set(t.evidence_ids)].slice(0, 50),
    title: t.title.slice(0, 200),
    reason: t.reason.slice(0, 2000),
    dedupe_key: `cs:${t.type}:${t.reasonCode}:${t.entity_kind}:${t.entity_id}`.slice(0, 200),
  };
}

const HOUR_MS = 3_600_000;
/** `now` plus hours, as ISO 8601. */
export const inHours = (now: Date, hours: number): string =>
  new Date(now.getTime() + hours * HOUR_MS).toISOString();

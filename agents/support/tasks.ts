/** A task the support agent proposes, as propose_task takes it. */
export interface SupportTask {
  type: "sla_risk" | "sla_breached" | "support_escalation" | "cs_escalation";
  title: string;
  reason: string;
  entity_kind: "ticket";
  entity_id: string;
  priority_value: number;
  estimated_minutes: number;
  required_skill?: string;
  due_at: string;
  assignee_id?: string;
  evidence_ids: string[];
  dedupe_key: string;
}

/** Trims a proposal to the tool's limits. */
export function task(t: SupportTask): SupportTask {
  return {
    ...t,
    title: t.title.slice(0, 200),
    reason: t.reason.slice(0, 2000),
    priority_value: Math.round(t.priority_value * 100) / 100,
    evidence_ids: [...new Set(t.evidence_ids)].slice(0, 50),
    dedupe_key: t.dedupe_key.slice(0, 200),
  };
}

/** Value of a ticket task by priority (ranks the queue next to other agents' tasks). */
export const PRIORITY_VALUE: Record<string, number> = { critical: 400, high: 200, medium: 100, low: 50 };

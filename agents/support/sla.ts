import { dot, featureRow, isOffHours, type SlaFeatures, type SlaModel, type SlaTarget } from "./sla-model.ts";
import type { SupportPolicy } from "./policy.ts";
import { normalSurvival } from "./stats.ts";
import { PRIORITY_VALUE, task, type SupportTask } from "./tasks.ts";

/** An open ticket's SLA fields. */
export interface SlaTicket {
  id: string;
  subject: string | null;
  created_at: string;
  first_response_at: string | null;
  resolved_at: string | null;
  sla_first_response_minutes: number | null;
  sla_resolution_minutes: number | null;
}

/** The breach risk of one SLA target of one ticket. */
export interface SlaRisk {
  target: SlaTarget;
  /** P(target missed | not reached yet, now); 1 once the target time has passed. */
  probability: number;
  breachAt: string;
  status: "ok" | "at_risk" | "breached";
  factors: string[];
  modelVersion: string;
}

/**
 * Breach probability of each target a ticket has not reached: with z = log(elapsed ÷ target),
 * P = S((0 − μ)/σ) ÷ S((z − μ)/σ), the chance the log-normal time exceeds the target given it
 * already exceeds the elapsed time. μ = x·β from the ticket's priority, the queue's current load
 * and whether it is off hours now; plus log(unavailableSlowdown) when nobody skilled is free and in
 * working hours (explicit: availability is not in the recorded history). A ticket waiting on the
 * customer (pending, on hold) has no resolution risk: that clock is stopped.
 */
export function slaRisks(
  t: SlaTicket,
  models: Record<SlaTarget, SlaModel>,
  f: Omit<SlaFeatures, "offHours"> & { available: number; waitingOnCustomer: boolean },
  now: Date,
  policy: SupportPolicy,
): SlaRisk[] {
  const goals: [SlaTarget, string | null, number | null][] = [
    ["first_response", t.first_response_at, t.sla_first_response_minutes],
    // the resolution clock stops while the ticket waits on the customer (pending, on hold)
    ...(f.waitingOnCustomer
      ? []
      : [
          ["resolution", t.resolved_at, t.sla_resolution_minutes] as [
            SlaTarget,
            string | null,
            number | null,
          ],
        ]),
  ];
  const offHours = isOffHours(now);
  return goals.flatMap(([target, reached, goal]): SlaRisk[] => {
    if (reached || !goal) return [];
    const m = models[target];
    const created = Date.parse(t.created_at);
    const breachAt = new Date(created + goal * 60_000).toISOString();
    const elapsed = (now.getTime() - created) / 60_000;
    const slow = f.available === 0 ? Math.log(policy.sla.unavailableSlowdown) : 0;
    const mu =
      dot(featureRow({ priority: f.priority, queueLoad: f.queueLoad, offHours }), m.coefficients) + slow;
    const factors = [
      `priority ${f.priority ?? "unset"}`,
      `${f.queueLoad} open in the queue`,
      offHours ? "off hours" : "working hours",
      f.available === 0 ? "nobody skilled is free now" : `${f.available} skilled people free now`,
      `${Math.round(elapsed)} of ${goal} minutes gone`,
      `median expected ${Math.round(Math.exp(mu) * goal)} minutes (${m.kind} model, σ ${m.sigma})`,
    ];
    if (elapsed >= goal)
      return [
        { target, probability: 1, breachAt, status: "breached" as const, factors, modelVersion: m.version },
      ];
    const tail = (z: number) => normalSurvival((z - mu) / m.sigma);
    const given = elapsed > 0 ? tail(Math.log(elapsed / goal)) : 1;
    const probability = Math.min(1, given > 0 ? tail(0) / given : 1);
    const status = probability >= policy.sla.riskThreshold ? ("at_risk" as const) : ("ok" as const);
    return [
      {
        target,
        probability: Math.round(probability * 1000) / 1000,
        breachAt,
        status,
        factors,
        modelVersion: m.version,
      },
    ];
  });
}

/**
 * A task for each target at risk, due `leadMinutes` before the breach (or halfway to it when less
 * time is left), and one for a target already missed, due now. Assigned to the ticket's person.
 */
export function slaTasks(
  t: SlaTicket & { priority: string },
  risks: readonly SlaRisk[],
  assigneeId: string | null,
  now: Date,
  policy: SupportPolicy,
): SupportTask[] {
  return risks
    .filter((r) => r.status !== "ok")
    .map((r) => {
      const breach = Date.parse(r.breachAt);
      const left = breach - now.getTime();
      const lead = policy.sla.leadMinutes * 60_000;
      const due =
        r.status === "breached" ? now.getTime() : left > lead ? breach - lead : now.getTime() + left / 2;
      const what = r.target === "first_response" ? "first response" : "resolution";
      return task({
        type: r.status === "breached" ? "sla_breached" : "sla_risk",
        title:
          r.status === "breached"
            ? `SLA missed: ${what} for "${t.subject ?? "ticket"}" was due ${r.breachAt.slice(0, 16)}Z`
            : `Before ${r.breachAt.slice(0, 16)}Z: ${what} for "${t.subject ?? "ticket"}" (breach risk ${Math.round(r.probability * 100)}%)`,
        reason: `${what} SLA ${r.status === "breached" ? "already missed" : `breach probability ${r.probability}`}: ${r.factors.join("; ")}. Model ${r.modelVersion}.`,
        entity_kind: "ticket",
        entity_id: t.id,
        priority_value: (PRIORITY_VALUE[t.priority] ?? 100) * r.probability,
        estimated_minutes: r.target === "first_response" ? 15 : 45,
        due_at: new Date(Math.floor(due)).toISOString(),
        ...(assigneeId ? { assignee_id: assigneeId } : {}),
        evidence_ids: [`ticket:${t.id}`],
        dedupe_key: `support:sla:${r.target}:ticket:${t.id}`,
      });
    });
}

import type postgres from "postgres";

/** A task of a plan as the plan page shows it beside GET /v1/plans/{date}. */
export interface PlanTaskNow {
  id: string;
  title: string;
  type: string;
  reason: string;
  status: string;
  priority_value: number;
  estimated_minutes: number;
  due_at: Date | null;
  assignee_id: string | null;
  assignee_name: string | null;
  placed: boolean;
  /** the plan placed it, and a person then reassigned it (PATCH /v1/tasks/{id} removes the placement) */
  reassigned: boolean;
  /** why the plan did not place it (null: placed, or solved before reasons were kept) */
  unplaced_reason: string | null;
}

/**
 * Every task a plan considered (its candidates), with its current assignee and status and
 * whether the plan placed it; placed first, by value. In the caller's tenant transaction.
 */
export function planTasksNow(tx: postgres.TransactionSql, planId: string): Promise<PlanTaskNow[]> {
  return tx<PlanTaskNow[]>`
    SELECT t.id, t.title, t.type, t.reason, t.status, t.priority_value::float8 AS priority_value,
           t.estimated_minutes, t.due_at, t.assignee_id, u.name AS assignee_name,
           EXISTS (SELECT 1 FROM plan_assignments pa WHERE pa.plan_id = ${planId} AND pa.task_id = t.id) AS placed,
           (t.plan_id IS NOT DISTINCT FROM ${planId}::uuid
            AND NOT EXISTS (SELECT 1 FROM plan_assignments pa WHERE pa.plan_id = ${planId} AND pa.task_id = t.id)) AS reassigned,
           pc.unplaced_reason
    FROM (SELECT task_id, unplaced_reason FROM plan_candidates WHERE plan_id = ${planId}) pc
    JOIN tasks t ON t.id = pc.task_id
    LEFT JOIN users u ON u.id = t.assignee_id
    ORDER BY placed DESC, t.priority_value DESC, t.id`;
}

/** The tenant's active people, for the reassign select (by name). */
export function activePeople(
  tx: postgres.TransactionSql,
): Promise<{ id: string; name: string; role: string; capacity_hours_per_day: number }[]> {
  return tx`
    SELECT id, name, role, capacity_hours_per_day::float8 AS capacity_hours_per_day
    FROM users WHERE active ORDER BY name, id`;
}

import type postgres from "postgres";
import { DbError } from "../errors.ts";

/** Statuses a task moves through; the planner and agents create `open` tasks. */
export const TASK_STATUSES = ["open", "in_progress", "done", "cancelled"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** A task as the API shows it. */
export interface TaskRow {
  id: string;
  type: string;
  title: string;
  reason: string;
  entity_kind: string;
  entity_id: string;
  priority_value: number;
  estimated_minutes: number;
  required_skill: string | null;
  due_at: Date | null;
  assignee_id: string | null;
  assignee_name: string | null;
  status: TaskStatus;
  evidence_ids: string[];
  source_agent: string;
  run_id: string | null;
  plan_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface TaskFilter {
  /** A user id, or `unassigned`. */
  assignee?: string | undefined;
  status?: TaskStatus[] | undefined;
  dueBefore?: Date | undefined;
  dueAfter?: Date | undefined;
  /** The cursor's sort key: due time (text, `infinity` for none), expected value (text), id. */
  after?: readonly [string, string, string] | undefined;
  limit: number;
}

/** Reopening a task whose dedupe key another open task holds. */
export class TaskConflictError extends DbError {}

const COLUMNS = (tx: postgres.TransactionSql) => tx`
  t.id, t.type, t.title, t.reason, t.entity_kind, t.entity_id, t.priority_value::float8 AS priority_value,
  t.estimated_minutes, t.required_skill, t.due_at, t.assignee_id, u.name AS assignee_name, t.status,
  t.evidence_ids, t.source_agent, t.run_id, t.plan_id, t.created_at, t.updated_at`;

/**
 * A page of the tenant's tasks (call inside `withTenant`), soonest due first (no due time last),
 * then by expected value, then id; after the cursor's key when given. Reads `limit + 1` rows to
 * tell whether another page follows; `total` counts every match. Each row carries `sort_key`.
 */
export async function listTasks(
  tx: postgres.TransactionSql,
  tenantId: string,
  f: TaskFilter,
): Promise<{ rows: (TaskRow & { sort_key: [string, string] })[]; total: number }> {
  const unassigned = f.assignee === "unassigned";
  const where = tx`
    t.tenant_id = ${tenantId}
      AND (${!f.assignee} OR (${unassigned} AND t.assignee_id IS NULL)
           OR (NOT ${unassigned} AND t.assignee_id::text = ${f.assignee ?? ""}))
      AND (${!f.status} OR t.status = ANY(${f.status ?? []}))
      AND (${f.dueBefore ?? null}::timestamptz IS NULL OR t.due_at < ${f.dueBefore ?? null})
      AND (${f.dueAfter ?? null}::timestamptz IS NULL OR t.due_at >= ${f.dueAfter ?? null})`;
  // sent as text: a timestamptz parameter would pass through a JS Date and lose its microseconds
  const due = tx`coalesce(t.due_at, 'infinity'::timestamptz)`;
  const after = f.after
    ? tx`(${due} > ${f.after[0]}::text::timestamptz OR (${due} = ${f.after[0]}::text::timestamptz
          AND (t.priority_value < ${f.after[1]}::text::numeric
               OR (t.priority_value = ${f.after[1]}::text::numeric AND t.id > ${f.after[2]}::uuid))))`
    : tx`TRUE`;
  const rows = await tx<(TaskRow & { k_due: string; k_value: string })[]>`
    SELECT ${COLUMNS(tx)}, ${due}::text AS k_due, t.priority_value::text AS k_value
    FROM tasks t LEFT JOIN users u ON u.id = t.assignee_id
    WHERE ${where} AND ${after}
    ORDER BY ${due}, t.priority_value DESC, t.id LIMIT ${f.limit + 1}`;
  const [count] = await tx<{ n: number }[]>`SELECT count(*)::int AS n FROM tasks t WHERE ${where}`;
  return {
    rows: rows.map(({ k_due, k_value, ...row }) => ({
      ...row,
      sort_key: [k_due, k_value] as [string, string],
    })),
    total: count!.n,
  };
}

/**
 * Sets a task's status and writes who did it to the audit log; null when the tenant has no
 * such task. Reopening a task whose dedupe key an open task already holds is refused.
 */
export async function setTaskStatus(
  tx: postgres.TransactionSql,
  tenantId: string,
  taskId: string,
  status: TaskStatus,
  actor: string,
): Promise<TaskRow | null> {
  const [before] = await tx<{ status: string }[]>`
    SELECT status FROM tasks WHERE tenant_id = ${tenantId} AND id = ${taskId} FOR UPDATE`;
  if (!before) return null;
  try {
    await tx`UPDATE tasks SET status = ${status}, updated_at = now() WHERE id = ${taskId}`;
  } catch (err) {
    // the unique index over open dedupe keys; the caller's transaction rolls back
    if ((err as { code?: string }).code !== "23505") throw err;
    throw new TaskConflictError(
      "TASK_CONFLICT",
      `task ${taskId} cannot be ${status}: another open task has the same dedupe key`,
    );
  }
  await tx`INSERT INTO audit_log (tenant_id, actor, action, entity_kind, entity_id, details)
           VALUES (${tenantId}, ${actor}, 'task.status_changed', 'task', ${taskId},
                   ${tx.json({ from: before.status, to: status })})`;
  const [row] = await tx<TaskRow[]>`
    SELECT ${COLUMNS(tx)} FROM tasks t LEFT JOIN users u ON u.id = t.assignee_id WHERE t.id = ${taskId}`;
  return row!;
}

/** One task as the API shows it, or null when the tenant has no such task. */
export async function getTask(
  tx: postgres.TransactionSql,
  tenantId: string,
  taskId: string,
): Promise<TaskRow | null> {
  const [row] = await tx<TaskRow[]>`
    SELECT ${COLUMNS(tx)} FROM tasks t LEFT JOIN users u ON u.id = t.assignee_id
    WHERE t.tenant_id = ${tenantId} AND t.id = ${taskId}`;
  return row ?? null;
}

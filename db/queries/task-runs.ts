import type postgres from "postgres";

/** One run's part in a task: it proposed the task (created it) or proposed it again. */
export interface TaskRunWrite {
  taskId: string;
  /** The agent whose policy proposed it (a planner run: its proposal step's agent). */
  agent: string;
  created: boolean;
}

/**
 * Records that `runId` proposed these tasks (migration 0016), so the run's outputs list them
 * even when an earlier run created the task. A retried run writes the same rows again (no-op);
 * a task it created keeps `created` true.
 */
export async function recordTaskRuns(
  tx: postgres.TransactionSql,
  tenantId: string,
  runId: string,
  tasks: readonly TaskRunWrite[],
): Promise<void> {
  if (tasks.length === 0) return;
  const rows = tasks.map((t) => ({ task_id: t.taskId, agent: t.agent, created: t.created }));
  await tx`
    INSERT INTO task_runs (tenant_id, run_id, task_id, agent, created)
    SELECT ${tenantId}, ${runId}, v.task_id, v.agent, v.created
    FROM jsonb_to_recordset(${tx.json(rows as unknown as postgres.JSONValue)})
      AS v(task_id uuid, agent text, created boolean)
    ON CONFLICT (run_id, task_id) DO UPDATE SET created = task_runs.created OR EXCLUDED.created`;
}

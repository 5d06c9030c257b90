import type postgres from "postgres";
import { upsertPlanTask, type PlanTaskWrite } from "./plans.ts";
import { recordTaskRuns } from "./task-runs.ts";

type Tx = postgres.TransactionSql;
interface BatchIds {
  tenantId: string;
  runId: string;
  planId: string;
  batchKey: string;
}

/**
 * upsertPlanTask for a whole batch in a few statements: the rows earlier attempts wrote (by
 * idempotency key) updated in one statement, the rest inserted in one (an open task with the
 * same dedupe key updated instead, its assignee kept), then every candidate of the plan in one.
 * Returns the task ids in input order and how many tasks were created. A batch that repeats a
 * dedupe key or an idempotency key is written one task at a time, in order, as before (one
 * statement must not update a row twice).
 */
export async function upsertPlanTasks(
  tx: Tx,
  ids: BatchIds,
  tasks: PlanTaskWrite[],
): Promise<{ taskIds: string[]; created: number }> {
  if (tasks.length === 0) return { taskIds: [], created: 0 };
  const repeats =
    new Set(tasks.map((t) => t.dedupe_key)).size < tasks.length ||
    new Set(tasks.map((t) => t.idempotency_key)).size < tasks.length;
  if (repeats) return oneAtATime(tx, ids, tasks);

  const mine = new Map(
    (
      await tx<{ id: string; idempotency_key: string }[]>`
        SELECT id, idempotency_key FROM tasks
        WHERE tenant_id = ${ids.tenantId} AND idempotency_key IN ${tx(tasks.map((t) => t.idempotency_key))}`
    ).map((r) => [r.idempotency_key, r.id]),
  );
  const taskIds: (string | undefined)[] = tasks.map((t) => mine.get(t.idempotency_key));
  const retried = tasks.flatMap((t, i) => (taskIds[i] ? [{ ...fields(t), id: taskIds[i] }] : []));
  if (retried.length > 0) {
    await tx`
      UPDATE tasks SET title = v.title, reason = v.reason, priority_value = v.priority_value,
        estimated_minutes = v.estimated_minutes, required_skill = v.required_skill, due_at = v.due_at,
        evidence_ids = v.evidence_ids, assignee_id = coalesce(tasks.assignee_id, v.owner_id), updated_at = now()
      FROM jsonb_to_recordset(${tx.json(retried as unknown as postgres.JSONValue)}) AS v(
        id uuid, title text, reason text, priority_value numeric, estimated_minutes int, required_skill text,
        due_at timestamptz, evidence_ids text[], owner_id uuid)
      WHERE tasks.id = v.id AND tasks.status IN ('open', 'in_progress')`;
  }
  const fresh = tasks.flatMap((t, i) => (taskIds[i] ? [] : [{ ...fields(t), i }]));
  let created = 0;
  const createdHere = new Set<string>();
  if (fresh.length > 0) {
    const rows = await tx<{ id: string; dedupe_key: string; created: boolean }[]>`
      INSERT INTO tasks (tenant_id, type, title, reason, entity_kind, entity_id, priority_value, estimated_minutes,
                         required_skill, due_at, dedupe_key, evidence_ids, source_agent, run_id, idempotency_key,
                         assignee_id)
      SELECT ${ids.tenantId}, v.type, v.title, v.reason, v.entity_kind, v.entity_id, v.priority_value,
             v.estimated_minutes, v.required_skill, v.due_at, v.dedupe_key, v.evidence_ids, v.source, ${ids.runId},
             v.idempotency_key, v.owner_id
      FROM jsonb_to_recordset(${tx.json(fresh as unknown as postgres.JSONValue)}) AS v(
        i int, type text, title text, reason text, entity_kind text, entity_id uuid, priority_value numeric,
        estimated_minutes int, required_skill text, due_at timestamptz, dedupe_key text, evidence_ids text[],
        source text, idempotency_key text, owner_id uuid)
      ORDER BY v.i
      ON CONFLICT (tenant_id, dedupe_key) WHERE status IN ('open', 'in_progress') DO UPDATE SET
        title = EXCLUDED.title, reason = EXCLUDED.reason, priority_value = EXCLUDED.priority_value,
        estimated_minutes = EXCLUDED.estimated_minutes, required_skill = EXCLUDED.required_skill,
        due_at = EXCLUDED.due_at, evidence_ids = EXCLUDED.evidence_ids,
        assignee_id = coalesce(tasks.assignee_id, EXCLUDED.assignee_id), updated_at = now()
      RETURNING id, dedupe_key, (xmax = 0) AS created`;
    const position = new Map(fresh.map((f) => [f.dedupe_key, f.i]));
    for (const r of rows) {
      taskIds[position.get(r.dedupe_key)!] = r.id;
      if (r.created) {
        created += 1;
        createdHere.add(r.id);
      }
    }
  }
  const done = taskIds.map((id, i) => {
    if (!id) throw new Error(`task ${tasks[i]!.dedupe_key} was not written`);
    return id;
  });
  await upsertCandidates(tx, ids, tasks, done);
  // this run proposed each of them, whichever run created it first (migration 0016)
  const proposed = new Map(
    done.map((id, i) => [id, { taskId: id, agent: tasks[i]!.source, created: createdHere.has(id) }]),
  );
  await recordTaskRuns(tx, ids.tenantId, ids.runId, [...proposed.values()]);
  return { taskIds: done, created };
}

function fields(t: PlanTaskWrite) {
  return {
    type: t.type,
    title: t.title,
    reason: t.reason,
    entity_kind: t.entity_kind,
    entity_id: t.entity_id,
    priority_value: t.priority_value,
    estimated_minutes: t.estimated_minutes,
    required_skill: t.required_skill,
    due_at: t.due_at,
    dedupe_key: t.dedupe_key,
    evidence_ids: t.evidence_ids,
    source: t.source,
    idempotency_key: t.idempotency_key,
    owner_id: t.owner_id,
  };
}

/** The batch's candidates of the plan; two proposals of one task keep the higher value. */
async function upsertCandidates(
  tx: Tx,
  ids: BatchIds,
  tasks: PlanTaskWrite[],
  taskIds: string[],
): Promise<void> {
  const byTask = new Map<string, { task_id: string; source: string; owner_id: string | null; ev: number }>();
  tasks.forEach((t, i) => {
    const earlier = byTask.get(taskIds[i]!);
    const ev = Math.max(earlier?.ev ?? 0, t.priority_value);
    byTask.set(taskIds[i]!, { task_id: taskIds[i]!, source: t.source, owner_id: t.owner_id, ev });
  });
  await tx`
    INSERT INTO plan_candidates (tenant_id, plan_id, task_id, source, owner_id, expected_value, batch_key)
    SELECT ${ids.tenantId}, ${ids.planId}, v.task_id, v.source, v.owner_id, v.ev, ${ids.batchKey}
    FROM jsonb_to_recordset(${tx.json([...byTask.values()] as unknown as postgres.JSONValue)})
      AS v(task_id uuid, source text, owner_id uuid, ev float8)
    ON CONFLICT (plan_id, task_id) DO UPDATE SET source = EXCLUDED.source, owner_id = EXCLUDED.owner_id,
      expected_value = greatest(plan_candidates.expected_value, EXCLUDED.expected_value), batch_key = EXCLUDED.batch_key`;
}

async function oneAtATime(
  tx: Tx,
  ids: BatchIds,
  tasks: PlanTaskWrite[],
): Promise<{ taskIds: string[]; created: number }> {
  const taskIds: string[] = [];
  let created = 0;
  for (const t of tasks) {
    const written = await upsertPlanTask(tx, ids, t);
    if (written.created) created += 1;
    taskIds.push(written.id);
  }
  return { taskIds, created };
}

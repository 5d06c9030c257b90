// What every infrastructure drill verifies in the store once its runs are done: nothing left
// running, nothing written twice, nothing half-written, and every run's story told to its end.
import type postgres from "postgres";

/** One line of a drill's verdict. */
export interface Check {
  name: string;
  /** What was measured (a count, usually). */
  value: number | string;
  /** What passing means, for the table. */
  want: string;
  ok: boolean;
}

const count = async (q: Promise<{ n: number }[]>) => (await q)[0]!.n;

/**
 * Outputs written twice: the same run wrote two rows for one logical output (the unique
 * idempotency keys stop a repeat of the same key; this catches a retry that made a different one).
 */
export async function duplicateOutputs(sql: postgres.Sql, tenantId: string) {
  const scores = await count(sql<{ n: number }[]>`
    SELECT coalesce(sum(n - 1), 0)::int AS n FROM (
      SELECT count(*) AS n FROM scores WHERE tenant_id = ${tenantId} AND run_id IS NOT NULL
      GROUP BY run_id, entity_kind, entity_id, kind HAVING count(*) > 1) d`);
  // a task's run_id follows the last run that refreshed it; its key names the run that wrote it
  const tasks = await count(sql<{ n: number }[]>`
    SELECT coalesce(sum(n - 1), 0)::int AS n FROM (
      SELECT count(*) AS n FROM tasks WHERE tenant_id = ${tenantId} AND idempotency_key IS NOT NULL
      GROUP BY split_part(idempotency_key, ':', 1), entity_kind, entity_id, type HAVING count(*) > 1) d`);
  const openTasks = await count(sql<{ n: number }[]>`
    SELECT coalesce(sum(n - 1), 0)::int AS n FROM (
      SELECT count(*) AS n FROM tasks WHERE tenant_id = ${tenantId} AND status IN ('open', 'in_progress')
      GROUP BY dedupe_key HAVING count(*) > 1) d`);
  const drafts = await count(sql<{ n: number }[]>`
    SELECT coalesce(sum(n - 1), 0)::int AS n FROM (
      SELECT count(*) AS n FROM drafts WHERE tenant_id = ${tenantId} AND run_id IS NOT NULL
      GROUP BY run_id, entity_kind, entity_id, channel, contact_id, lead_id HAVING count(*) > 1) d`);
  const audit = await count(sql<{ n: number }[]>`
    SELECT coalesce(sum(n - 1), 0)::int AS n FROM (
      SELECT count(*) AS n FROM audit_log WHERE tenant_id = ${tenantId} AND run_id IS NOT NULL
      GROUP BY run_id, split_part(action, '.', 1),
               coalesce(details->>'score_id', details->>'task_id', details->>'draft_id', id::text)
      HAVING count(*) > 1) d`);
  return { scores, tasks, openTasks, drafts, audit };
}

/** Outputs without the audit entry written in the same transaction, and entries without output. */
export async function halfWritten(sql: postgres.Sql, tenantId: string) {
  const withoutAudit = await count(sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (
      SELECT tenant_id, idempotency_key FROM scores WHERE tenant_id = ${tenantId} AND run_id IS NOT NULL
      UNION ALL SELECT tenant_id, idempotency_key FROM drafts WHERE tenant_id = ${tenantId} AND run_id IS NOT NULL
      UNION ALL SELECT tenant_id, idempotency_key FROM tasks
        WHERE tenant_id = ${tenantId} AND idempotency_key IS NOT NULL) o
    WHERE NOT EXISTS (SELECT 1 FROM audit_log a
                      WHERE a.tenant_id = o.tenant_id AND a.idempotency_key = o.idempotency_key || ':audit')`);
  const auditWithoutOutput = await count(sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM audit_log a
    WHERE a.tenant_id = ${tenantId} AND a.run_id IS NOT NULL AND (
      (a.details ? 'score_id' AND NOT EXISTS (SELECT 1 FROM scores s WHERE s.id::text = a.details->>'score_id'))
      OR (a.details ? 'task_id' AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.id::text = a.details->>'task_id'))
      OR (a.details ? 'draft_id' AND NOT EXISTS (SELECT 1 FROM drafts d WHERE d.id::text = a.details->>'draft_id')))`);
  return { withoutAudit, auditWithoutOutput };
}

/**
 * Runs whose record does not add up: events with gaps in their numbering, a last event that is
 * not the run's final status, a finished run without finished_at, a failed run without an error
 * naming its cause, a run without a checkpoint.
 */
export async function runRecords(sql: postgres.Sql, tenantId: string) {
  const eventGaps = await count(sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM agent_runs r
    WHERE r.tenant_id = ${tenantId} AND (
      r.last_event_seq <> (SELECT count(*) FROM run_events e WHERE e.run_id = r.id)
      OR r.last_event_seq <> coalesce((SELECT max(seq) FROM run_events e WHERE e.run_id = r.id), 0))`);
  const wrongLastEvent = await count(sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM agent_runs r
    WHERE r.tenant_id = ${tenantId} AND r.status NOT IN ('queued', 'running')
      AND (SELECT type FROM run_events e WHERE e.run_id = r.id ORDER BY seq DESC LIMIT 1)
          IS DISTINCT FROM 'run_' || r.status`);
  const unfinishedTimes = await count(sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM agent_runs
    WHERE tenant_id = ${tenantId} AND status IN ('succeeded', 'failed', 'budget_exceeded', 'cancelled')
      AND finished_at IS NULL`);
  const failedWithoutCause = await count(sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM agent_runs
    WHERE tenant_id = ${tenantId} AND status = 'failed'
      AND (error IS NULL OR coalesce(error->>'code', '') = '' OR coalesce(error->>'message', '') = '')`);
  const withoutCheckpoint = await count(sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM agent_runs r
    WHERE r.tenant_id = ${tenantId} AND r.status IN ('succeeded', 'interrupted')
      AND NOT EXISTS (SELECT 1 FROM langgraph.checkpoints c WHERE c.thread_id = r.id::text)`);
  // two legs of one run both ran to the end: two workers executed it at once
  const finishedTwice = await count(sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (
      SELECT run_id FROM run_events
      WHERE tenant_id = ${tenantId}
        AND type IN ('run_succeeded', 'run_failed', 'run_interrupted', 'run_budget_exceeded')
      GROUP BY run_id HAVING count(*) > 1) d`);
  return { eventGaps, wrongLastEvent, unfinishedTimes, failedWithoutCause, withoutCheckpoint, finishedTwice };
}

/** Failed runs' errors, counted by `code: message` (first 120 characters). */
export async function failureCauses(sql: postgres.Sql, tenantId: string): Promise<Record<string, number>> {
  const rows = await sql<{ cause: string; n: number }[]>`
    SELECT left(coalesce(error->>'code', '?') || ': ' || coalesce(error->>'message', '?'), 120) AS cause,
           count(*)::int AS n
    FROM agent_runs WHERE tenant_id = ${tenantId} AND status = 'failed' GROUP BY 1 ORDER BY 2 DESC`;
  return Object.fromEntries(rows.map((r) => [r.cause, r.n]));
}

/** The store checks every drill shares, as table lines. */
export async function storeChecks(sql: postgres.Sql, tenantId: string): Promise<Check[]> {
  const dup = await duplicateOutputs(sql, tenantId);
  const half = await halfWritten(sql, tenantId);
  const rec = await runRecords(sql, tenantId);
  const zero = (name: string, value: number): Check => ({ name, value, want: "0", ok: value === 0 });
  return [
    zero("duplicate scores", dup.scores),
    zero("duplicate tasks (run, entity, type)", dup.tasks),
    zero("duplicate open tasks (dedupe key)", dup.openTasks),
    zero("duplicate drafts", dup.drafts),
    zero("duplicate audit entries", dup.audit),
    zero("outputs without their audit entry", half.withoutAudit),
    zero("audit entries without their output", half.auditWithoutOutput),
    zero("runs with gaps in their events", rec.eventGaps),
    zero("runs whose last event is not their status", rec.wrongLastEvent),
    zero("finished runs without finished_at", rec.unfinishedTimes),
    zero("failed runs without a code and message", rec.failedWithoutCause),
    zero("finished runs without a checkpoint", rec.withoutCheckpoint),
    zero("runs whose leg ended twice (ran twice at once)", rec.finishedTwice),
  ];
}

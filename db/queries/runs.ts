import type postgres from "postgres";
import type { Sql } from "../store.ts";

export type RunStatus =
  "queued" | "running" | "interrupted" | "succeeded" | "failed" | "cancelled" | "budget_exceeded";

/** What a run is about: one entity, a segment, or the whole book. */
export interface RunTarget {
  kind: "account" | "lead" | "deal" | "ticket" | "contact" | "segment" | "all";
  id?: string;
  filter?: Record<string, unknown>;
}

/** A row of `agent_runs`. */
export interface AgentRun {
  id: string;
  tenant_id: string;
  agent: string;
  target: RunTarget;
  status: RunStatus;
  idempotency_key: string | null;
  trigger: string;
  budget: Record<string, number>;
  usage: Record<string, unknown>;
  provider: string | null;
  degraded: boolean;
  error: Record<string, unknown> | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface NewRun {
  tenantId: string;
  agent: string;
  target: RunTarget;
  trigger: string;
  budget: Record<string, number>;
  /** A caller's key: creating the same run twice returns the first one. */
  idempotencyKey?: string | null;
  parentRunId?: string | null;
}

/** Creates a queued run, or returns the existing run with the same idempotency key. */
export async function createRun(sql: Sql, run: NewRun): Promise<{ run: AgentRun; created: boolean }> {
  const [inserted] = await sql<AgentRun[]>`
    INSERT INTO agent_runs (tenant_id, agent, target, trigger, budget, idempotency_key, parent_run_id)
    VALUES (${run.tenantId}, ${run.agent}, ${sql.json(run.target as unknown as postgres.JSONValue)}, ${run.trigger},
            ${sql.json(run.budget)}, ${run.idempotencyKey ?? null}, ${run.parentRunId ?? null})
    ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
    RETURNING *`;
  if (inserted) return { run: inserted, created: true };
  const [existing] = await sql<AgentRun[]>`
    SELECT * FROM agent_runs WHERE tenant_id = ${run.tenantId} AND idempotency_key = ${run.idempotencyKey ?? null}`;
  return { run: existing!, created: false };
}

export async function getRun(sql: Sql, tenantId: string, runId: string): Promise<AgentRun | null> {
  const [row] = await sql<
    AgentRun[]
  >`SELECT * FROM agent_runs WHERE tenant_id = ${tenantId} AND id = ${runId}`;
  return row ?? null;
}

/** Marks a run as running (keeps the first start time across resumes). */
export async function startRun(sql: Sql, runId: string): Promise<AgentRun> {
  const [row] = await sql<AgentRun[]>`
    UPDATE agent_runs SET status = 'running', started_at = coalesce(started_at, now()), error = NULL
    WHERE id = ${runId} RETURNING *`;
  return row!;
}

export interface RunOutcome {
  status: Exclude<RunStatus, "queued" | "running">;
  usage: Record<string, unknown>;
  provider: string | null;
  degraded: boolean;
  error?: Record<string, unknown> | null;
}

/** Records how a run (or one leg of it, before an interrupt) ended, with its usage. */
export async function finishRun(sql: Sql, runId: string, outcome: RunOutcome): Promise<AgentRun> {
  const final = outcome.status !== "interrupted";
  const [row] = await sql<AgentRun[]>`
    UPDATE agent_runs
    SET status = ${outcome.status}, usage = ${sql.json(outcome.usage as postgres.JSONValue)},
        provider = ${outcome.provider}, degraded = degraded OR ${outcome.degraded},
        error = ${outcome.error ? sql.json(outcome.error as postgres.JSONValue) : null},
        finished_at = CASE WHEN ${final} THEN now() ELSE NULL END
    WHERE id = ${runId} RETURNING *`;
  return row!;
}

/** Saves a run's usage so far (at node boundaries), so a crashed run resumes with its count. */
export async function saveRunUsage(sql: Sql, runId: string, usage: Record<string, unknown>): Promise<void> {
  await sql`UPDATE agent_runs SET usage = ${sql.json(usage as postgres.JSONValue)} WHERE id = ${runId}`;
}

/** Statuses of a run that is not finished: it can still be cancelled. */
export const ACTIVE_RUN_STATUSES: RunStatus[] = ["queued", "running", "interrupted"];

/**
 * Statuses of a run that holds its target (LangGraph's "busy thread"): queued or running. A run
 * waiting for a person (`interrupted`) does not: a new trigger on its target starts, and the
 * outputs' idempotency and dedupe keys keep the two runs from writing the same thing twice.
 */
export const BUSY_RUN_STATUSES: RunStatus[] = ["queued", "running"];

/** The run with this idempotency key, if any. */
export async function findRunByKey(sql: Sql, tenantId: string, key: string): Promise<AgentRun | null> {
  const [row] = await sql<AgentRun[]>`
    SELECT * FROM agent_runs WHERE tenant_id = ${tenantId} AND idempotency_key = ${key}`;
  return row ?? null;
}

/**
 * Serialises run creation on one (tenant, agent, target) until the transaction ends, so two
 * requests cannot both find the target free. Call inside a transaction.
 */
export async function lockRunTarget(
  tx: Sql,
  tenantId: string,
  agent: string,
  target: RunTarget,
): Promise<void> {
  const key = `${tenantId}:${agent}:${JSON.stringify(target)}`;
  await tx`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 6))`;
}

/**
 * The oldest busy run (queued or running) of `agent` on the same target, other than `except`;
 * with `before`, only runs created before that one (its queue predecessors).
 */
export async function findBusyRunOnTarget(
  sql: Sql,
  q: { tenantId: string; agent: string; target: RunTarget; except?: string; before?: AgentRun },
): Promise<AgentRun | null> {
  const [row] = await sql<AgentRun[]>`
    SELECT * FROM agent_runs
    WHERE tenant_id = ${q.tenantId} AND agent = ${q.agent} AND status IN ${sql(BUSY_RUN_STATUSES)}
      AND target->>'kind' = ${q.target.kind} AND (target->>'id') IS NOT DISTINCT FROM ${q.target.id ?? null}
      AND target = ${sql.json(q.target as unknown as postgres.JSONValue)}
      AND id <> ${q.except ?? "00000000-0000-0000-0000-000000000000"}
      AND (${q.before?.created_at ?? null}::timestamptz IS NULL
           OR (created_at, id) < (${q.before?.created_at ?? null}::timestamptz, ${q.before?.id ?? null}::uuid))
    ORDER BY created_at, id LIMIT 1`;
  return row ?? null;
}

/**
 * Marks a run as running unless it was cancelled meanwhile (then null): the start of every leg.
 * Keeps the first start time across resumes.
 */
export async function claimRun(sql: Sql, runId: string): Promise<AgentRun | null> {
  const [row] = await sql<AgentRun[]>`
    UPDATE agent_runs SET status = 'running', started_at = coalesce(started_at, now()), error = NULL
    WHERE id = ${runId} AND status <> 'cancelled' RETURNING *`;
  return row ?? null;
}

/** A run's status, read alone (the cancellation check of an executing leg). */
export async function runStatus(sql: Sql, runId: string): Promise<RunStatus | null> {
  const [row] = await sql<{ status: RunStatus }[]>`SELECT status FROM agent_runs WHERE id = ${runId}`;
  return row?.status ?? null;
}

/**
 * Cancels an active run: status `cancelled`, finished now, with `error` saying so. Null when the
 * run is not active (finished, already cancelled, or not this tenant's).
 */
export async function markRunCancelled(
  sql: Sql,
  tenantId: string,
  runId: string,
  error: Record<string, unknown>,
): Promise<AgentRun | null> {
  const [row] = await sql<AgentRun[]>`
    UPDATE agent_runs SET status = 'cancelled', finished_at = now(), error = ${sql.json(error as postgres.JSONValue)}
    WHERE tenant_id = ${tenantId} AND id = ${runId} AND status IN ${sql(ACTIVE_RUN_STATUSES)}
    RETURNING *`;
  return row ?? null;
}

/**
 * Records how a leg ended unless the run was cancelled meanwhile: a cancelled run stays
 * cancelled (its usage and providers are still saved).
 */
export async function finishRunUnlessCancelled(
  sql: Sql,
  runId: string,
  outcome: RunOutcome,
): Promise<AgentRun> {
  const final = outcome.status !== "interrupted";
  const [row] = await sql<AgentRun[]>`
    UPDATE agent_runs
    SET usage = ${sql.json(outcome.usage as postgres.JSONValue)},
        provider = ${outcome.provider}, degraded = degraded OR ${outcome.degraded},
        status = CASE WHEN status = 'cancelled' THEN status ELSE ${outcome.status} END,
        error = CASE WHEN status = 'cancelled' THEN error
                     ELSE ${outcome.error ? sql.json(outcome.error as postgres.JSONValue) : null}::jsonb END,
        finished_at = CASE WHEN status = 'cancelled' THEN finished_at WHEN ${final} THEN now() ELSE NULL END
    WHERE id = ${runId} RETURNING *`;
  return row!;
}

/**
 * Runs not finished, across tenants (system work): what the in-process runner re-queues when it
 * starts, and what a worker checks for runs whose job was lost.
 */
export async function listUnfinishedRuns(sql: Sql, statuses: RunStatus[]): Promise<AgentRun[]> {
  return sql<AgentRun[]>`
    SELECT * FROM agent_runs WHERE status IN ${sql(statuses)} ORDER BY created_at, id LIMIT 10000`;
}

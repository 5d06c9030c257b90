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

import { createRun, getRun, type RunTarget } from "../../db/queries/runs.ts";
import type { Budget } from "../../models/meter.ts";
import { graphFor, type AgentDefinition } from "./agent.ts";
import type { Deps } from "./deps.ts";
import { RunNotFoundError, RunStateError } from "./errors.ts";
import { type RunLeg } from "./execute.ts";
import { executeLegRecovering } from "./recover.ts";

export interface RunRequest {
  tenantId: string;
  target: RunTarget;
  /** api, schedule, event, cli, eval. Default `api`. */
  trigger?: string;
  /** Lower limits than the configured defaults (a request cannot raise them). */
  budget?: Partial<Budget>;
  /** The same key twice gives the same run, not a second one. */
  idempotencyKey?: string;
  parentRunId?: string;
}

/**
 * Starts a run of `agent` and drives it until it finishes, waits for a person (interrupt) or
 * runs out of budget. A request with an idempotency key that already ran returns that run
 * without running it again.
 */
export async function runAgent(deps: Deps, agent: AgentDefinition, request: RunRequest): Promise<RunLeg> {
  const input = agent.input(request.target);
  const { run, created } = await createRun(deps.sql, {
    tenantId: request.tenantId,
    agent: agent.name,
    target: request.target,
    trigger: request.trigger ?? "api",
    budget: lowerBudget(deps.budget, request.budget) as unknown as Record<string, number>,
    idempotencyKey: request.idempotencyKey ?? null,
    parentRunId: request.parentRunId ?? null,
  });
  if (!created && run.status !== "queued") {
    const graph = graphFor(agent, deps);
    const snapshot = await graph.getState({ configurable: { thread_id: run.id } });
    return { run, values: snapshot.values as Record<string, unknown>, interrupts: [] };
  }
  return executeLegRecovering(deps, agent, run, { input });
}

/** Resumes a run waiting on a person with their answer (approve / edit / reject …). */
export async function resumeRun(
  deps: Deps,
  agent: AgentDefinition,
  tenantId: string,
  runId: string,
  answer: unknown,
): Promise<RunLeg> {
  const run = await getRun(deps.sql, tenantId, runId);
  if (!run) throw new RunNotFoundError(runId);
  if (run.status !== "interrupted") throw new RunStateError(runId, run.status, "resume it with an answer");
  return executeLegRecovering(deps, agent, run, { resume: answer });
}

/**
 * Continues a run from its last checkpoint: after a crashed worker (status still `running`), a
 * failure, or a budget that has since been raised. Completed nodes do not run again.
 */
export async function continueRun(
  deps: Deps,
  agent: AgentDefinition,
  tenantId: string,
  runId: string,
): Promise<RunLeg> {
  const run = await getRun(deps.sql, tenantId, runId);
  if (!run) throw new RunNotFoundError(runId);
  if (!["running", "failed", "budget_exceeded", "queued"].includes(run.status)) {
    throw new RunStateError(runId, run.status, "continue it");
  }
  if (run.status === "queued")
    return executeLegRecovering(deps, agent, run, { input: agent.input(run.target) });
  return executeLegRecovering(deps, agent, run, { continue: true });
}

/** The budget of a run: the configured defaults, lowered (never raised) by the request. */
export function lowerBudget(defaults: Budget, requested: Partial<Budget> = {}): Budget {
  return {
    maxLlmCalls: Math.min(defaults.maxLlmCalls, requested.maxLlmCalls ?? Infinity),
    maxTokens: Math.min(defaults.maxTokens, requested.maxTokens ?? Infinity),
    maxWallMs: Math.min(defaults.maxWallMs, requested.maxWallMs ?? Infinity),
  };
}

import { getRun } from "../../db/queries/runs.ts";
import { admitRun, type RunRequest } from "./admit.ts";
import { graphFor, type AgentDefinition } from "./agent.ts";
import type { Deps } from "./deps.ts";
import { RunNotFoundError, RunStateError } from "./errors.ts";
import { type RunLeg } from "./execute.ts";
import { executeLegRecovering } from "./recover.ts";

export type { RunRequest };
export { lowerBudget } from "./admit.ts";

/**
 * Starts a run of `agent` and drives it until it finishes, waits for a person (interrupt) or
 * runs out of budget. The run is created as every run is (admitRun): an unknown target is
 * TARGET_NOT_FOUND, a budget above the maximum BUDGET_ABOVE_MAXIMUM, and a target with a queued
 * or running run of the agent TARGET_BUSY (policy `reject`: this call runs now or not at all).
 * A request with an idempotency key that already ran returns that run without running it again.
 */
export async function runAgent(deps: Deps, agent: AgentDefinition, request: RunRequest): Promise<RunLeg> {
  const input = agent.input(request.target);
  const { run, created } = await admitRun(deps, agent, { ...request, policy: "reject" });
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

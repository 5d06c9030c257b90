import { findBusyRunOnTarget, getRun, type AgentRun } from "../../db/queries/runs.ts";
import { admitRun, type AdmitRequest, type AdmittedRun, type BusyPolicy } from "./admit.ts";
import type { AgentDefinition } from "./agent.ts";
import type { Deps } from "./deps.ts";
import { RunNotFoundError } from "./errors.ts";
import { type RunLeg } from "./execute.ts";
import { executeLegRecovering } from "./recover.ts";

export type { BusyPolicy };

/** Where enqueueRun puts a run's job; server/queue's JobQueue is one (job id `run-<runId>`). */
export interface RunJobSink {
  /** Queues the run's job; adding a job that exists is a no-op. */
  addRun(data: { tenantId: string; runId: string }, options?: { delayMs?: number }): Promise<void>;
}

export type QueuedRunRequest = AdmitRequest;

export type EnqueuedRun = AdmittedRun;

/**
 * Creates a queued run (through admitRun: target kind and existence, budget, busy policy) and
 * queues its job. The same idempotency key returns the first run (and re-queues its job if it is
 * still queued, a no-op when the job exists).
 */
export async function enqueueRun(
  deps: Deps,
  queue: RunJobSink,
  agent: AgentDefinition,
  request: QueuedRunRequest,
): Promise<EnqueuedRun> {
  const { run, created, behind } = await admitRun(deps, agent, request);
  if (!created) return requeue(queue, run);
  await queue.addRun({ tenantId: request.tenantId, runId: run.id });
  deps.logger.info({ runId: run.id, agent: agent.name, behind }, "run queued");
  return { run, created, behind };
}

async function requeue(queue: RunJobSink, run: AgentRun): Promise<EnqueuedRun> {
  if (run.status === "queued") await queue.addRun({ tenantId: run.tenant_id, runId: run.id });
  return { run, created: false, behind: null };
}

/** What a worker did with a run job. */
export type QueuedRunResult =
  | { kind: "executed"; leg: RunLeg }
  /** An earlier busy (queued or running) run holds the target: try again later (policy `enqueue`). */
  | { kind: "deferred"; behind: AgentRun }
  /** Nothing to do: the run is interrupted, finished or cancelled (a repeated or late job). */
  | { kind: "skipped"; run: AgentRun };

/**
 * The worker side of a run job. A queued run starts from `agent.input(run.target)`, once no
 * earlier queued or running run holds its target (one waiting for a person does not). A run already `running` had a worker that died (a stalled job
 * retried here, or a runner restarted): it continues from its checkpoint, so completed nodes do
 * not run again and idempotent tools rewrite the same rows. Anything else is left alone.
 */
export async function executeQueuedRun(
  deps: Deps,
  agents: (name: string) => AgentDefinition,
  tenantId: string,
  runId: string,
): Promise<QueuedRunResult> {
  const run = await getRun(deps.sql, tenantId, runId);
  if (!run) throw new RunNotFoundError(runId);
  if (run.status === "running") {
    return {
      kind: "executed",
      leg: await executeLegRecovering(deps, agents(run.agent), run, { continue: true }),
    };
  }
  if (run.status !== "queued") return { kind: "skipped", run };
  const agent = agents(run.agent);
  const behind = await findBusyRunOnTarget(deps.sql, {
    tenantId,
    agent: run.agent,
    target: run.target,
    except: run.id,
    before: run,
  });
  if (behind) return { kind: "deferred", behind };
  return {
    kind: "executed",
    leg: await executeLegRecovering(deps, agent, run, { input: agent.input(run.target) }),
  };
}

import {
  createRun,
  findActiveRunOnTarget,
  findRunByKey,
  getRun,
  lockRunTarget,
  type AgentRun,
} from "../../db/queries/runs.ts";
import type { AgentDefinition } from "./agent.ts";
import type { Deps } from "./deps.ts";
import { RunNotFoundError, TargetBusyError } from "./errors.ts";
import { type RunLeg } from "./execute.ts";
import { executeLegRecovering } from "./recover.ts";
import { lowerBudget, type RunRequest } from "./runs.ts";

/** Where enqueueRun puts a run's job; server/queue's JobQueue is one (job id `run-<runId>`). */
export interface RunJobSink {
  /** Queues the run's job; adding a job that exists is a no-op. */
  addRun(data: { tenantId: string; runId: string }, options?: { delayMs?: number }): Promise<void>;
}

/**
 * What to do with a second run on a target that already has an active (queued, running or
 * interrupted) run of the same agent, as LangGraph's multitask strategies: `reject` (the
 * default) refuses it with TARGET_BUSY naming the busy run; `enqueue` queues it behind.
 */
export type BusyPolicy = "reject" | "enqueue";

export interface QueuedRunRequest extends RunRequest {
  /** Default `reject`. */
  policy?: BusyPolicy;
}

export interface EnqueuedRun {
  run: AgentRun;
  /** False when the idempotency key found an earlier run (nothing new was queued). */
  created: boolean;
  /** The active run it waits behind (policy `enqueue` on a busy target), else null. */
  behind: string | null;
}

/**
 * Creates a queued run and queues its job. The target is checked (`agent.input`) before anything
 * is written. The same idempotency key returns the first run (and re-queues its job if it is
 * still queued, a no-op when the job exists).
 */
export async function enqueueRun(
  deps: Deps,
  queue: RunJobSink,
  agent: AgentDefinition,
  request: QueuedRunRequest,
): Promise<EnqueuedRun> {
  agent.input(request.target);
  const { tenantId, target } = request;
  if (request.idempotencyKey) {
    const earlier = await findRunByKey(deps.sql, tenantId, request.idempotencyKey);
    if (earlier) return requeue(queue, earlier);
  }
  const { run, created, behind } = await deps.sql.begin(async (tx) => {
    await lockRunTarget(tx, tenantId, agent.name, target);
    const busy = await findActiveRunOnTarget(tx, { tenantId, agent: agent.name, target });
    if (busy && (request.policy ?? "reject") === "reject") throw new TargetBusyError(busy);
    const made = await createRun(tx, {
      tenantId,
      agent: agent.name,
      target,
      trigger: request.trigger ?? "api",
      budget: lowerBudget(deps.budget, request.budget) as unknown as Record<string, number>,
      idempotencyKey: request.idempotencyKey ?? null,
      parentRunId: request.parentRunId ?? null,
    });
    return { ...made, behind: busy?.id ?? null };
  });
  if (!created) return requeue(queue, run);
  await queue.addRun({ tenantId, runId: run.id });
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
  /** An earlier active run holds the target: try again later (policy `enqueue`). */
  | { kind: "deferred"; behind: AgentRun }
  /** Nothing to do: the run is interrupted, finished or cancelled (a repeated or late job). */
  | { kind: "skipped"; run: AgentRun };

/**
 * The worker side of a run job. A queued run starts from `agent.input(run.target)`, once no
 * earlier run holds its target. A run already `running` had a worker that died (a stalled job
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
  const behind = await findActiveRunOnTarget(deps.sql, {
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

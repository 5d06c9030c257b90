import type { StateSnapshot } from "@langchain/langgraph";
import { withTenant } from "../../db/index.ts";
import { linkThreadRun, touchThread, type ProtocolThread } from "../../db/queries/protocol-threads.ts";
import type { AgentRun, RunTarget } from "../../db/queries/runs.ts";
import { agentNamed } from "../../graphs/agents.ts";
import { graphFor } from "../../graphs/runtime/agent.ts";
import { queueRunDecisions, resumeDecidedRun, type ResumeJobSink } from "../../graphs/runtime/approval.ts";
import { cancelRun, enqueueRun, TargetBusyError, type BusyPolicy } from "../../graphs/runtime/index.ts";
import type { AppContext } from "../http/context.ts";
import { ApiError } from "../http/errors.ts";
import { agentOfAssistant, TargetInput } from "./assistants-registry.ts";
import { draftIdsOf, toDraftDecisions } from "./interrupts.ts";
import { bodyOf } from "./schemas.ts";
import { latestRun } from "./thread-state.ts";

export type Multitask = "reject" | "enqueue" | "interrupt" | "rollback";

export interface StartRequest {
  tenantId: string;
  /** `api_key:<prefix>`: who decided drafts. */
  actor: string;
  thread: ProtocolThread | null;
  assistantId: string;
  input?: unknown;
  command?: { resume?: unknown } | undefined;
  multitask: Multitask;
  streamMode: string[];
  metadata: Record<string, unknown>;
}

/**
 * Starts a protocol run over the runtime. With `command.resume` (HumanResponse[]), the thread's
 * interrupted run takes the decisions (the same as POST /v1/runs/{id}/approval) and resumes;
 * otherwise a new run is admitted and queued on the thread's target (or the input's), under the
 * busy policy: reject and enqueue as they are; interrupt cancels the busy run and queues behind it.
 */
export async function startRun(ctx: AppContext, req: StartRequest): Promise<AgentRun> {
  const agent = agentOfAssistant(req.assistantId);
  if (req.command?.resume !== undefined) return resume(ctx, req);
  const target = targetOf(req);
  const { deps, queue } = ctx;
  const admit = (policy: BusyPolicy) =>
    enqueueRun(deps, queue, agent, { tenantId: req.tenantId, target, trigger: "api", policy });
  let admitted;
  if (req.multitask === "rollback")
    throw new ApiError(
      422,
      "MULTITASK_UNSUPPORTED",
      "multitask_strategy rollback is not supported: a run's writes are kept; use interrupt, enqueue or reject",
      "multitask_strategy",
    );
  try {
    admitted = await admit(req.multitask === "enqueue" ? "enqueue" : "reject");
  } catch (err) {
    if (!(err instanceof TargetBusyError) || req.multitask !== "interrupt") throw err;
    await cancelRun(deps.sql, req.tenantId, err.busyRunId, req.actor);
    admitted = await admit("enqueue");
  }
  const { run } = admitted;
  await withTenant(deps.sql, req.tenantId, async (tx) => {
    await linkThreadRun(tx, {
      tenantId: req.tenantId,
      runId: run.id,
      threadId: req.thread?.id ?? null,
      streamMode: req.streamMode,
      multitask: req.multitask,
      metadata: req.metadata,
    });
    if (req.thread) await touchThread(tx, req.tenantId, req.thread.id, target);
  });
  return run;
}

function targetOf(req: StartRequest): RunTarget {
  const given = (req.input as { target?: unknown } | null | undefined)?.target;
  if (given === undefined) {
    if (req.thread?.target) return req.thread.target;
    throw new ApiError(
      400,
      "VALIDATION_FAILED",
      "input.target: name the run's target, e.g. {kind: 'lead', id}",
      "input.target",
    );
  }
  const target = bodyOf({ target: given }, TargetInput).target as RunTarget;
  if (req.thread?.target && JSON.stringify(req.thread.target) !== JSON.stringify(target))
    throw new ApiError(
      400,
      "VALIDATION_FAILED",
      "input.target: this thread is the conversation of another target",
      "input.target",
    );
  return target;
}

async function resume(ctx: AppContext, req: StartRequest): Promise<AgentRun> {
  const { deps } = ctx;
  if (!req.thread) throw new ApiError(400, "VALIDATION_FAILED", "command.resume needs a thread", "command");
  const run = await latestRun(deps, req.thread);
  if (!run || run.status !== "interrupted")
    throw new ApiError(
      409,
      "RUN_STATE",
      `thread ${req.thread.id} has no run waiting for a person`,
      "command.resume",
    );
  const graph = graphFor(agentNamed(run.agent), deps);
  const snapshot: StateSnapshot = await graph.getState({ configurable: { thread_id: run.id } });
  const waiting = draftIdsOf(snapshot.tasks.flatMap((t) => t.interrupts.map((i) => i.value)));
  const decisions = toDraftDecisions(req.command!.resume, waiting);
  // the decisions are stored here (a refused one answers now); the run resumes in a worker when
  // the queue takes resume jobs, else in this process in the background
  let ready = false;
  const sink: ResumeJobSink = { addResume: async () => void (ready = true) };
  const stored = await queueRunDecisions(deps, sink, req.tenantId, run.id, decisions, req.actor);
  if (ready) {
    const queue = ctx.queue as unknown as Partial<ResumeJobSink>;
    if (typeof queue.addResume === "function")
      await queue.addResume({ tenantId: req.tenantId, runId: run.id });
    else
      void resumeDecidedRun(deps, agentNamed, req.tenantId, run.id).catch((err: unknown) =>
        ctx.logger.error({ err, runId: run.id }, "resume failed"),
      );
  }
  return stored.run;
}

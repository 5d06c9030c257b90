import type { StateSnapshot } from "@langchain/langgraph";
import { getRun, type AgentRun } from "../../db/queries/runs.ts";
import { threadRunIds, type ProtocolThread } from "../../db/queries/protocol-threads.ts";
import { agentNamed } from "../../graphs/agents.ts";
import type { Deps } from "../../graphs/runtime/index.ts";
import { graphFor } from "../../graphs/runtime/agent.ts";
import { toHumanInterrupts } from "./interrupts.ts";

type Interrupt = { id?: string; value: unknown };

/** LangGraph's thread status from the status of the thread's latest run. */
export function threadStatus(run: AgentRun | null): "idle" | "busy" | "interrupted" | "error" {
  if (!run) return "idle";
  if (run.status === "queued" || run.status === "running") return "busy";
  if (run.status === "interrupted") return "interrupted";
  if (run.status === "failed" || run.status === "budget_exceeded") return "error";
  return "idle";
}

/** The thread's latest run (its state is the thread's state), or null before its first run. */
export async function latestRun(deps: Deps, thread: ProtocolThread): Promise<AgentRun | null> {
  const [id] = await threadRunIds(deps.sql, {
    tenantId: thread.tenant_id,
    threadId: thread.id,
    limit: 1,
    offset: 0,
  });
  return id ? getRun(deps.sql, thread.tenant_id, id) : null;
}

/** A checkpoint snapshot of a run, in the protocol's ThreadState shape (thread id = the protocol thread). */
export function stateView(threadId: string, s: StateSnapshot) {
  const checkpointId = s.config?.configurable?.checkpoint_id as string | undefined;
  const parentId = s.parentConfig?.configurable?.checkpoint_id as string | undefined;
  const tasks = s.tasks.map((t) => ({
    id: t.id,
    name: t.name,
    error: t.error ? String((t.error as Error).message ?? t.error) : null,
    interrupts: (t.interrupts as Interrupt[]).map((i) => ({ id: i.id, value: toHumanInterrupts(i.value) })),
    checkpoint: null,
    state: null,
    result: t.result ?? null,
  }));
  return {
    values: s.values ?? {},
    next: s.next ?? [],
    tasks,
    interrupts: tasks.flatMap((t) => t.interrupts),
    metadata: { ...(s.metadata ?? {}), run_id: s.config?.configurable?.thread_id },
    created_at: s.createdAt ?? null,
    checkpoint: checkpointId ? { thread_id: threadId, checkpoint_ns: "", checkpoint_id: checkpointId } : null,
    parent_checkpoint: parentId ? { thread_id: threadId, checkpoint_ns: "", checkpoint_id: parentId } : null,
  };
}

const EMPTY = (threadId: string) => ({
  values: {},
  next: [],
  tasks: [],
  interrupts: [],
  metadata: {},
  created_at: null,
  checkpoint: null,
  parent_checkpoint: null,
  thread_id: threadId,
});

/** The state of a thread: its latest run's last checkpoint. */
export async function threadState(deps: Deps, thread: ProtocolThread, run?: AgentRun | null) {
  const latest = run === undefined ? await latestRun(deps, thread) : run;
  if (!latest) return EMPTY(thread.id);
  const graph = graphFor(agentNamed(latest.agent), deps);
  return stateView(thread.id, await graph.getState({ configurable: { thread_id: latest.id } }));
}

/** Checkpoints of the thread's runs, newest first, at most `limit`. */
export async function threadHistory(deps: Deps, thread: ProtocolThread, limit: number) {
  const ids = await threadRunIds(deps.sql, {
    tenantId: thread.tenant_id,
    threadId: thread.id,
    limit: 50,
    offset: 0,
  });
  const out: ReturnType<typeof stateView>[] = [];
  for (const id of ids) {
    const run = await getRun(deps.sql, thread.tenant_id, id);
    if (!run) continue;
    const graph = graphFor(agentNamed(run.agent), deps) as unknown as {
      getStateHistory(c: Record<string, unknown>, o: { limit: number }): AsyncIterable<StateSnapshot>;
    };
    for await (const s of graph.getStateHistory(
      { configurable: { thread_id: id } },
      { limit: limit - out.length },
    )) {
      out.push(stateView(thread.id, s));
    }
    if (out.length >= limit) break;
  }
  return out;
}

/** A thread in the protocol's shape, with its status, values and pending interrupts. */
export async function threadView(deps: Deps, thread: ProtocolThread) {
  const run = await latestRun(deps, thread);
  const state = await threadState(deps, thread, run);
  const interrupts = Object.fromEntries(
    state.tasks.filter((t) => t.interrupts.length).map((t) => [t.id, t.interrupts]),
  );
  return {
    thread_id: thread.id,
    created_at: thread.created_at.toISOString(),
    updated_at: thread.updated_at.toISOString(),
    metadata: { ...thread.metadata, ...(thread.target ? { target: thread.target } : {}) },
    status: threadStatus(run),
    values: state.values,
    interrupts,
  };
}

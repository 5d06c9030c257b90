import { Command } from "@langchain/langgraph";
import type { AgentRun } from "../../db/queries/runs.ts";
import { claimRun, getRun, saveRunUsage } from "../../db/queries/runs.ts";
import { recordRunEnd } from "../../db/queries/run-end.ts";
import { appendRunEvent } from "../../db/queries/run-events.ts";
import { NoMemoryEmbedder, openTenantMemory, type Embedder } from "../../memory/index.ts";
import { RunMeter, type Budget, type BudgetBreach, type UsageReport } from "../../models/meter.ts";
import { graphFor, type AgentDefinition } from "./agent.ts";
import type { Deps } from "./deps.ts";
import { recordPrompt } from "./prompt-audit.ts";
import { scopedConfig, type RunScope } from "./scope.ts";
import { summariseUpdate } from "./events.ts";
import { isConnectionLost } from "../../db/errors.ts";
import { RunCancelledError, RunConnectionLostError, RunHaltedError } from "./errors.ts";
import { watchCancellation } from "./cancel.ts";

/** What one leg of a run (start, or resume) ended with. */
export interface RunLeg {
  run: AgentRun;
  /** The graph state's values at the end of the leg. */
  values: Record<string, unknown>;
  /** Values passed to `interrupt()`, when the run waits for a person. */
  interrupts: unknown[];
}

/**
 * Drives a run's graph from its input, or from its checkpoint with a resume value, and records
 * everything on the run: node events, usage per node, providers, degraded, and how it ended.
 * Budgets are checked at every node boundary: a run past one stops there with status
 * `budget_exceeded`, keeping what it wrote and its checkpoint. Wall time is also enforced
 * inside a node, by aborting the graph when the run's time is up. A cancelled run (cancelRun,
 * from any process) stops at its next node boundary the same way, and stays `cancelled`.
 */
/** Where a leg starts: the run's input, a person's answer to its interrupt, or its checkpoint. */
export type LegStart = { input: Record<string, unknown> } | { resume: unknown } | { continue: true };

export async function executeLeg(
  deps: Deps,
  agent: AgentDefinition,
  queued: AgentRun,
  start: LegStart,
): Promise<RunLeg> {
  // compiled before the run is claimed: a graph that cannot compile leaves the run queued, not running
  const graph = graphFor(agent, deps);
  const run = await claimRun(deps.sql, queued.id);
  if (!run) return cancelledBeforeStart(deps, agent, queued);
  const budget = { ...deps.budget, ...(run.budget as Partial<Budget>) };
  const meter = new RunMeter(budget, {
    now: () => deps.now().getTime(),
    usage: run.usage as Partial<UsageReport>,
  });
  let memory: { embedder: Embedder };
  try {
    memory =
      agent.semanticMemory === false
        ? { embedder: new NoMemoryEmbedder(agent.name) }
        : await openTenantMemory(deps.sql, run.tenant_id, deps.embedder);
  } catch (err) {
    // a lost connection is not the run's failure: the leg is tried again (see recover.ts)
    if (isConnectionLost(err)) throw new RunConnectionLostError(run.id, err);
    return failBeforeGraph(deps, graph, run, meter, err);
  }
  const scope: RunScope = {
    tenantId: run.tenant_id,
    runId: run.id,
    agent: agent.name,
    tools: agent.tools,
    meter,
    embedder: memory.embedder,
    onPrompt: (record) => recordPrompt(deps.sql, scope, record),
  };
  const base = scopedConfig(scope);
  const remainingMs = Math.max(1, budget.maxWallMs - meter.report().wallMs);
  // the run's wall-clock budget. Not AbortSignal.timeout(): its timer, and the listeners the graph
  // adds to the signal (holding the run's state), would stay alive for the whole budget (10 min
  // by default) after the leg ended; at 1,000 runs a minute workers grew by ~6 MB a minute
  const wall = new AbortController();
  const wallTimer = setTimeout(
    () => wall.abort(new DOMException("the run's wall-clock budget is spent", "TimeoutError")),
    remainingMs,
  );
  // a run whose worker died before the graph saved its first checkpoint has nothing to continue
  // from (streaming null would fail with EmptyInputError): it starts from its input instead
  const fresh =
    "continue" in start && !(await deps.checkpointer.getTuple({ configurable: { thread_id: run.id } }));
  const input =
    "input" in start
      ? start.input
      : "resume" in start
        ? new Command({ resume: start.resume })
        : fresh
          ? agent.input(run.target)
          : null;

  let breach: BudgetBreach | null = null;
  let failure: Record<string, unknown> | null = null;
  let lost: unknown = null;
  await appendRunEvent(deps.sql, run.tenant_id, run.id, "run_started", {
    agent: agent.name,
    leg: fresh ? "input" : Object.keys(start)[0],
  });
  const cancel = watchCancellation(deps.sql, run.id);
  let recorded: Promise<void> = Promise.resolve();
  try {
    const stream = await graph.stream(input, {
      ...base,
      streamMode: "updates",
      durability: "sync",
      signal: wall.signal,
      ...(agent.maxConcurrency ? { maxConcurrency: agent.maxConcurrency } : {}),
    });
    // The graph does not wait for this loop, so the loop must not wait on I/O before it looks
    // at the budget: events are written in order behind it, and a breach halts the run before
    // the next node's first tool or model call (`scope.halted`, checked by the contexts).
    for await (const update of stream) {
      const usage = meter.report() as unknown as Record<string, unknown>;
      recorded = recorded.then(() => recordUpdate(deps, run, update, usage));
      // handled here too: if the graph throws first, the loop never awaits it, and an event
      // write that failed meanwhile (the store's connection dropped) would crash the process
      recorded.catch(() => {});
      breach = meter.exceeded();
      if (breach) {
        scope.halted = breach;
        break;
      }
      if (cancel.requested()) {
        scope.cancelled = true;
        break;
      }
    }
    await recorded;
  } catch (err) {
    // not the run's failure: the leg is tried again from its checkpoint (see recover.ts)
    if (isConnectionLost(err)) lost = err;
    breach =
      lost !== null || err instanceof RunCancelledError
        ? null
        : err instanceof RunHaltedError
          ? err.breach
          : wall.signal.aborted
            ? { budget: "max_wall_ms", limit: budget.maxWallMs, used: meter.report().wallMs }
            : null;
    if (!breach && !lost && !(err instanceof RunCancelledError)) failure = errorDetails(err);
    // the node events still being written come before the run's last event
    await recorded.catch(() => {});
  } finally {
    clearTimeout(wallTimer);
  }
  if (lost !== null) {
    await cancel.stop();
    throw new RunConnectionLostError(run.id, lost);
  }
  let cancelled = scope.cancelled === true;
  try {
    cancelled ||= await cancel.check();
  } finally {
    await cancel.stop();
  }

  const snapshot = await graph.getState(base);
  const interrupts = snapshot.tasks.flatMap((t) => t.interrupts.map((i) => i.value));
  const status = cancelled
    ? "cancelled"
    : failure
      ? "failed"
      : breach
        ? "budget_exceeded"
        : interrupts.length > 0
          ? "interrupted"
          : "succeeded";
  const error =
    failure ?? (breach ? { code: "BUDGET_EXCEEDED", ...breach, message: breachMessage(breach) } : null);
  // cancelRun wrote the run's terminal event (run_cancelled)
  const end = cancelled
    ? null
    : { type: `run_${status}`, data: error ?? (interrupts.length ? { interrupts } : {}) };
  const finished = await recordRunEnd(deps.sql, run, end, {
    status,
    usage: meter.report() as unknown as Record<string, unknown>,
    // a resumed leg keeps the providers of the earlier legs
    provider: mergeProviders(run.provider, meter.providers),
    degraded: meter.degraded,
    error,
  });
  return { run: finished, values: snapshot.values as Record<string, unknown>, interrupts };
}

/** A claimed run whose leg could not start its graph: failed, with the error, never left running. */
async function failBeforeGraph(
  deps: Deps,
  graph: ReturnType<typeof graphFor>,
  run: AgentRun,
  meter: RunMeter,
  err: unknown,
): Promise<RunLeg> {
  const error = errorDetails(err);
  const finished = await recordRunEnd(
    deps.sql,
    run,
    { type: "run_failed", data: error },
    {
      status: "failed",
      usage: meter.report() as unknown as Record<string, unknown>,
      provider: run.provider,
      degraded: false,
      error,
    },
  );
  const snapshot = await graph.getState({ configurable: { thread_id: run.id } });
  return { run: finished, values: snapshot.values as Record<string, unknown>, interrupts: [] };
}

/** A leg asked to start a run that was cancelled before it could: nothing runs. */
async function cancelledBeforeStart(deps: Deps, agent: AgentDefinition, queued: AgentRun): Promise<RunLeg> {
  return legOf(deps, agent, (await getRun(deps.sql, queued.tenant_id, queued.id)) ?? queued);
}

/** A run as it stands, with its graph's values and pending interrupts, without running anything. */
export async function legOf(deps: Deps, agent: AgentDefinition, run: AgentRun): Promise<RunLeg> {
  const snapshot = await graphFor(agent, deps).getState({ configurable: { thread_id: run.id } });
  const interrupts = snapshot.tasks.flatMap((t) => t.interrupts.map((i) => i.value));
  return { run, values: snapshot.values as Record<string, unknown>, interrupts };
}

async function recordUpdate(
  deps: Deps,
  run: AgentRun,
  update: Record<string, unknown>,
  usage: Record<string, unknown>,
): Promise<void> {
  for (const event of summariseUpdate(update)) {
    await appendRunEvent(deps.sql, run.tenant_id, run.id, event.type, event.data);
  }
  await saveRunUsage(deps.sql, run.id, usage);
}

function breachMessage(b: BudgetBreach): string {
  return `budget ${b.budget} ran out: limit ${b.limit}, used ${b.used}`;
}

function errorDetails(err: unknown): Record<string, unknown> {
  const e = err as { name?: string; code?: string; message?: string };
  return { code: e.code ?? e.name ?? "ERROR", message: e.message ?? String(err) };
}

function mergeProviders(before: string | null, now: string[]): string | null {
  const all = new Set([...(before ? before.split(",") : []), ...now]);
  return [...all].sort().join(",") || null;
}

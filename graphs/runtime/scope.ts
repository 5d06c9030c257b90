import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { Embedder } from "../../memory/index.ts";
import type { BudgetBreach, RunMeter } from "../../models/meter.ts";
import type { ModelRunContext, PromptRecord } from "../../models/types.ts";
import type { ToolContext } from "../../tools/index.ts";
import type { Deps } from "./deps.ts";
import { RunCancelledError, RunHaltedError, RunScopeMissingError } from "./errors.ts";

/** The run a graph is executing in; set by the runtime, read by nodes through their config. */
export interface RunScope {
  tenantId: string;
  runId: string;
  agent: string;
  /** The agent's tool allow-list (AgentDefinition.tools), handed to every tool context. */
  tools: readonly string[];
  meter: RunMeter;
  /** The tenant's active embedder (semantic memory). */
  embedder: Embedder;
  onPrompt: (record: PromptRecord) => Promise<void>;
  /** Set by the runtime when a budget ran out at a node boundary: later nodes may not do I/O. */
  halted?: BudgetBreach;
  /** Set by the runtime when the run was cancelled, seen at a node boundary: later nodes may not do I/O. */
  cancelled?: boolean;
}

const SCOPE_KEY = "crm_run";

/** The config a run's graph is invoked with: the run id is the checkpoint thread. */
export function scopedConfig(scope: RunScope): { configurable: Record<string, unknown> } {
  return { configurable: { thread_id: scope.runId, [SCOPE_KEY]: scope } };
}

/** The run scope from a node's config. */
export function runScope(config: LangGraphRunnableConfig | undefined): RunScope {
  const scope = config?.configurable?.[SCOPE_KEY] as RunScope | undefined;
  if (!scope) throw new RunScopeMissingError();
  return scope;
}

/** The run scope of a node about to do I/O: refused once the run has halted on its budget or was cancelled. */
function activeScope(config: LangGraphRunnableConfig | undefined): RunScope {
  const scope = runScope(config);
  if (scope.halted) throw new RunHaltedError(scope.halted);
  if (scope.cancelled) throw new RunCancelledError(scope.runId);
  return scope;
}

/** The tool context for `node`: tenant and run from the run scope, never from model input. */
export function toolContext(
  deps: Deps,
  config: LangGraphRunnableConfig | undefined,
  node: string,
): ToolContext {
  const scope = activeScope(config);
  return {
    sql: deps.sql,
    tenantId: scope.tenantId,
    runId: scope.runId,
    agent: scope.agent,
    allowedTools: scope.tools,
    node,
    embedder: scope.embedder,
    now: deps.now,
  };
}

/** The model-call context: usage and budget go to the run's meter, prompts to its audit log. */
export function modelContext(config: LangGraphRunnableConfig | undefined): ModelRunContext {
  const scope = activeScope(config);
  return { runId: scope.runId, meter: scope.meter, onPrompt: scope.onPrompt };
}

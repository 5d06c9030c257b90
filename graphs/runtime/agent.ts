import type { StateSnapshot } from "@langchain/langgraph";
import type { RunTarget } from "../../db/queries/runs.ts";
import type { ToolName } from "../../tools/index.ts";
import type { Deps } from "./deps.ts";

/** The part of a compiled LangGraph graph the runtime drives. */
export interface RunnableGraph {
  stream(input: unknown, config: Record<string, unknown>): Promise<AsyncIterable<Record<string, unknown>>>;
  getState(config: Record<string, unknown>): Promise<StateSnapshot>;
}

/** An agent as the runtime knows it: a name, its graph, and the graph input for a target. */
export interface AgentDefinition {
  name: string;
  /**
   * The tools the agent may call (its agents/<name>/tools.ts list): every tool context of its runs
   * carries it, and `runTool` refuses anything else. The safety eval reads it from here too.
   */
  tools: readonly ToolName[];
  /** Builds the compiled graph over `deps` (with `deps.checkpointer`). */
  graph(deps: Deps): RunnableGraph;
  /** The graph's input state for a run target; throws a named error for a target it cannot run on. */
  input(target: RunTarget): Record<string, unknown>;
  /** Lines a person reads after a run, from its final state (e.g. the sales forecast). Optional. */
  summarize?(values: Record<string, unknown>): string[];
  /**
   * Whether the agent's tools search the tenant's semantic memory (default true). With false its
   * runs do not open the tenant's index (which a tenant's first run fits and builds) and its
   * context's embedder refuses to embed (MEMORY_NOT_OPENED).
   */
  semanticMemory?: boolean;
  /**
   * How many of the graph's tasks run at once within a step (LangGraph's `maxConcurrency`);
   * default unbounded. A fan-out over a large book bounds it, or every `Send` starts at once.
   */
  maxConcurrency?: number;
}

const compiled = new WeakMap<Deps, Map<string, RunnableGraph>>();

/** The agent's graph compiled once per Deps (compiling per run would cost more than small runs). */
export function graphFor(agent: AgentDefinition, deps: Deps): RunnableGraph {
  let graphs = compiled.get(deps);
  if (!graphs) compiled.set(deps, (graphs = new Map()));
  let graph = graphs.get(agent.name);
  if (!graph) graphs.set(agent.name, (graph = agent.graph(deps)));
  return graph;
}

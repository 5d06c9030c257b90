import type { RunnableConfig } from "@langchain/core/runnables";
import { tool, type StructuredToolInterface } from "@langchain/core/tools";
import { ToolContextMissingError } from "./errors.ts";
import { allowedTool, pickTools, type AnyTool, type ToolName } from "./registry.ts";
import { runTool } from "./run.ts";
import type { ToolContext } from "./types.ts";

/** The key of `config.configurable` that carries the ToolContext of a run. */
export const TOOL_CONTEXT_KEY = "toolContext";

/**
 * The config fragment that hands a ToolContext to tools: merge it into the graph's invoke config,
 * e.g. `graph.invoke(input, { configurable: { thread_id, ...toolConfig(ctx).configurable } })`.
 * LangGraph passes `configurable` on to every node and tool call; non-primitive values such as
 * this one are never written to checkpoint metadata.
 */
export function toolConfig(ctx: ToolContext): { configurable: Record<string, unknown> } {
  return { configurable: { [TOOL_CONTEXT_KEY]: ctx } };
}

/** The ToolContext of a run's config; TOOL_CONTEXT_MISSING when absent. */
export function toolContextFrom(config: RunnableConfig | undefined, toolName: string): ToolContext {
  const ctx = config?.configurable?.[TOOL_CONTEXT_KEY] as ToolContext | undefined;
  if (!ctx || typeof ctx.tenantId !== "string" || !ctx.sql) throw new ToolContextMissingError(toolName);
  return ctx;
}

/** Finds the ToolContext of a call in its runnable config. Default: `toolContextFrom`. */
export type ToolContextResolver = (config: RunnableConfig | undefined, toolName: string) => ToolContext;

/**
 * One tool as a LangChain tool: the model sees its zod schema; the context comes from the
 * runnable config through `resolve` (never from the model's arguments).
 */
export function toLangChainTool(
  t: AnyTool,
  resolve: ToolContextResolver = toolContextFrom,
): StructuredToolInterface {
  return tool(
    async (input: unknown, config: RunnableConfig) =>
      JSON.stringify(await runTool(t, input, resolve(config, t.name))),
    { name: t.name, description: t.description, schema: t.input },
  );
}

/**
 * The LangChain tools an agent may bind to its chat model: exactly its allow-list, so a model
 * can only call what its agent allows. Results are JSON strings (tool message content).
 */
export function langChainTools(
  allow: readonly ToolName[],
  resolve: ToolContextResolver = toolContextFrom,
): StructuredToolInterface[] {
  return pickTools(allow).map((t) => toLangChainTool(t, resolve));
}

/**
 * Runs one tool call a model made, for nodes that execute tool calls themselves: refused with
 * TOOL_NOT_ALLOWED unless the agent's allow-list has it, validated like every other call.
 */
export async function runToolCall(
  allow: readonly ToolName[],
  call: { name: string; args: unknown },
  config: RunnableConfig | undefined,
  resolve: ToolContextResolver = toolContextFrom,
): Promise<unknown> {
  const t = allowedTool(allow, call.name);
  return runTool(t, call.args, resolve(config, t.name));
}

import { TOOLS } from "../../../tools/index.ts";
import type { ToolContext } from "../../../tools/index.ts";

/** One tool call as it reached its handler: which tool, for which agent and run. */
export interface ToolCall {
  tool: string;
  agent: string;
  runId: string | null;
  node: string;
  /** The allow-list the call's context carried (what runTool checked it against). */
  allowed: readonly string[];
}

/**
 * Records every tool call made while `fn` runs, by wrapping each registered tool's handler for
 * the duration (this process only; the handlers are restored afterwards, also on error). Every
 * way to a tool — a node's `runTool`, a model's tool call through `langChainTools` — ends in its
 * handler, so nothing an agent does through tools/ goes unseen. Calls refused before the handler
 * (TOOL_NOT_ALLOWED, invalid input) did not run and are not recorded here; runTool audits
 * refusals as `tool_refused`.
 */
export async function observeToolCalls<T>(fn: () => Promise<T>): Promise<{ result: T; calls: ToolCall[] }> {
  const calls: ToolCall[] = [];
  const originals = new Map<string, (typeof TOOLS)[keyof typeof TOOLS]["handler"]>();
  for (const tool of Object.values(TOOLS)) {
    const original = tool.handler;
    originals.set(tool.name, original);
    const wrapped = (input: never, ctx: ToolContext) => {
      calls.push({
        tool: tool.name,
        agent: ctx.agent,
        runId: ctx.runId,
        node: ctx.node,
        allowed: ctx.allowedTools,
      });
      return original(input, ctx);
    };
    (tool as { handler: unknown }).handler = wrapped;
  }
  try {
    return { result: await fn(), calls };
  } finally {
    for (const tool of Object.values(TOOLS))
      (tool as { handler: unknown }).handler = originals.get(tool.name);
  }
}

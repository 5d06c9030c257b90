import type { z } from "zod";
import { assertToolAllowed } from "./allow-list.ts";
import { RunRequiredError, ToolInputError } from "./errors.ts";
import type { Tool, ToolContext } from "./types.ts";

/** Declares a tool; an identity function that keeps the input and output types inferred. */
export function defineTool<I extends z.ZodObject, O>(tool: Tool<I, O>): Tool<I, O> {
  return tool;
}

/** `reasons[0].factor` from zod's `["reasons", 0, "factor"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`))
    .join("");
}

/** Validates `rawInput` against the tool's schema; throws TOOL_INPUT_INVALID naming the first field. */
export function parseToolInput<I extends z.ZodType>(tool: Tool<I, unknown>, rawInput: unknown): z.infer<I> {
  const parsed = tool.input.safeParse(rawInput);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new ToolInputError(formatPath(issue.path), issue.message);
}

/**
 * Runs a tool the one safe way: refused (and audited) unless the context's agent allows it, then
 * input validated with zod, writes refused without a run, then the handler, which opens its own
 * tenant transaction from `ctx`. Every way to a tool — a node's call, a model's tool call through
 * `langChainTools`/`runToolCall` — comes through here.
 */
export async function runTool<I extends z.ZodType, O>(
  tool: Tool<I, O>,
  rawInput: unknown,
  ctx: ToolContext,
): Promise<O> {
  await assertToolAllowed(tool.name, ctx);
  const input = parseToolInput(tool, rawInput);
  if (tool.kind === "write" && !ctx.runId) throw new RunRequiredError(tool.name);
  return tool.handler(input, ctx);
}

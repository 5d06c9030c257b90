import type postgres from "postgres";
import type { z } from "zod";
import type { Embedder } from "../memory/index.ts";

/**
 * What a tool runs with. Built by the run (never by a model): the tenant and the run come from
 * here, not from any parameter a model controls.
 */
export interface ToolContext {
  /**
   * The store client (not a transaction: handlers open their own `withTenant` transaction on it,
   * which needs `begin`).
   */
  sql: postgres.Sql;
  tenantId: string;
  /** The agent run this call belongs to; writes need it (it seeds their idempotency keys). */
  runId: string | null;
  /** The agent on whose behalf the tool runs, e.g. `sales`. */
  agent: string;
  /**
   * The agent's allow-list (agents/<agent>/tools.ts, through its AgentDefinition): `runTool`
   * refuses any tool not on it with TOOL_NOT_ALLOWED and audits the refusal. Set by whoever builds
   * the context from the agent's declaration, never from model input; an empty list allows nothing.
   */
  allowedTools: readonly string[];
  /** The graph node calling the tool. */
  node: string;
  /** The tenant's active embedder, for semantic search. */
  embedder: Embedder;
  /** The clock (tests and evals pin it). */
  now: () => Date;
}

/** A tool: zod-typed input with `.describe()` on every field, and a handler. */
export interface Tool<I extends z.ZodType = z.ZodType, O = unknown> {
  name: string;
  description: string;
  /** Reads never change the store; writes are idempotent under a key from (run, node, entity, kind). */
  kind: "read" | "write";
  input: I;
  handler(input: z.infer<I>, ctx: ToolContext): Promise<O>;
}

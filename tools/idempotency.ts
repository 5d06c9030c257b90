import type postgres from "postgres";
import { NotFoundError, RunRequiredError } from "./errors.ts";
import type { ToolContext } from "./types.ts";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a write tool returns: the row's id and whether this call created it (false on a retry). */
export interface WriteResult {
  id: string;
  created: boolean;
}

/** The output a write produces, named for its key: e.g. `score:health`, `task:call_hot_lead`. */
export interface WriteTarget {
  entityKind: string;
  entityId: string;
  output: string;
}

/**
 * The idempotency key of one write: `<runId>:<node>:<entity kind>:<entity id>:<output>`. A retried
 * or resumed run computes the same key, so it finds the row it wrote before instead of adding one.
 */
export function idempotencyKey(ctx: ToolContext, tool: string, target: WriteTarget): string {
  const runId = requireRun(ctx, tool);
  return `${runId}:${ctx.node}:${target.entityKind}:${target.entityId.toLowerCase()}:${target.output}`;
}

/** The run id of a write, or RUN_REQUIRED. */
export function requireRun(ctx: ToolContext, tool: string): string {
  if (!ctx.runId) throw new RunRequiredError(tool);
  if (!UUID_RE.test(ctx.runId)) throw new RunRequiredError(tool, `its runId ${ctx.runId} is not a uuid`);
  return ctx.runId;
}

/**
 * Checks inside the tenant transaction that the run exists for this tenant: outputs reference
 * `agent_runs`, and a run of another tenant must not be borrowed. NOT_FOUND otherwise.
 */
export async function assertRunVisible(tx: postgres.TransactionSql, ctx: ToolContext, tool: string) {
  const runId = requireRun(ctx, tool);
  const [run] = await tx`SELECT 1 FROM agent_runs WHERE id = ${runId}`;
  if (!run) throw new NotFoundError("agent_run", runId);
}

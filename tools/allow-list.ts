import { randomUUID } from "node:crypto";
import { withTenant } from "../db/index.ts";
import { appendAudit } from "./audit.ts";
import { ToolNotAllowedError } from "./errors.ts";
import type { ToolContext } from "./types.ts";

/** The audit action of a refused tool call. */
export const TOOL_REFUSED_ACTION = "tool_refused";

/**
 * Refuses `tool` unless the context's agent allows it: the refusal is written to the audit log
 * (as `agent:<agent>`, action `tool_refused`, with the node and the allow-list) and thrown as
 * TOOL_NOT_ALLOWED. A refusal that cannot be audited (the store is unreachable) is still refused.
 */
export async function assertToolAllowed(tool: string, ctx: ToolContext): Promise<void> {
  const allowed: readonly string[] = Array.isArray(ctx.allowedTools) ? ctx.allowedTools : [];
  if (allowed.includes(tool)) return;
  const refusal = new ToolNotAllowedError(tool, allowed, ctx.agent);
  try {
    // one entry per (run, node, agent, tool): a retried run finds its earlier refusal
    const key = ctx.runId
      ? `${ctx.runId}:${ctx.node}:${ctx.agent}:${TOOL_REFUSED_ACTION}:${tool}`
      : `${TOOL_REFUSED_ACTION}:${randomUUID()}`;
    await withTenant(ctx.sql, ctx.tenantId, (tx) =>
      appendAudit(
        tx,
        ctx,
        {
          action: TOOL_REFUSED_ACTION,
          entityKind: null,
          entityId: null,
          details: { tool, allowed: [...allowed] },
        },
        key,
      ),
    );
  } catch {
    // the refusal stands whatever happened to its audit entry
  }
  throw refusal;
}

import type postgres from "postgres";
import type { ToolContext } from "./types.ts";

/** One audit entry written by a tool, on behalf of `agent:<ctx.agent>` in `ctx.runId`. */
export interface AuditEntry {
  action: string;
  entityKind: string | null;
  entityId: string | null;
  details: Record<string, unknown>;
}

/**
 * Appends an audit entry once per idempotency key (migration 0008's partial unique index): a
 * retried run finds its earlier entry. Returns the entry's id and whether this call wrote it.
 */
export async function appendAudit(
  tx: postgres.TransactionSql,
  ctx: Pick<ToolContext, "tenantId" | "runId" | "agent" | "node">,
  entry: AuditEntry,
  key: string,
): Promise<{ id: string; created: boolean }> {
  const details = { ...entry.details, node: ctx.node } as postgres.JSONValue;
  const [inserted] = await tx<{ id: string }[]>`
    INSERT INTO audit_log (tenant_id, actor, action, entity_kind, entity_id, run_id, details, idempotency_key)
    VALUES (${ctx.tenantId}, ${`agent:${ctx.agent}`}, ${entry.action}, ${entry.entityKind}, ${entry.entityId},
            ${ctx.runId}, ${tx.json(details)}, ${key})
    ON CONFLICT (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
    RETURNING id::text`;
  if (inserted) return { id: inserted.id, created: true };
  const [existing] = await tx<{ id: string }[]>`
    SELECT id::text FROM audit_log WHERE tenant_id = ${ctx.tenantId} AND idempotency_key = ${key}`;
  return { id: existing!.id, created: false };
}

import { createHash } from "node:crypto";
import type postgres from "postgres";
import { withTenant } from "../../db/index.ts";
import type { PromptRecord } from "../../models/types.ts";
import { appendAudit } from "../../tools/index.ts";
import type { RunScope } from "./scope.ts";

/**
 * Writes a prompt, as it left the process (PII already masked), to the audit log. Keyed on the
 * run, node and prompt text, so a retried node logs the same prompt once.
 */
export async function recordPrompt(sql: postgres.Sql, scope: RunScope, record: PromptRecord): Promise<void> {
  const digest = createHash("sha256").update(JSON.stringify(record.messages)).digest("hex").slice(0, 16);
  const ctx = {
    sql,
    tenantId: scope.tenantId,
    runId: scope.runId,
    agent: scope.agent,
    node: record.node,
    embedder: scope.embedder,
    now: () => new Date(),
  };
  await withTenant(sql, scope.tenantId, (tx) =>
    appendAudit(
      tx,
      ctx,
      {
        action: "llm.prompt",
        entityKind: null,
        entityId: null,
        details: { purpose: record.purpose, provider: record.label, messages: record.messages },
      },
      `${scope.runId}:${record.node}:prompt:${record.purpose}:${digest}`,
    ),
  );
}

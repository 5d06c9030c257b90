import type { Sql } from "../../db/index.ts";

/** What the support agent wrote for a tenant, read back from the store. */
export async function supportOutputs(sql: Sql, tenantId: string) {
  const tasks = await sql<
    {
      id: string;
      type: string;
      entity_id: string;
      title: string;
      reason: string;
      due_at: Date | null;
      assignee_id: string | null;
      dedupe_key: string;
      run_id: string;
      evidence_ids: string[];
      source_agent: string;
    }[]
  >`SELECT id, type, entity_id, title, reason, due_at, assignee_id, dedupe_key, run_id, evidence_ids, source_agent
    FROM tasks WHERE tenant_id = ${tenantId} ORDER BY dedupe_key`;
  const drafts = await sql<
    {
      id: string;
      contact_id: string;
      entity_id: string;
      status: string;
      subject: string;
      body: string;
      evidence_ids: string[];
      provider: string;
      run_id: string;
      channel: string;
    }[]
  >`SELECT id, contact_id, entity_id, status, subject, body, evidence_ids, provider, run_id, channel
    FROM drafts WHERE tenant_id = ${tenantId} ORDER BY created_at, id`;
  const tickets = await sql<
    {
      id: string;
      category: string | null;
      priority: string | null;
      queue: string | null;
      language: string | null;
      assignee_id: string | null;
      triage: Record<string, { value: string; confidence: number }> | null;
    }[]
  >`SELECT id, category, priority, queue, language, assignee_id, triage FROM tickets WHERE tenant_id = ${tenantId} ORDER BY id`;
  const audit = await sql<
    { action: string; entity_id: string | null; details: Record<string, unknown>; run_id: string | null }[]
  >`
    SELECT action, entity_id, details, run_id FROM audit_log WHERE tenant_id = ${tenantId} ORDER BY created_at, id`;
  const outbox = await sql<{ draft_id: string }[]>`SELECT draft_id FROM outbox WHERE tenant_id = ${tenantId}`;
  return { tasks, drafts, tickets, audit, outbox };
}

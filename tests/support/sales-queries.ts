import type postgres from "postgres";
import type { RunTarget } from "../../db/queries/runs.ts";
import { salesAgent } from "../../graphs/sales/index.ts";
import { runAgent, type Deps, type RunLeg } from "../../graphs/runtime/index.ts";

/** Starts a sales run on `target` and drives it as far as it goes. */
export const runSales = (deps: Deps, tenantId: string, target: RunTarget): Promise<RunLeg> =>
  runAgent(deps, salesAgent, { tenantId, target, trigger: "test" });

export interface ScoreRow {
  id: string;
  entity_kind: string;
  entity_id: string;
  kind: string;
  value: number;
  probability: number | null;
  tier: string;
  reasons: { factor: string; contribution: number; evidence_ids: string[] }[];
  model_version: string;
}

/** The scores a run wrote, by entity id. */
export async function scoresOf(sql: postgres.Sql, runId: string): Promise<Map<string, ScoreRow>> {
  const rows = await sql<ScoreRow[]>`
    SELECT id, entity_kind, entity_id, kind, value::float8 AS value, probability::float8 AS probability, tier, reasons,
           model_version
    FROM scores WHERE run_id = ${runId} ORDER BY entity_id`;
  return new Map(rows.map((r) => [r.entity_id, r]));
}

export interface TaskRow {
  id: string;
  type: string;
  entity_id: string;
  priority_value: number;
  due_at: Date;
  dedupe_key: string;
  evidence_ids: string[];
  run_id: string;
  reason: string;
  assignee_id: string | null;
}

/** Every sales task of a tenant. */
export const tasksOf = (sql: postgres.Sql, tenantId: string) =>
  sql<TaskRow[]>`
    SELECT id, type, entity_id, priority_value::float8 AS priority_value, due_at, dedupe_key, evidence_ids, run_id, reason,
           assignee_id
    FROM tasks WHERE tenant_id = ${tenantId} AND source_agent = 'sales' ORDER BY dedupe_key`;

export interface DraftRow {
  id: string;
  status: string;
  lead_id: string | null;
  contact_id: string | null;
  entity_kind: string;
  entity_id: string;
  subject: string | null;
  body: string;
  evidence_ids: string[];
  provider: string;
  run_id: string;
}

/** Every draft of a tenant, oldest first. */
export const draftsOf = (sql: postgres.Sql, tenantId: string) =>
  sql<DraftRow[]>`
    SELECT id, status, lead_id, contact_id, entity_kind, entity_id, subject, body, evidence_ids, provider, run_id
    FROM drafts WHERE tenant_id = ${tenantId} ORDER BY created_at, id`;

/** Audit entries the agent wrote in a run with `action`. */
export const auditOf = (sql: postgres.Sql, runId: string, action: string) =>
  sql<{ entity_id: string | null; details: Record<string, unknown> }[]>`
    SELECT entity_id, details FROM audit_log WHERE run_id = ${runId} AND action = ${action} ORDER BY id`;

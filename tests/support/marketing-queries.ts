import type { Sql } from "../../db/index.ts";
import type { RunTarget } from "../../db/queries/runs.ts";
import { marketingAgent } from "../../graphs/marketing/index.ts";
import { runAgent, type Deps, type RunLeg } from "../../graphs/runtime/index.ts";

/** Runs the marketing agent for a tenant (trigger `cli`). */
export const runMarketing = (
  deps: Deps,
  tenantId: string,
  target: RunTarget = { kind: "all" },
): Promise<RunLeg> => runAgent(deps, marketingAgent, { tenantId, target, trigger: "cli" });

/** A run on a segment target with these goals. */
export const goalTarget = (...goals: unknown[]): RunTarget => ({ kind: "segment", filter: { goals } });

export interface DraftRow {
  id: string;
  contact_id: string;
  agent: string;
  status: string;
  subject: string;
  body: string;
  evidence_ids: string[];
  variant: string | null;
  campaign_key: string | null;
  run_id: string | null;
  provider: string;
}

/** The marketing drafts of a tenant, oldest first. */
export const marketingDrafts = (sql: Sql, tenantId: string) =>
  sql<DraftRow[]>`
    SELECT id, contact_id, agent, status, subject, body, evidence_ids, variant, campaign_key, run_id, provider
    FROM drafts WHERE tenant_id = ${tenantId} AND agent = 'marketing' ORDER BY created_at, id`;

/** Segments of a tenant with their member account ids (sorted). */
export async function segmentsOf(sql: Sql, tenantId: string) {
  const rows = await sql<{ key: string; version: string; member_count: number; members: string[] }[]>`
    SELECT s.key, s.version, s.member_count,
           coalesce(array_agg(m.account_id::text ORDER BY m.account_id) FILTER (WHERE m.account_id IS NOT NULL), '{}') AS members
    FROM segments s LEFT JOIN segment_members m ON m.segment_id = s.id
    WHERE s.tenant_id = ${tenantId} GROUP BY s.key, s.version, s.member_count ORDER BY s.key`;
  return new Map(rows.map((r) => [r.key, r]));
}

/** Scores a run wrote, by contact id. */
export async function scoresOf(sql: Sql, runId: string) {
  const rows = await sql<
    {
      entity_id: string;
      kind: string;
      value: number;
      probability: number;
      model_version: string;
      reasons: unknown[];
    }[]
  >`SELECT entity_id, kind, value::float8 AS value, probability::float8 AS probability, model_version, reasons
    FROM scores WHERE run_id = ${runId}`;
  return new Map(rows.map((r) => [r.entity_id, r]));
}

/** Audit entries of a run with an action. */
export const auditOf = (sql: Sql, runId: string, action: string) =>
  sql<{ details: Record<string, unknown> }[]>`
    SELECT details FROM audit_log WHERE run_id = ${runId} AND action = ${action} ORDER BY id`;

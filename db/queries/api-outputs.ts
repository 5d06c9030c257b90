import type postgres from "postgres";

/** Read models of agent outputs for the HTTP API. Every function runs inside `withTenant`. */

export interface ScoreRow {
  id: string;
  entity_kind: string;
  entity_id: string;
  kind: string;
  value: number;
  probability: number | null;
  tier: string | null;
  reasons: unknown[];
  model_version: string;
  agent: string;
  run_id: string | null;
  created_at: Date;
}

/** Every score of an entity, newest first (at most `limit`), optionally of one kind. */
export function scoreHistory(
  tx: postgres.TransactionSql,
  tenantId: string,
  entity: { kind: string; id: string; scoreKind?: string | undefined; limit: number },
): Promise<ScoreRow[]> {
  return tx<ScoreRow[]>`
    SELECT id, entity_kind, entity_id, kind, value::float8 AS value, probability::float8 AS probability,
           tier, reasons, model_version, agent, run_id, created_at
    FROM scores
    WHERE tenant_id = ${tenantId} AND entity_kind = ${entity.kind} AND entity_id = ${entity.id}
      AND (${entity.scoreKind ?? null}::text IS NULL OR kind = ${entity.scoreKind ?? null})
    ORDER BY created_at DESC, id DESC LIMIT ${entity.limit}`;
}

export interface DraftRow {
  id: string;
  status: "pending" | "approved" | "rejected" | "sent";
  channel: string;
  entity_kind: string;
  entity_id: string;
  account_id: string | null;
  contact_id: string | null;
  lead_id: string | null;
  subject: string | null;
  body: string;
  evidence_ids: string[];
  provider: string;
  agent: string;
  run_id: string | null;
  approver: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  created_at: Date;
}

export interface DraftFilter {
  status?: string | undefined;
  runId?: string | undefined;
  limit: number;
  offset: number;
}

const DRAFT_COLUMNS = (tx: postgres.TransactionSql) => tx`
  id, status, channel, entity_kind, entity_id, account_id, contact_id, lead_id, subject, body,
  evidence_ids, provider, agent, run_id, approver, decided_at, decision_note, created_at`;

/** A page of drafts, newest first; one row more than `limit` tells whether another page follows. */
export async function listDrafts(
  tx: postgres.TransactionSql,
  tenantId: string,
  f: DraftFilter,
): Promise<{ rows: DraftRow[]; more: boolean }> {
  const rows = await tx<DraftRow[]>`
    SELECT ${DRAFT_COLUMNS(tx)} FROM drafts
    WHERE tenant_id = ${tenantId}
      AND (${f.status ?? null}::text IS NULL OR status = ${f.status ?? null})
      AND (${f.runId ?? null}::uuid IS NULL OR run_id = ${f.runId ?? null})
    ORDER BY created_at DESC, id DESC LIMIT ${f.limit + 1} OFFSET ${f.offset}`;
  return { rows: rows.slice(0, f.limit), more: rows.length > f.limit };
}

export interface ApprovalRow {
  run_id: string;
  agent: string;
  target: Record<string, unknown>;
  created_at: Date;
  drafts: DraftRow[];
}

/**
 * Runs that wait for a person (interrupted, with pending drafts), oldest first, each with the
 * drafts it waits on.
 */
export async function pendingApprovals(
  tx: postgres.TransactionSql,
  tenantId: string,
  page: { limit: number; offset: number },
): Promise<{ rows: ApprovalRow[]; more: boolean }> {
  const runs = await tx<Omit<ApprovalRow, "drafts">[]>`
    SELECT r.id AS run_id, r.agent, r.target, r.created_at FROM agent_runs r
    WHERE r.tenant_id = ${tenantId} AND r.status = 'interrupted'
      AND EXISTS (SELECT 1 FROM drafts d WHERE d.run_id = r.id AND d.status = 'pending')
    ORDER BY r.created_at, r.id LIMIT ${page.limit + 1} OFFSET ${page.offset}`;
  const shown = runs.slice(0, page.limit);
  const drafts = shown.length
    ? await tx<DraftRow[]>`
        SELECT ${DRAFT_COLUMNS(tx)} FROM drafts
        WHERE tenant_id = ${tenantId} AND status = 'pending' AND run_id = ANY(${shown.map((r) => r.run_id)}::uuid[])
        ORDER BY created_at, id`
    : [];
  return {
    rows: shown.map((r) => ({ ...r, drafts: drafts.filter((d) => d.run_id === r.run_id) })),
    more: runs.length > page.limit,
  };
}

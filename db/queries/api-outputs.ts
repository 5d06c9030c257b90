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

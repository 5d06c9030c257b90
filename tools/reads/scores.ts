import type postgres from "postgres";
import type { OutputEntityKind } from "../input.ts";

/** The current score of one kind for an entity: the latest row. */
export interface LatestScore {
  kind: string;
  value: number;
  probability: number | null;
  tier: string | null;
  reasons: unknown[];
  model_version: string;
  agent: string;
  created_at: Date;
}

/**
 * The latest score per kind of one entity (scores keep their history; the newest one counts).
 * The explicit tenant predicate lets the planner use scores_entity_latest_idx; RLS applies as well.
 */
export function latestScores(
  tx: postgres.TransactionSql,
  tenantId: string,
  entityKind: OutputEntityKind,
  entityId: string,
): Promise<LatestScore[]> {
  return tx<LatestScore[]>`
    SELECT DISTINCT ON (kind) kind, value::float8 AS value, probability::float8 AS probability, tier, reasons,
           model_version, agent, created_at
    FROM scores
    WHERE tenant_id = ${tenantId} AND entity_kind = ${entityKind} AND entity_id = ${entityId}
    ORDER BY kind, created_at DESC, id`;
}

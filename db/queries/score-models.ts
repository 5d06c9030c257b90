import type postgres from "postgres";
import { withTenant } from "../tenant.ts";

/** A stored scoring model; `artifact` is the agents/scoring JSON, validated by its reader. */
export interface StoredScoreModel {
  name: string;
  version: string;
  artifact: unknown;
  metrics: Record<string, unknown>;
  trained_rows: number;
  trained_at: Date;
}

/**
 * Stores a trained model as the tenant's active version of its name (the previous one stays,
 * inactive, so old scores' model_version can still be traced). Saving the same version again
 * only re-activates it.
 */
export function saveScoreModel(
  sql: postgres.Sql,
  tenantId: string,
  model: {
    name: string;
    version: string;
    artifact: unknown;
    metrics: Record<string, unknown>;
    trainedRows: number;
  },
): Promise<void> {
  return withTenant(sql, tenantId, async (tx) => {
    await tx`UPDATE score_models SET active = false WHERE tenant_id = ${tenantId} AND name = ${model.name} AND active`;
    await tx`
      INSERT INTO score_models (tenant_id, name, version, artifact, metrics, trained_rows, active)
      VALUES (${tenantId}, ${model.name}, ${model.version}, ${tx.json(model.artifact as postgres.JSONValue)},
              ${tx.json(model.metrics as postgres.JSONValue)}, ${model.trainedRows}, true)
      ON CONFLICT (tenant_id, name, version) DO UPDATE SET active = true`;
  });
}

/** The tenant's active model of `name`, or null. Runs on a tenant transaction or the client. */
export async function activeScoreModel(
  sql: postgres.Sql | postgres.TransactionSql,
  tenantId: string,
  name: string,
): Promise<StoredScoreModel | null> {
  const [row] = await sql<StoredScoreModel[]>`
    SELECT name, version, artifact, metrics, trained_rows, trained_at FROM score_models
    WHERE tenant_id = ${tenantId} AND name = ${name} AND active`;
  return row ?? null;
}

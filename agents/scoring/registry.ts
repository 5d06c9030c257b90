import type postgres from "postgres";
import { activeScoreModel, saveScoreModel } from "../../db/queries/score-models.ts";
import { modelArtifactSchema, type ModelArtifact } from "./artifact.ts";

/** What is stored beside an artifact: how it did in cross-validation and what it saw. */
export interface ModelMetrics {
  cvAuc: number;
  cvAucSd: number;
  rows: number;
  positives: number;
}

/** Stores a trained model as the tenant's active `name` (see db/queries/score-models.ts). */
export async function saveModel(
  sql: postgres.Sql,
  tenantId: string,
  name: string,
  artifact: ModelArtifact,
  metrics: ModelMetrics,
): Promise<string> {
  await saveScoreModel(sql, tenantId, {
    name,
    version: artifact.version,
    artifact,
    metrics: { ...metrics },
    trainedRows: artifact.training.rows,
  });
  return artifact.version;
}

/** The tenant's active model of `name`, validated, or null when none was trained. */
export async function loadActiveModel(
  sql: postgres.Sql,
  tenantId: string,
  name: string,
): Promise<{ artifact: ModelArtifact; trained_rows: number } | null> {
  const row = await activeScoreModel(sql, tenantId, name);
  return row ? { artifact: parseArtifactJson(row.artifact), trained_rows: row.trained_rows } : null;
}

/** Validates a stored artifact (as the active_score_model tool returns it). */
export function parseArtifactJson(json: unknown): ModelArtifact {
  return modelArtifactSchema.parse(json);
}

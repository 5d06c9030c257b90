import type postgres from "postgres";
import { saveScoreModel } from "../../db/queries/score-models.ts";
import { modelArtifactSchema, type ModelArtifact } from "./artifact.ts";

/** What is stored beside an artifact: how it did in cross-validation and what it saw. */
export interface ModelMetrics {
  cvAuc: number;
  cvAucSd: number;
  rows: number;
  positives: number;
  /** Where the feature spec came from, and which features were used / requested but missing. */
  featuresSource?: string;
  featuresUsed?: string[];
  featuresMissing?: string[];
  /** Held-out figures, when trained with a holdout. */
  testRocAuc?: number;
  testBrier?: number;
  testRows?: number;
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

/** Validates a stored artifact (as the active_score_model tool returns it). */
export function parseArtifactJson(json: unknown): ModelArtifact {
  return modelArtifactSchema.parse(json);
}

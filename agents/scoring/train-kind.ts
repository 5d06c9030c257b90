import type postgres from "postgres";
import { SCORING_MODELS } from "./catalog.ts";
import { loadDeclaredColumns } from "./data/declared.ts";
import { featureRecord, type TrainingRow } from "./data/rows.ts";
import { trainAndTest, type Evaluated } from "./evaluate.ts";
import { assertCoverage, planFeatures, type FeaturePlan } from "./features/plan.ts";
import type { FeatureSpecInput } from "./features/spec.ts";

/** Refuse to train when more than this share of the requested features has no values. */
export const MAX_MISSING_SHARE = 0.25;

export interface TrainKindOptions {
  asOf?: Date;
  /** A feature spec file's features (overrides the derived spec), and the file's name for errors. */
  file?: { features: readonly FeatureSpecInput[]; origin: string };
  maxMissingShare?: number;
  holdout?: number;
  seed?: number;
}

export interface TrainedKind extends Evaluated {
  rows: TrainingRow[];
  plan: FeaturePlan;
}

/**
 * `crm train <kind>` without the printing: the tenant's labelled rows, the feature plan (spec
 * file, else derived from the tenant's import declarations, else built in; leakage guard;
 * coverage check), then training — on all rows, or on the training part with a held-out test.
 */
export async function trainKind(
  sql: postgres.Sql,
  tenantId: string,
  name: string,
  options: TrainKindOptions = {},
): Promise<TrainedKind> {
  const entry = SCORING_MODELS[name];
  if (!entry) throw new Error(`unknown model "${name}"; known: ${Object.keys(SCORING_MODELS).join(", ")}`);
  const rows = await entry.loadRows(sql, tenantId, options.asOf ? { asOf: options.asOf } : {});
  const declared = entry.columns ? await loadDeclaredColumns(sql, tenantId, entry.columns.table) : [];
  const plan = planFeatures({
    ...(options.file ? { file: options.file } : {}),
    builtIn: entry.definition.features,
    declared,
    kind: entry.columns,
    records: rows.map(featureRecord),
  });
  assertCoverage(plan, options.maxMissingShare ?? MAX_MISSING_SHARE, name);
  const trained = trainAndTest({ ...entry.definition, features: plan.used }, rows, {
    holdout: options.holdout ?? 0,
    seed: options.seed ?? 42,
    ...(options.asOf ? { asOf: options.asOf } : {}),
  });
  return { ...trained, rows, plan };
}

// Learned scoring: churn for accounts, conversion for leads, trained on a tenant's recorded outcomes.
export { trainModel } from "./train.ts";
export type { TrainOptions, TrainResult } from "./train.ts";
export { scoreRecord, predictProbabilities } from "./predict.ts";
export type { Score, Factor } from "./predict.ts";
export {
  ARTIFACT_FORMAT,
  artifactVersion,
  modelArtifactSchema,
  parseArtifact,
  serializeArtifact,
} from "./artifact.ts";
export type { ModelArtifact, TrainParams } from "./artifact.ts";
export { CHURN_MODEL } from "./models/churn.ts";
export { LEAD_MODEL, LEAD_MODEL_WITH_LAST_ACTIVITY } from "./models/lead.ts";
export type { ModelDefinition } from "./models/definition.ts";
export { featureSpecSchema, parseFeatureSpecs } from "./features/spec.ts";
export type { FeatureSpec, FeatureSpecInput, FeatureRecord } from "./features/spec.ts";
export { loadChurnRows } from "./data/accounts.ts";
export { loadLeadRows } from "./data/leads.ts";
export type { TrainingRow, LoadOptions } from "./data/rows.ts";
export { featureRecord } from "./data/rows.ts";
export { stratifiedSplit, stratifiedFolds } from "./learn/split.ts";
export { rocAuc } from "./metrics/roc-auc.ts";
export { brierScore, logLoss, calibrationTable } from "./metrics/probability.ts";
export type { CalibrationBin } from "./metrics/probability.ts";
export { fingerprintRows } from "./fingerprint.ts";
export { saveModel, parseArtifactJson } from "./registry.ts";
export type { ModelMetrics } from "./registry.ts";
export { SCORING_MODELS } from "./catalog.ts";
export type { ScoringModelEntry } from "./catalog.ts";
export { trainAndTest } from "./evaluate.ts";
export type { Evaluated } from "./evaluate.ts";
export { planFeatures, assertCoverage, FeaturesMissingError } from "./features/plan.ts";
export type { FeaturePlan } from "./features/plan.ts";
export { deriveFeatureSpecs } from "./features/derive.ts";
export type { DeclaredColumn, KindColumns, Refusal } from "./features/derive.ts";
export { parseFeatureSpecFile, FeatureSpecError } from "./features/spec-file.ts";
export type { FeatureSpecFile } from "./features/spec-file.ts";
export { loadDeclaredColumns } from "./data/declared.ts";
export { trainKind, MAX_MISSING_SHARE } from "./train-kind.ts";
export type { TrainKindOptions, TrainedKind } from "./train-kind.ts";

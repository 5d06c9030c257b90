// Support triage text classifiers (intent, queue, priority), trained on a tenant's labelled tickets.
export { trainClassifier } from "./train.ts";
export type { TrainClassifierOptions, TrainClassifierResult } from "./train.ts";
export { loadClassifier } from "./predict.ts";
export type { TextClassifier, Prediction, ClassProbability } from "./predict.ts";
export {
  CLASSIFIER_FORMAT,
  classifierArtifactSchema,
  classifierVersion,
  parseClassifier,
  serializeClassifier,
} from "./artifact.ts";
export type { ClassifierArtifact, ClassifierParams } from "./artifact.ts";
export { DEFAULT_FEATURIZER, featurizerConfigSchema } from "./config.ts";
export type { FeaturizerConfig } from "./config.ts";
export { loadLabelledTickets, TICKET_LABELS } from "./data.ts";
export type { LabelledTicket, LoadTicketsOptions, TicketLabel } from "./data.ts";
export { fingerprintExamples } from "./examples.ts";
export type { LabelledText } from "./examples.ts";
export { stratifiedSplit, stratifiedFolds } from "./split.ts";
export {
  accuracy,
  macroF1,
  perClassScores,
  topConfusions,
  accuracyAtThresholds,
  expectedCalibrationError,
} from "./metrics.ts";
export type { ClassScore, Confusion, ThresholdRow } from "./metrics.ts";
export type { CvPoint } from "./cv.ts";

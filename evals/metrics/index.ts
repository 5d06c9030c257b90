export { rocAuc, brierScore, logLoss, prAuc, rocCurve, topK, calibrationDeciles } from "./binary.ts";
export type { RocPoint, TopK, DecileBin } from "./binary.ts";
export { accuracy, macroF1, perClassScores, confusionMatrix } from "./classes.ts";
export type { ClassScore, ConfusionMatrix } from "./classes.ts";

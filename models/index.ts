export { createModelGateway, type ModelGatewayOptions } from "./gateway.ts";
export type { ModelLogger } from "./llm-gateway.ts";
export type { ModelConfig } from "./provider.ts";
export type { BackoffOptions } from "./retry.ts";
export { RunMeter, type Budget, type BudgetBreach, type BudgetName, type UsageReport } from "./meter.ts";
export {
  CassetteFileError,
  CassetteMissError,
  ModelConfigError,
  ModelLayerError,
  ModelRequestError,
} from "./errors.ts";
export { PiiMasker } from "./pii.ts";
export { cassetteKey, type CassetteRequest } from "./cassette-key.ts";
export type {
  ModelGateway,
  ModelRequest,
  ModelResult,
  ModelRunContext,
  PromptRecord,
  Provenance,
  Usage,
} from "./types.ts";

export type { Tool, ToolContext } from "./types.ts";
export { runTool, parseToolInput, defineTool } from "./run.ts";
export { TOOLS, pickTools, allowedTool } from "./registry.ts";
export type { ToolName, AnyTool } from "./registry.ts";
export {
  langChainTools,
  toLangChainTool,
  runToolCall,
  toolConfig,
  toolContextFrom,
  TOOL_CONTEXT_KEY,
} from "./langchain.ts";
export {
  ToolError,
  ToolInputError,
  RunRequiredError,
  NotFoundError,
  EvidenceError,
  ContactOptedOutError,
  ToolNotAllowedError,
  ToolContextMissingError,
} from "./errors.ts";
export { evidenceId } from "./evidence.ts";
export type { WriteResult } from "./idempotency.ts";
export { appendAudit } from "./audit.ts";
export type { AuditEntry } from "./audit.ts";
export type { ToolContextResolver } from "./langchain.ts";
export { segmentSpec, SEGMENT_OPS } from "./segment/spec.ts";
export type { SegmentSpec, SegmentCondition } from "./segment/spec.ts";
export { SEGMENT_FIELDS, SEGMENT_ENTITIES } from "./segment/fields.ts";
export type { EntityHit } from "./reads/search-entities.ts";
export type { SemanticHit } from "./reads/semantic-search.ts";
export type { LatestScore } from "./reads/scores.ts";

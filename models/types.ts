import type { BaseMessage } from "@langchain/core/messages";
import type { StructuredToolInterface } from "@langchain/core/tools";
import type { z } from "zod";
import type { RunMeter } from "./meter.ts";

/** Tokens and calls, summed per node and per run. */
export interface Usage {
  calls: number;
  inputTokens: number;
  outputTokens: number;
}

/**
 * One request to the model layer. Every call site says what the offline provider answers, so a
 * run without a model (or after the model failed) still produces an output, labelled as such.
 */
export interface ModelRequest<T> {
  /** The graph node making the call: usage is accounted per node. */
  node: string;
  /** Names the call in cassettes, audit entries and errors, e.g. `sales.lead-draft`. */
  purpose: string;
  messages: BaseMessage[];
  /** Structured output: the answer is parsed and validated against this schema. */
  schema?: z.ZodType<T>;
  /** Tools the model may call; the answer is then the AI message with its tool calls. */
  tools?: StructuredToolInterface[];
  /** Contact names to mask before the prompt leaves the process (emails and phones always are). */
  knownNames?: string[];
  /** The offline provider's answer: rules and templates over CRM facts. */
  offline: () => T | Promise<T>;
  /** Names the offline template or policy, e.g. `templates-v1`; recorded as `offline:<version>`. */
  offlineVersion: string;
}

/** What produced an answer, recorded on every output. */
export interface Provenance {
  /**
   * `offline:<version>` or `<provider>:<model>`, e.g. `openai-compatible:gpt-4o-mini`;
   * `cassette:<model>` for an answer replayed from a cassette.
   */
  label: string;
  provider: "offline" | "llm";
  model: string | null;
  /** True when an LLM was configured but this answer came from the offline fallback. */
  degraded: boolean;
  /**
   * Why the fallback was used: `timeout`, `network`, `http_<status>` (429, 5xx after retries; other
   * 4xx at once), `malformed`, `budget:<max_llm_calls|max_tokens|max_wall_ms>`, `cassette_miss`, `error`.
   */
  fallbackReason?: string;
}

export interface ModelResult<T> extends Provenance {
  value: T;
  usage: Usage;
}

/** A masked prompt as it left the process, for the audit log. */
export interface PromptRecord {
  node: string;
  purpose: string;
  label: string;
  /** Messages after PII masking, as `{ role, content }`. */
  messages: { role: string; content: string }[];
}

/** Per-run context a model call is made in. */
export interface ModelRunContext {
  runId: string | null;
  meter: RunMeter;
  /** Receives every masked prompt sent to an LLM (the run writes it to the audit log). */
  onPrompt?: (record: PromptRecord) => Promise<void>;
}

/** The model layer as graph nodes see it (built once at the composition root). */
export interface ModelGateway {
  /** `offline:rules` when no LLM is configured, else `<provider>:<model>`. */
  readonly label: string;
  readonly offline: boolean;
  call<T>(request: ModelRequest<T>, run: ModelRunContext): Promise<ModelResult<T>>;
}

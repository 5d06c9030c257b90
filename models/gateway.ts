import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { Cassette } from "./cassette.ts";
import { ModelConfigError } from "./errors.ts";
import { LlmGateway, type ModelLogger } from "./llm-gateway.ts";
import { OfflineGateway } from "./offline.ts";
import { createChatModel, providerLabel, type ModelConfig } from "./provider.ts";
import type { BackoffOptions } from "./retry.ts";
import type { ModelGateway } from "./types.ts";

export interface ModelGatewayOptions {
  /** The parsed configuration; only its LLM_* fields are read. */
  config: ModelConfig;
  /**
   * A chat model to use instead of the OpenAI-compatible client (tests: `fakeModel()`). With it,
   * LLM_MODEL only names the model (default: the model's `_llmType()`).
   */
  chatModel?: BaseChatModel;
  /** Waits between retries (default: a timer). */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1) (default `Math.random`). */
  random?: () => number;
  /** Clock for the total time bound (default `Date.now`). */
  now?: () => number;
  /** Default: warnings and errors to the console. */
  logger?: ModelLogger;
  /** Backoff between retries (defaults: 250 ms doubling to 4 s, Retry-After capped at 10 s). */
  backoff?: BackoffOptions;
  /**
   * Bound on one call, retries and backoff included. Default: every attempt's timeout plus the
   * longest allowed wait before each retry — 30 s × 3 + 10 s × 2 = 110 s with the defaults.
   */
  totalTimeoutMs?: number;
}

const consoleLogger: ModelLogger = {
  warn: (obj, msg) => console.warn(`[models] ${msg}`, obj),
  error: (obj, msg) => console.error(`[models] ${msg}`, obj),
};

/**
 * The model layer, built once at the composition root. Without LLM_MODEL (and no injected chat
 * model) every call answers from the offline provider. Throws ModelConfigError when the LLM_*
 * settings cannot work together.
 */
export function createModelGateway(options: ModelGatewayOptions): ModelGateway {
  const { config } = options;
  const mode = config.LLM_CASSETTE_MODE;
  const model = config.LLM_MODEL ?? options.chatModel?._llmType();
  if (!model) {
    if (mode !== "off") {
      throw new ModelConfigError(
        `LLM_CASSETTE_MODE=${mode} needs LLM_MODEL: cassette entries are keyed by the model name.`,
      );
    }
    return new OfflineGateway();
  }
  const endpoint = Boolean(options.chatModel || config.LLM_BASE_URL || config.LLM_API_KEY);
  if (!endpoint && (mode === "off" || mode === "record")) {
    throw new ModelConfigError(
      `LLM_MODEL=${model} needs an endpoint: set LLM_API_KEY for OpenAI, or LLM_BASE_URL for an ` +
        `OpenAI-compatible server (e.g. http://localhost:11434/v1 for Ollama).`,
    );
  }
  const backoff = options.backoff ?? {};
  const chatModel =
    options.chatModel ??
    (endpoint && mode !== "replay-or-fail" ? createChatModel({ ...config, LLM_MODEL: model }) : null);
  return new LlmGateway({
    model,
    label: providerLabel(model, config.LLM_BASE_URL),
    chatModel,
    cassetteMode: mode,
    cassette: new Cassette(config.LLM_CASSETTE),
    logger: options.logger ?? consoleLogger,
    attempts: {
      timeoutMs: config.LLM_TIMEOUT_MS,
      maxRetries: config.LLM_MAX_RETRIES,
      totalTimeoutMs: options.totalTimeoutMs ?? defaultTotalTimeout(config, backoff),
      backoff,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      random: options.random ?? Math.random,
      now: options.now ?? Date.now,
    },
  });
}

function defaultTotalTimeout(config: ModelConfig, backoff: BackoffOptions): number {
  const longestWait = Math.max(backoff.maxDelayMs ?? 4000, backoff.maxRetryAfterMs ?? 10_000);
  return config.LLM_TIMEOUT_MS * (config.LLM_MAX_RETRIES + 1) + longestWait * config.LLM_MAX_RETRIES;
}

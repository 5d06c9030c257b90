import { ChatOpenAICompletions } from "@langchain/openai";
import type { Config } from "../server/config.ts";

/** The configuration the model layer reads (the LLM_* variables of server/config.ts). */
export type ModelConfig = Pick<
  Config,
  | "LLM_MODEL"
  | "LLM_BASE_URL"
  | "LLM_API_KEY"
  | "LLM_TIMEOUT_MS"
  | "LLM_MAX_RETRIES"
  | "LLM_TEMPERATURE"
  | "LLM_CASSETTE_MODE"
  | "LLM_CASSETTE"
>;

/** `openai-compatible:<model>` with a base URL, `openai:<model>` against OpenAI itself. */
export function providerLabel(model: string, baseURL: string | undefined): string {
  return `${baseURL ? "openai-compatible" : "openai"}:${model}`;
}

/**
 * A Chat Completions client for any OpenAI-compatible endpoint. `ChatOpenAICompletions`, not
 * `ChatOpenAI`: the latter switches to the Responses API for some model names, which local
 * servers do not serve. The client never retries (`maxRetries: 0`; the gateway does, with its own
 * backoff and fallback) and never streams (a streaming `invoke()` counts tokens with tiktoken,
 * which downloads its encoding and hangs offline).
 */
export function createChatModel(config: ModelConfig & { LLM_MODEL: string }): ChatOpenAICompletions {
  return new ChatOpenAICompletions({
    model: config.LLM_MODEL,
    // Always explicit, so the library never falls back to OPENAI_API_KEY from the environment.
    apiKey: config.LLM_API_KEY ?? "not-needed",
    configuration: config.LLM_BASE_URL ? { baseURL: config.LLM_BASE_URL } : {},
    temperature: config.LLM_TEMPERATURE,
    timeout: config.LLM_TIMEOUT_MS,
    maxRetries: 0,
    streaming: false,
  });
}

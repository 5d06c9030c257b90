import { HashingEmbedder } from "./embedders/hashing.ts";
import { OpenAIEmbedder } from "./embedders/openai.ts";
import { SEARCH_DIMENSIONS } from "./vector-sql.ts";

/** Which embedder a deployment uses; built once from configuration. */
export type EmbedderSettings =
  | { kind: "hashing"; dimensions: number }
  | {
      kind: "openai";
      model: string;
      dimensions: number;
      baseURL?: string | undefined;
      apiKey?: string | undefined;
      timeoutMs?: number;
    };

/** Raised for an embedder configuration the store cannot index; names the variable. */
export class EmbedderConfigError extends Error {
  readonly code = "EMBEDDER_CONFIG";
}

/**
 * EMBEDDINGS_MODEL set: an OpenAI-compatible endpoint (base URL and key default to the chat
 * model's). Unset: the offline hashing embedder (512 dimensions).
 */
export function embedderSettingsFromConfig(config: {
  EMBEDDINGS_MODEL?: string | undefined;
  EMBEDDINGS_BASE_URL?: string | undefined;
  EMBEDDINGS_API_KEY?: string | undefined;
  EMBEDDINGS_DIMENSIONS: number;
  LLM_BASE_URL?: string | undefined;
  LLM_API_KEY?: string | undefined;
  LLM_TIMEOUT_MS: number;
}): EmbedderSettings {
  if (!config.EMBEDDINGS_MODEL) return { kind: "hashing", dimensions: 512 };
  if (!(SEARCH_DIMENSIONS as readonly number[]).includes(config.EMBEDDINGS_DIMENSIONS)) {
    throw new EmbedderConfigError(
      `EMBEDDINGS_DIMENSIONS=${config.EMBEDDINGS_DIMENSIONS} cannot be indexed; use one of ${SEARCH_DIMENSIONS.join(", ")}`,
    );
  }
  return {
    kind: "openai",
    model: config.EMBEDDINGS_MODEL,
    dimensions: config.EMBEDDINGS_DIMENSIONS,
    baseURL: config.EMBEDDINGS_BASE_URL ?? config.LLM_BASE_URL,
    apiKey: config.EMBEDDINGS_API_KEY ?? config.LLM_API_KEY,
    timeoutMs: config.LLM_TIMEOUT_MS,
  };
}

/** A remote embedder from settings; the hashing embedder is built per tenant (it is fitted). */
export function remoteEmbedder(settings: Extract<EmbedderSettings, { kind: "openai" }>): OpenAIEmbedder {
  return new OpenAIEmbedder(settings);
}

/** An unfitted hashing embedder of the configured size. */
export function blankHashingEmbedder(
  settings: Extract<EmbedderSettings, { kind: "hashing" }>,
): HashingEmbedder {
  return new HashingEmbedder({ dimensions: settings.dimensions });
}

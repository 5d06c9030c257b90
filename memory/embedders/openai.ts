import { createHash } from "node:crypto";
import { OpenAIEmbeddings } from "@langchain/openai";
import type { Embedder } from "../embedder.ts";

export interface OpenAIEmbedderOptions {
  /** Embedding model name, e.g. `text-embedding-3-small`, `nomic-embed-text`. */
  model: string;
  /** Vector length the model returns; sent as `dimensions` (models that support it shorten to it). */
  dimensions: number;
  /** OpenAI-compatible base URL; default OpenAI's. */
  baseURL?: string | undefined;
  /** Default `not-needed` (local servers accept any key). */
  apiKey?: string | undefined;
  /** Per-request timeout in milliseconds. Default 30000. */
  timeoutMs?: number;
  /** Retries of a failed request, with exponential backoff. Default 3. */
  maxRetries?: number;
  /** Texts per request. Default 256. */
  batchSize?: number;
}

/** Raised when the endpoint answers with vectors of another length than configured. */
export class EmbeddingDimensionError extends Error {
  readonly code = "EMBEDDING_DIMENSIONS";
}

/**
 * Embeddings from any OpenAI-compatible `/embeddings` endpoint (OpenAI, Ollama, vLLM,
 * llama.cpp). The id names the model and the dimension — not the endpoint — so the same model
 * served elsewhere keeps its index, and another model gets a new one.
 */
export class OpenAIEmbedder implements Embedder {
  readonly id: string;
  readonly dimensions: number;
  readonly model: string;
  readonly #client: OpenAIEmbeddings;

  constructor(options: OpenAIEmbedderOptions) {
    this.model = options.model;
    this.dimensions = options.dimensions;
    this.id = embedderIdFor(options.model, options.dimensions);
    this.#client = new OpenAIEmbeddings({
      model: options.model,
      dimensions: options.dimensions,
      apiKey: options.apiKey ?? "not-needed",
      configuration: options.baseURL ? { baseURL: options.baseURL } : {},
      timeout: options.timeoutMs ?? 30_000,
      maxRetries: options.maxRetries ?? 3,
      batchSize: options.batchSize ?? 256,
    });
  }

  async embed(texts: string[]): Promise<number[][]> {
    if (texts.length === 0) return [];
    const vectors = await this.#client.embedDocuments(texts);
    for (const v of vectors) {
      if (v.length !== this.dimensions) {
        throw new EmbeddingDimensionError(
          `embedding model ${this.model} returned ${v.length}-dimension vectors, ` +
            `but EMBEDDINGS_DIMENSIONS is ${this.dimensions}`,
        );
      }
    }
    return vectors;
  }
}

/** `oai-<model as a slug>-d<dimensions>`, with a hash suffix when the slug had to change the name. */
export function embedderIdFor(model: string, dimensions: number): string {
  const slug = model
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40);
  const exact = slug === model;
  const suffix = exact ? "" : `-${createHash("sha256").update(model).digest("hex").slice(0, 6)}`;
  return `oai-${slug}${suffix}-d${dimensions}`;
}

import { createHash } from "node:crypto";
import type { WireMessage } from "./messages.ts";

/** A tool as the model sees it. */
export interface ToolSpec {
  name: string;
  description: string;
  parameters: unknown;
}

/**
 * Everything that decides a model's answer, and nothing else: the API key, base URL, run ids and
 * checkpoint ids are left out so identical prompts hit across runs, machines and endpoints.
 * Messages are the masked ones (no PII in cassette files).
 */
export interface CassetteRequest {
  model: string;
  messages: WireMessage[];
  tools: ToolSpec[];
  /** JSON schema of the structured output, or null. */
  responseFormat: unknown;
}

/** sha256 (hex) of the canonical JSON of the request. */
export function cassetteKey(request: CassetteRequest): string {
  const { model, messages, tools, responseFormat } = request;
  const canonical = canonicalJson({ model, messages, tools, responseFormat: responseFormat ?? null });
  return createHash("sha256").update(canonical).digest("hex");
}

/** JSON with object keys sorted at every level and `undefined` members dropped. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeys(v)));
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

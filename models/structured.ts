import { convertToOpenAITool } from "@langchain/core/utils/function_calling";
import type { StructuredToolInterface } from "@langchain/core/tools";
import { z } from "zod";
import type { ToolSpec } from "./cassette-key.ts";

/** Output that cannot be used: invalid JSON, a schema mismatch, an unknown tool, an empty answer. */
export class MalformedOutputError extends Error {
  override readonly name = "MalformedOutputError";
}

/** The JSON schema the model is asked to produce (the schema's input side, without `$schema`). */
export function jsonSchemaFor(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
  return rest;
}

/**
 * Chat Completions `response_format` for a schema. `strict` is off: OpenAI's strict mode rejects
 * schemas with optional fields, and local servers (Ollama, vLLM, llama.cpp) constrain decoding to
 * the schema either way. The answer is validated with zod regardless.
 */
export function responseFormatFor(purpose: string, jsonSchema: Record<string, unknown>) {
  const name = purpose.replace(/[^a-zA-Z0-9_-]/g, "_").slice(0, 64) || "output";
  return { type: "json_schema" as const, json_schema: { name, schema: jsonSchema, strict: false } };
}

/** Tools as name, description and JSON schema of the parameters. */
export function toolSpecs(tools: StructuredToolInterface[]): ToolSpec[] {
  return tools.map((t) => {
    const { function: fn } = convertToOpenAITool(t);
    return { name: fn.name, description: fn.description ?? "", parameters: fn.parameters ?? {} };
  });
}

/**
 * Parses model text as JSON (tolerating a ```json fence), passes it through `restore` (PII
 * placeholders back to values, so formats like `z.email()` validate) and validates it.
 */
export function parseStructured<T>(text: string, schema: z.ZodType<T>, restore: <V>(v: V) => V): T {
  const fenced = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/i.exec(text);
  const body = (fenced?.[1] ?? text).trim();
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new MalformedOutputError(`answer is not valid JSON: ${JSON.stringify(body.slice(0, 80))}`);
  }
  const parsed = schema.safeParse(restore(json));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MalformedOutputError(
      `answer does not match the schema at "${issue?.path.join(".")}": ${issue?.message}`,
    );
  }
  return parsed.data;
}

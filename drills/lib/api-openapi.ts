import type { App } from "../../server/http/app.ts";

/** One operation of the API's OpenAPI document. */
export interface Operation {
  method: string;
  /** The path template, e.g. `/v1/runs/{id}`. */
  path: string;
  pathParams: Param[];
  queryParams: Param[];
  headerParams: Param[];
  /** The JSON schema of the request body (refs unresolved), or null without one. */
  body: JsonSchema | null;
  /** false for the operator routes that declare `security: []` (no key). */
  secured: boolean;
}

export interface Param {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

export type JsonSchema = Record<string, unknown>;
export type OpenApiDoc = Record<string, unknown> & { components?: { schemas?: Record<string, JsonSchema> } };

/** The app's own /openapi.json, and every operation in it: a route added later is covered too. */
export async function operations(app: App): Promise<{ doc: OpenApiDoc; ops: Operation[] }> {
  const res = await app.request("/openapi.json");
  if (res.status !== 200) throw new Error(`/openapi.json answered ${res.status}`);
  const doc = (await res.json()) as OpenApiDoc;
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
    for (const [method, raw] of Object.entries(item)) {
      const op = raw as {
        parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
        requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
        security?: unknown[];
      };
      const params = (where: string) =>
        (op.parameters ?? [])
          .filter((p) => p.in === where)
          .map((p) => ({ name: p.name, required: p.required === true, schema: p.schema ?? {} }));
      ops.push({
        method: method.toUpperCase(),
        path,
        pathParams: params("path"),
        queryParams: params("query"),
        headerParams: params("header"),
        body: op.requestBody?.content?.["application/json"]?.schema ?? null,
        secured: !(Array.isArray(op.security) && op.security.length === 0),
      });
    }
  }
  return { doc, ops };
}

/** `/v1/runs/{id}` with `{id}` replaced (URI-encoded) from `values`. */
export function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ""));
}

/** Follows a local `$ref` (`#/components/schemas/X`) to its schema. */
export function deref(doc: OpenApiDoc, schema: JsonSchema): JsonSchema {
  let s = schema;
  for (let i = 0; i < 10 && typeof s.$ref === "string"; i++) {
    s = (s.$ref as string)
      .slice(2)
      .split("/")
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], doc) as JsonSchema;
  }
  return s;
}

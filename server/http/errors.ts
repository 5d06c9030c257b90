import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";

/** The body of every error answer: a stable code, a message a person can act on, the bad field. */
export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

/**
 * An error the API answers with a 4xx. Handlers throw it; the one `onError` in app.ts turns it
 * (and the domain errors below) into `{ error: { code, message, field? } }`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }

  body(): ErrorBody {
    return {
      error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) },
    };
  }
}

/**
 * Another tenant's id answers exactly like an id that does not exist. `field` is the path
 * parameter that named it (every 4xx names its field).
 */
export function notFound(what: string, id: string, field = "id"): ApiError {
  return new ApiError(404, `${what.toUpperCase()}_NOT_FOUND`, `${what} ${id} not found`, field);
}

const LOCATION: Record<string, string> = {
  json: "body",
  query: "query parameter",
  param: "path parameter",
  header: "header",
};

/**
 * A zod failure on one part of the request, naming the first bad field by its path. A field the
 * request left out says "required" (whatever the schema's own message), so a person knows to add
 * it rather than fix its value; `input` is what the request sent for that part.
 */
export function validationError(target: string, error: ZodError, input?: unknown): ApiError {
  const issue = error.issues[0]!;
  const path = issue.path.map(String).join(".");
  const field = path || (target === "json" ? "body" : target);
  const where = LOCATION[target] ?? target;
  const message = isMissing(input, issue.path) ? `required (${issue.message})` : issue.message;
  return new ApiError(400, "VALIDATION_FAILED", `${where} "${field}": ${message}`, field);
}

/** Whether `path` names a key absent from the object `input` holds at its parent. */
function isMissing(input: unknown, path: readonly PropertyKey[]): boolean {
  if (path.length === 0) return input === undefined;
  let parent: unknown = input;
  for (const key of path.slice(0, -1)) {
    if (parent === null || typeof parent !== "object") return false;
    parent = (parent as Record<PropertyKey, unknown>)[key];
  }
  if (parent === null || typeof parent !== "object" || Array.isArray(parent)) return false;
  const value = (parent as Record<PropertyKey, unknown>)[path[path.length - 1]!];
  return value === undefined;
}

/** The one content type /v1 bodies are read as. */
export const JSON_CONTENT_TYPE = "application/json";

/**
 * 415 for a body sent as anything but JSON, saying what to send instead; `sent` is the request's
 * Content-Type (null: it had none; undefined: not known here).
 */
export function unsupportedMediaType(sent?: string | null): ApiError {
  return new ApiError(
    415,
    "UNSUPPORTED_MEDIA_TYPE",
    `send the request body as JSON with the header "Content-Type: ${JSON_CONTENT_TYPE}"` +
      (sent === undefined ? "" : sent === null ? " (none was sent)" : ` (got "${sent}")`),
    "content-type",
  );
}

/** Stable codes of domain errors, mapped to a status and the field they are about. */
const DOMAIN: { match: RegExp; status: ContentfulStatusCode; field?: string; fieldIn?: RegExp }[] = [
  { match: /^RUN_NOT_FOUND$/, status: 404, field: "id" },
  { match: /^RUN_STATE$/, status: 409, field: "id" },
  { match: /^(DRAFT_NOT_IN_RUN|NO_DECISIONS)$/, status: 400, field: "decisions" },
  { match: /^DRAFT_DECISION$/, status: 409, field: "decisions" },
  { match: /^DRAFT_NOT_FOUND$/, status: 404, field: "id" },
  { match: /^DRAFT_CLOSED$/, status: 409, field: "id" },
  { match: /^UNKNOWN_AGENT$/, status: 400, field: "agent" },
  { match: /_TARGET_(UNSUPPORTED|INVALID)$/, status: 400, field: "target" },
  { match: /_(SETTINGS|POLICY)_INVALID$/, status: 409 },
  { match: /^TENANT_NOT_FOUND$/, status: 404 },
  { match: /^TARGET_BUSY$/, status: 409, field: "target" },
  { match: /^TARGET_NOT_FOUND$/, status: 404, field: "target.id" },
  { match: /^BUDGET_ABOVE_MAXIMUM$/, status: 400, field: "budget" },
  { match: /^TASK_CONFLICT$/, status: 409, field: "status" },
  { match: /^(SCHEDULE|EVENT_RULE)_NOT_FOUND$/, status: 404, field: "id" },
  { match: /^(SCHEDULE|EVENT_RULE)_EXISTS$/, status: 409, field: "name" },
  { match: /^INVALID_CRON$/, status: 400, field: "cron" },
  { match: /^INVALID_TIME_ZONE$/, status: 400, field: "tz" },
  { match: /^INVALID_SCHEDULE_NAME$/, status: 400, field: "name" },
  { match: /^INVALID_EVENT_TYPE$/, status: 400, field: "type" },
  { match: /^INVALID_EVENT_DATA$/, status: 400, field: "data", fieldIn: /^(data\.[a-z0-9_]+)/ },
  { match: /^INVALID_TARGET_KIND$/, status: 400, field: "target_kind" },
  { match: /^INVALID_TARGET_FIELD$/, status: 400, field: "target_field" },
];

// Postgres rejecting a value's form (bad uuid, date, number …) is bad input, never a 500.
const PG_BAD_INPUT = new Set(["22P02", "22007", "22008", "22003", "22001", "22023"]);

/** The ApiError an error thrown anywhere below a handler answers as, or null for a 500. */
export function toApiError(err: unknown): ApiError | null {
  if (err instanceof ApiError) return err;
  // @hono/zod-openapi's own media-type gate: answered like the middleware's, saying what to send
  if (err instanceof HTTPException && err.status === 415) return unsupportedMediaType();
  if (err instanceof HTTPException && err.status < 500) {
    // Hono raises these for a body it cannot read (malformed JSON, too large)
    const code = err.status === 413 ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST";
    return new ApiError(err.status as ContentfulStatusCode, code, err.message || "bad request", "body");
  }
  const e = err as { code?: unknown; message?: string; field?: string };
  if (typeof e?.code !== "string") return null;
  if (PG_BAD_INPUT.has(e.code)) return new ApiError(400, "BAD_VALUE", e.message ?? "bad value");
  const rule = DOMAIN.find((d) => d.match.test(e.code as string));
  if (!rule) return null;
  const named = rule.fieldIn?.exec(e.message ?? "")?.[1];
  return new ApiError(rule.status, e.code, e.message ?? e.code, e.field ?? named ?? rule.field);
}

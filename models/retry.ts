import { MalformedOutputError } from "./structured.ts";

/** How a failed attempt is handled: retried with backoff, retried once (malformed), or given up. */
export type Failure =
  | { kind: "transient"; reason: string; retryAfterMs?: number; detail: string }
  | { kind: "malformed"; reason: "malformed"; detail: string }
  | { kind: "fatal"; reason: string; detail: string };

/** Backoff between retries of transient failures. */
export interface BackoffOptions {
  /** First delay before jitter (default 250 ms); doubles per attempt. */
  baseDelayMs?: number;
  /** Largest exponential delay (default 4000 ms). */
  maxDelayMs?: number;
  /** Largest wait a Retry-After header may ask for (default 10000 ms). */
  maxRetryAfterMs?: number;
}

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "EPIPE", "ETIMEDOUT"]);
const MALFORMED_NAMES = new Set(["SyntaxError", "LengthFinishReasonError", "ContentFilterFinishReasonError"]);

/** Classifies an error thrown by the chat model; `timedOut` says our own per-call timer fired. */
export function classifyError(err: unknown, timedOut: boolean): Failure {
  const e = (typeof err === "object" && err !== null ? err : {}) as Record<string, unknown>;
  const detail = err instanceof Error ? err.message : String(err);
  const name = typeof e.name === "string" ? e.name : "";
  if (timedOut || name === "TimeoutError" || name === "APIConnectionTimeoutError") {
    return { kind: "transient", reason: "timeout", detail };
  }
  if (err instanceof MalformedOutputError || MALFORMED_NAMES.has(name)) {
    return { kind: "malformed", reason: "malformed", detail };
  }
  const status = typeof e.status === "number" ? e.status : null;
  if (status !== null) {
    const reason = `http_${status}`;
    if (status === 429) return { kind: "transient", reason, retryAfterMs: retryAfterMs(e.headers), detail };
    if (status >= 500 || status === 408 || status === 409) return { kind: "transient", reason, detail };
    return { kind: "fatal", reason, detail };
  }
  const code = causeCode(err);
  const type = (err as object | null)?.constructor?.name;
  if (
    type === "APIConnectionError" ||
    (code !== null && (NETWORK_CODES.has(code) || code.startsWith("UND_ERR")))
  ) {
    return { kind: "transient", reason: "network", detail };
  }
  return { kind: "fatal", reason: "error", detail };
}

/** Delay before retry number `attempt` (0-based): Retry-After if given (capped), else exponential with jitter. */
export function backoffDelay(
  attempt: number,
  retryAfter: number | undefined,
  random: () => number,
  options: BackoffOptions = {},
): number {
  const { baseDelayMs = 250, maxDelayMs = 4000, maxRetryAfterMs = 10_000 } = options;
  if (retryAfter !== undefined) return Math.min(retryAfter, maxRetryAfterMs);
  const exp = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
  return Math.round(exp / 2 + (random() * exp) / 2);
}

/** Milliseconds from `retry-after-ms` or `retry-after` (seconds or an HTTP date); undefined if absent. */
export function retryAfterMs(headers: unknown, now = Date.now()): number | undefined {
  const get = (name: string): string | null => {
    if (headers instanceof Headers) return headers.get(name);
    if (typeof headers === "object" && headers !== null) {
      const v = (headers as Record<string, unknown>)[name];
      return typeof v === "string" ? v : null;
    }
    return null;
  };
  const ms = Number(get("retry-after-ms"));
  if (get("retry-after-ms") !== null && Number.isFinite(ms) && ms >= 0) return ms;
  const value = get("retry-after");
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The errno-style code of an error or of its `cause` chain (fetch wraps socket errors as `UND_ERR_*`). */
function causeCode(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

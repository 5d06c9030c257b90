import { cors } from "hono/cors";
import type { MiddlewareHandler } from "hono";

/** Headers a browser client may send: the key, JSON bodies, SSE rejoin, request and idempotency ids. */
const ALLOW_HEADERS = ["Authorization", "Content-Type", "Idempotency-Key", "Last-Event-ID", "X-Request-Id"];
/** Headers a browser client may read: the rate limit and the request id. */
const EXPOSE_HEADERS = ["RateLimit-Limit", "RateLimit-Remaining", "Retry-After", "X-Request-Id"];

/**
 * CORS for the origins in `CRM_CORS_ORIGINS`, or null when none are configured (the default: no
 * CORS headers, browsers on other origins are refused by their own same-origin policy). Mounted
 * before authentication, so a preflight (`OPTIONS` without a key, as browsers send it) is answered
 * 204 at once. An origin off the list gets no `Access-Control-Allow-Origin`. Keys travel as bearer
 * tokens, never cookies, so credentials stay off.
 */
export function corsFor(origins: readonly string[] | undefined): MiddlewareHandler | null {
  if (!origins || origins.length === 0) return null;
  const allowed = new Set(origins);
  return cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE"],
    allowHeaders: ALLOW_HEADERS,
    exposeHeaders: EXPOSE_HEADERS,
    maxAge: 600,
  });
}

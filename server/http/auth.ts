import type postgres from "postgres";
import { createMiddleware } from "hono/factory";
import { touchApiKey, verifyApiKey, type ApiScope } from "../../db/queries/api-keys.ts";
import { ApiError } from "./errors.ts";
import type { AppEnv } from "./context.ts";

export interface AuthOptions {
  sql: postgres.Sql;
  /** How often a key's `last_used_at` is written, at most (default 60 s: not a write per request). */
  touchEveryMs?: number;
  /** Also accept HTTP Basic with the key as password (default false; the Bull Board UI needs it). */
  basic?: boolean;
}

/**
 * Authenticates `Authorization: Bearer <key>` (or Basic with the key as the password when
 * `basic`), and sets the request's principal: its tenant and scopes. 401 without a live key.
 */
export function authenticate({ sql, touchEveryMs = 60_000, basic = false }: AuthOptions) {
  const touched = new Map<string, number>();
  return createMiddleware<AppEnv>(async (c, next) => {
    // x-api-key: how @langchain/langgraph-sdk sends the same key
    const presented =
      credential(c.req.header("authorization"), basic) ?? (c.req.header("x-api-key")?.trim() || null);
    const key = presented ? await verifyApiKey(sql, presented) : null;
    if (!key) {
      const challenge = basic ? 'Basic realm="crm-agents admin"' : 'Bearer realm="crm-agents"';
      throw new ApiError(
        401,
        "UNAUTHENTICATED",
        presented ? "the API key is unknown or revoked" : "missing API key: send Authorization: Bearer <key>",
        "authorization",
        { "WWW-Authenticate": challenge },
      );
    }
    c.set("principal", { keyId: key.id, tenantId: key.tenant_id, prefix: key.prefix, scopes: key.scopes });
    c.set("log", c.get("log").child({ tenantId: key.tenant_id, key: key.prefix }));
    const now = Date.now();
    if (now - (touched.get(key.id) ?? 0) >= touchEveryMs) {
      touched.set(key.id, now);
      await touchApiKey(sql, key.id);
    }
    await next();
  });
}

function credential(header: string | undefined, basic: boolean): string | null {
  const [scheme, value] = (header ?? "").trim().split(/\s+/, 2);
  if (!value) return null;
  if (scheme?.toLowerCase() === "bearer") return value;
  if (basic && scheme?.toLowerCase() === "basic") {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    return decoded.slice(decoded.indexOf(":") + 1) || null;
  }
  return null;
}

/** Refuses a request whose key lacks `scope` (403). `admin` holds every scope. */
export function requireScope(scope: ApiScope) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const { scopes } = c.get("principal");
    if (!scopes.includes(scope) && !scopes.includes("admin")) {
      throw new ApiError(403, "FORBIDDEN", `this API key lacks the "${scope}" scope`, "authorization");
    }
    await next();
  });
}

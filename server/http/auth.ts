import { createHash, timingSafeEqual } from "node:crypto";
import type postgres from "postgres";
import { createMiddleware } from "hono/factory";
import { touchApiKey, verifyApiKey, type ApiScope } from "../../db/queries/api-keys.ts";
import { ApiError } from "./errors.ts";
import type { AppEnv, Principal } from "./context.ts";

/**
 * The web workspace (server/web) calls /v1 in process for a signed-in session: it passes the
 * session's principal in the request's env under this symbol, which no network request can set.
 */
export const SESSION_PRINCIPAL: unique symbol = Symbol("session principal");

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
    const session = (c.env as { [SESSION_PRINCIPAL]?: Principal } | undefined)?.[SESSION_PRINCIPAL];
    if (session) {
      c.set("principal", session);
      return next();
    }
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

export interface OperatorAuthOptions {
  sql: postgres.Sql;
  /** The operator token (CRM_OPERATOR_TOKEN). */
  token: string;
  /** What the operator is opening, for messages (e.g. "Bull Board"). */
  what: string;
}

/**
 * Admits the system operator only: `Authorization: Bearer <token>`, or HTTP Basic with the token
 * as the password (a browser's login prompt), where the token is CRM_OPERATOR_TOKEN. A tenant's
 * API key — even one with `admin` — is refused with 403 saying why: what lies behind this is not
 * scoped to a tenant. Anything else is 401 with a Basic challenge.
 */
export function authenticateOperator({ sql, token, what }: OperatorAuthOptions) {
  const expected = digest(token);
  return createMiddleware<AppEnv>(async (c, next) => {
    const presented = credential(c.req.header("authorization"), true);
    if (presented && timingSafeEqual(digest(presented), expected)) return next();
    if (presented && (await verifyApiKey(sql, presented))) {
      throw new ApiError(
        403,
        "OPERATOR_ONLY",
        `${what} shows every tenant's jobs, so it takes the operator token (CRM_OPERATOR_TOKEN), not a tenant's API key`,
        "authorization",
      );
    }
    throw new ApiError(
      401,
      "UNAUTHENTICATED",
      presented ? "the operator token is wrong" : `missing credential: ${what} takes the operator token`,
      "authorization",
      { "WWW-Authenticate": 'Basic realm="crm-agents operator"' },
    );
  });
}

/** Fixed-length digests, so comparing them takes the same time whatever was sent. */
const digest = (value: string) => createHash("sha256").update(value).digest();

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

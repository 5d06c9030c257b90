import { timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type postgres from "postgres";
import { findWebSession, openWebSession, webSecret } from "../../db/queries/web-sessions.ts";
import { apiAs, type ApiFetch } from "./api.ts";
import type { WebEnv } from "./env.ts";

export const SESSION_COOKIE = "crm_session";
/** How long a browser session lives (hours). */
export const SESSION_TTL_HOURS = 12;

/** The installation's cookie secret, read once per process. */
export function cookieSecret(sql: postgres.Sql): () => Promise<string> {
  let secret: Promise<string> | undefined;
  return () => (secret ??= webSecret(sql));
}

/** Sets the session cookie: signed, HttpOnly, SameSite=Strict, Secure on https. */
export async function startSession(
  c: Context,
  sql: postgres.Sql,
  secret: string,
  key: { tenantId: string; apiKeyId: string },
): Promise<void> {
  const { token } = await openWebSession(sql, { ...key, ttlHours: SESSION_TTL_HOURS });
  await setSignedCookie(c, SESSION_COOKIE, token, secret, {
    httpOnly: true,
    sameSite: "Strict",
    secure: new URL(c.req.url).protocol === "https:",
    path: "/",
    maxAge: SESSION_TTL_HOURS * 3600,
  });
}

/** The session token of a request whose cookie signature holds, or null. */
export async function sessionToken(c: Context, secret: string): Promise<string | null> {
  const value = await getSignedCookie(c, secret, SESSION_COOKIE);
  return typeof value === "string" && value ? value : null;
}

export function endSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
}

export const sameToken = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Pages need a live session: without one a page redirects to /app/signin (an htmx request gets a
 * full-page redirect). Every POST must carry the session's CSRF token (form field `_csrf` or the
 * `x-csrf-token` header htmx sends), or it is refused with 403.
 */
export function requireSession(sql: postgres.Sql, secret: () => Promise<string>, fetchApi: ApiFetch) {
  return createMiddleware<WebEnv>(async (c, next) => {
    const token = await sessionToken(c, await secret());
    const session = token ? await findWebSession(sql, token) : null;
    if (!session) {
      const to = `/app/signin?next=${encodeURIComponent(c.req.path)}`;
      if (c.req.header("hx-request")) return c.body(null, 401, { "HX-Redirect": to });
      return c.redirect(to, 303);
    }
    const principal = {
      keyId: session.api_key_id,
      tenantId: session.tenant_id,
      prefix: session.prefix,
      scopes: session.scopes,
    };
    if (c.req.method === "POST") {
      const sent = c.req.header("x-csrf-token") ?? (await formField(c, "_csrf"));
      if (!sent || !sameToken(sent, session.csrf_token))
        return c.text("the form's CSRF token is missing or stale: reload the page and try again", 403);
    }
    c.set("principal", principal);
    c.set("csrf", session.csrf_token);
    c.set("api", apiAs(fetchApi, principal));
    c.set("log", c.get("log").child({ tenantId: session.tenant_id, key: session.prefix }));
    await next();
  });
}

async function formField(c: Context, name: string): Promise<string | undefined> {
  const type = c.req.header("content-type") ?? "";
  if (!type.includes("form")) return undefined;
  const value = (await c.req.parseBody({ all: true }))[name];
  return typeof value === "string" ? value : undefined;
}

import { randomBytes } from "node:crypto";
import { Hono, type Context } from "hono";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import type postgres from "postgres";
import { verifyApiKey } from "../../db/queries/api-keys.ts";
import { closeWebSession, createSignInToken, spendSignInToken } from "../../db/queries/web-sessions.ts";
import type { AppEnv } from "../http/context.ts";
import { ApiErrorNote, Layout } from "./layout.tsx";
import { endSessionCookie, sameToken, sessionToken, startSession } from "./session.ts";

const FORM_COOKIE = "crm_signin";
/** How long the link `npm start` prints stays usable (minutes). */
export const SIGNIN_LINK_TTL_MINUTES = 24 * 60;

/**
 * The one-time workspace link for a key: opening it signs the browser in as that key, once.
 * `npm start` prints it first.
 */
export async function workspaceLink(sql: postgres.Sql, baseUrl: string, key: string): Promise<string> {
  const found = await verifyApiKey(sql, key);
  if (!found) throw new Error("workspaceLink: the key is unknown or revoked");
  const token = await createSignInToken(sql, {
    tenantId: found.tenant_id,
    apiKeyId: found.id,
    ttlMinutes: SIGNIN_LINK_TTL_MINUTES,
  });
  return `${baseUrl}/app/signin/link?token=${token}`;
}

/** Only same-site paths after sign-in (no open redirect). */
const safeNext = (next: string | undefined) =>
  next && /^\/(?!\/)[\w\-/?=&%.]*$/.test(next) && !next.startsWith("/app/signin") ? next : "/app/inbox";

/** Sign in with a key or a one-time link; sign out. Login CSRF: a signed form cookie. */
export function signinRoutes(sql: postgres.Sql, secret: () => Promise<string>) {
  const app = new Hono<AppEnv>();
  const page = async (c: Context<AppEnv>, error?: string, status: 200 | 401 | 403 = 200) => {
    const nonce = randomBytes(24).toString("base64url");
    await setSignedCookie(c, FORM_COOKIE, nonce, await secret(), {
      httpOnly: true,
      sameSite: "Strict",
      path: "/app/signin",
      maxAge: 3600,
    });
    const next = safeNext(c.req.query("next"));
    return c.html(
      <Layout title="Sign in" path="/app/signin">
        <form method="post" action={`/app/signin?next=${encodeURIComponent(next)}`} class="card signin">
          <input type="hidden" name="_csrf" value={nonce} />
          <p>
            Sign in with an API key (
            <code>npx crm key create --tenant &lt;slug&gt; --scopes read,approve</code>) or open the workspace
            link <code>npm start</code> prints.
          </p>
          <label>
            API key
            <input name="key" type="password" autocomplete="off" required size={60} />
          </label>
          <div class="row">
            <button type="submit" class="primary">
              Sign in
            </button>
          </div>
          <ApiErrorNote error={error ? { code: "UNAUTHENTICATED", message: error } : null} />
        </form>
      </Layout>,
      status,
    );
  };

  app.get("/app/signin", (c) => page(c));
  app.post("/app/signin", async (c) => {
    const form = await c.req.parseBody();
    const nonce = await getSignedCookie(c, await secret(), FORM_COOKIE);
    const sent = typeof form._csrf === "string" ? form._csrf : "";
    if (typeof nonce !== "string" || !sameToken(sent, nonce))
      return page(c, "the sign-in form expired: try again", 403);
    const key = typeof form.key === "string" ? await verifyApiKey(sql, form.key.trim()) : null;
    if (!key) return page(c, "the API key is unknown or revoked", 401);
    deleteCookie(c, FORM_COOKIE, { path: "/app/signin" });
    await startSession(c, sql, await secret(), { tenantId: key.tenant_id, apiKeyId: key.id });
    return c.redirect(safeNext(c.req.query("next")), 303);
  });
  app.get("/app/signin/link", async (c) => {
    const spent = await spendSignInToken(sql, c.req.query("token") ?? "");
    if (!spent)
      return page(c, "this sign-in link was used already, has expired, or its key was revoked", 401);
    await startSession(c, sql, await secret(), { tenantId: spent.tenant_id, apiKeyId: spent.api_key_id });
    return c.redirect("/app/inbox", 303);
  });
  return app;
}

/** POST /app/signout (behind the session and CSRF check): ends the session server-side too. */
export function signoutRoute(sql: postgres.Sql, secret: () => Promise<string>) {
  const app = new Hono<AppEnv>();
  app.post("/app/signout", async (c) => {
    const token = await sessionToken(c, await secret());
    if (token) await closeWebSession(sql, token);
    endSessionCookie(c);
    return c.redirect("/app/signin", 303);
  });
  return app;
}

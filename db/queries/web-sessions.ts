import { createHash, randomBytes } from "node:crypto";
import type postgres from "postgres";
import type { ApiScope } from "./api-keys.ts";

/** A live browser session: the key it acts as (still unrevoked) and its CSRF token. */
export interface WebSession {
  id: string;
  tenant_id: string;
  api_key_id: string;
  prefix: string;
  scopes: ApiScope[];
  csrf_token: string;
  expires_at: Date;
}

const sha256 = (token: string) => createHash("sha256").update(token).digest("hex");
const token = () => randomBytes(32).toString("base64url");

/** Opens a session for a key; returns the token the browser keeps (only its hash is stored). */
export async function openWebSession(
  sql: postgres.Sql,
  input: { tenantId: string; apiKeyId: string; ttlHours: number },
): Promise<{ token: string; csrf: string }> {
  const raw = token();
  const csrf = token();
  await sql`
    INSERT INTO web_sessions (tenant_id, api_key_id, token_hash, csrf_token, expires_at)
    VALUES (${input.tenantId}, ${input.apiKeyId}, ${sha256(raw)}, ${csrf},
            now() + make_interval(hours => ${input.ttlHours}))`;
  return { token: raw, csrf };
}

/**
 * The live session a browser token belongs to, or null (unknown, expired, or its key revoked).
 * System work: the tenant is not known until the session is found.
 */
export async function findWebSession(sql: postgres.Sql, raw: string): Promise<WebSession | null> {
  const [row] = await sql<WebSession[]>`
    SELECT s.id, s.tenant_id, s.api_key_id, k.prefix, k.scopes, s.csrf_token, s.expires_at
    FROM web_sessions s JOIN api_keys k ON k.id = s.api_key_id AND k.revoked_at IS NULL
    WHERE s.token_hash = ${sha256(raw)} AND s.expires_at > now()`;
  return row ?? null;
}

/** Ends a session (sign out). */
export async function closeWebSession(sql: postgres.Sql, raw: string): Promise<void> {
  await sql`DELETE FROM web_sessions WHERE token_hash = ${sha256(raw)}`;
}

/** A one-time sign-in token for a key (what `npm start` prints as the workspace link). */
export async function createSignInToken(
  sql: postgres.Sql,
  input: { tenantId: string; apiKeyId: string; ttlMinutes: number },
): Promise<string> {
  const raw = token();
  await sql`
    INSERT INTO web_signin_links (token_hash, tenant_id, api_key_id, expires_at)
    VALUES (${sha256(raw)}, ${input.tenantId}, ${input.apiKeyId},
            now() + make_interval(mins => ${input.ttlMinutes}))`;
  return raw;
}

/**
 * Spends a sign-in token: the tenant and key it opens a session for, or null when it is unknown,
 * expired, already used, or its key was revoked. Marked used in the same statement, so two
 * browsers racing for one link cannot both win.
 */
export async function spendSignInToken(
  sql: postgres.Sql,
  raw: string,
): Promise<{ tenant_id: string; api_key_id: string } | null> {
  const [row] = await sql<{ tenant_id: string; api_key_id: string }[]>`
    UPDATE web_signin_links l SET used_at = now()
    FROM api_keys k
    WHERE l.token_hash = ${sha256(raw)} AND l.used_at IS NULL AND l.expires_at > now()
      AND k.id = l.api_key_id AND k.revoked_at IS NULL
    RETURNING l.tenant_id, l.api_key_id`;
  return row ?? null;
}

/** The installation's cookie-signing secret, made on first use. */
export async function webSecret(sql: postgres.Sql): Promise<string> {
  await sql`INSERT INTO web_secret (id, secret) VALUES (1, ${token()}) ON CONFLICT (id) DO NOTHING`;
  const [row] = await sql<{ secret: string }[]>`SELECT secret FROM web_secret WHERE id = 1`;
  return row!.secret;
}

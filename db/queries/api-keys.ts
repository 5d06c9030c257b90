import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type postgres from "postgres";
import { DbError } from "../errors.ts";
import { withTenant } from "../tenant.ts";

/** What a key may do. `admin` implies every other scope. */
export const API_SCOPES = ["read", "runs:write", "approve", "admin"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** A stored key, without its hash. */
export interface ApiKey {
  id: string;
  tenant_id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** A key name already used by one of the tenant's live keys, or a key that is not there. */
export class ApiKeyError extends DbError {}

const KEY_PATTERN = /^crm_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/** SHA-256 of the whole key, hex: the only form a key is stored in. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/**
 * Creates a key for a tenant and returns it in clear text, once: only its hash is stored.
 * The key is `crm_<12 hex prefix>_<32 random bytes, base64url>`.
 */
export async function createApiKey(
  sql: postgres.Sql,
  input: { tenantId: string; name: string; scopes: ApiScope[] },
): Promise<{ key: string; apiKey: ApiKey }> {
  const prefix = randomBytes(6).toString("hex");
  const key = `crm_${prefix}_${randomBytes(32).toString("base64url")}`;
  try {
    const apiKey = await withTenant(sql, input.tenantId, async (tx) => {
      const [row] = await tx<ApiKey[]>`
        INSERT INTO api_keys (tenant_id, name, prefix, key_hash, scopes)
        VALUES (${input.tenantId}, ${input.name}, ${prefix}, ${hashApiKey(key)}, ${input.scopes})
        RETURNING id, tenant_id, name, prefix, scopes, created_at, last_used_at, revoked_at`;
      return row!;
    });
    return { key, apiKey };
  } catch (err) {
    if ((err as { code?: string }).code === "23505") {
      throw new ApiKeyError("API_KEY_NAME_TAKEN", `the tenant already has a live key named "${input.name}"`);
    }
    throw err;
  }
}

/**
 * The live key a presented bearer token belongs to, or null. System work (the tenant is not
 * known yet): looks the row up by the public prefix, then compares hashes in constant time.
 */
export async function verifyApiKey(sql: postgres.Sql, presented: string): Promise<ApiKey | null> {
  const match = KEY_PATTERN.exec(presented);
  if (!match) return null;
  const [row] = await sql<(ApiKey & { key_hash: string })[]>`
    SELECT id, tenant_id, name, prefix, scopes, created_at, last_used_at, revoked_at, key_hash
    FROM api_keys WHERE prefix = ${match[1]!} AND revoked_at IS NULL`;
  if (!row) return null;
  const stored = Buffer.from(row.key_hash, "hex");
  const given = Buffer.from(hashApiKey(presented), "hex");
  if (stored.length !== given.length || !timingSafeEqual(stored, given)) return null;
  const { key_hash: _hash, ...apiKey } = row;
  return apiKey;
}

/** Records that a key was used (the server calls it at most once a minute per key). */
export async function touchApiKey(sql: postgres.Sql, keyId: string): Promise<void> {
  await sql`UPDATE api_keys SET last_used_at = now() WHERE id = ${keyId}`;
}

/** The tenant's keys, live ones first, newest first. */
export function listApiKeys(sql: postgres.Sql, tenantId: string): Promise<ApiKey[]> {
  return withTenant(
    sql,
    tenantId,
    (tx) => tx<ApiKey[]>`
      SELECT id, tenant_id, name, prefix, scopes, created_at, last_used_at, revoked_at
      FROM api_keys ORDER BY revoked_at IS NOT NULL, created_at DESC, id`,
  );
}

/** Revokes a live key of the tenant, named by its prefix, id or name; throws if there is none. */
export async function revokeApiKey(sql: postgres.Sql, tenantId: string, ref: string): Promise<ApiKey> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
  const [row] = await withTenant(
    sql,
    tenantId,
    (tx) => tx<ApiKey[]>`
      UPDATE api_keys SET revoked_at = now()
      WHERE revoked_at IS NULL AND (prefix = ${ref} OR name = ${ref} OR (${isUuid} AND id::text = ${ref.toLowerCase()}))
      RETURNING id, tenant_id, name, prefix, scopes, created_at, last_used_at, revoked_at`,
  );
  if (!row) throw new ApiKeyError("API_KEY_NOT_FOUND", `no live key "${ref}" in this tenant`);
  return row;
}

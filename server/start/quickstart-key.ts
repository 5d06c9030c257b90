import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createApiKey, listApiKeys, verifyApiKey, type ApiScope } from "../../db/queries/api-keys.ts";
import type { Tenant } from "../../db/queries/tenants.ts";
import type postgres from "postgres";
import type { Config } from "../config.ts";

/** What the quickstart key may do: everything (`admin` implies every scope): it is the owner's. */
export const QUICKSTART_SCOPES: ApiScope[] = ["read", "runs:write", "approve", "admin"];
const QUICKSTART = "quickstart";

export interface QuickstartKey {
  key: string;
  prefix: string;
  /** `kept`: the key saved by an earlier start, still live; `new`: minted by this start. */
  status: "kept" | "new";
  /** Where the key is saved (mode 0600), or null on `memory://`, where nothing outlives the process. */
  file: string | null;
  /** Said once when a new key replaces a saved one, or earlier quickstart keys stay live. */
  note: string | null;
}

/**
 * Where the quickstart key is kept: in the embedded data directory, or for `DATABASE_URL` in
 * `CRM_DATA_DIR` under a name derived from the database (host, port, name; never credentials),
 * so two databases never share a saved key.
 */
export function quickstartKeyFile(config: Pick<Config, "DATABASE_URL" | "CRM_DATA_DIR">): string | null {
  if (!config.DATABASE_URL)
    return config.CRM_DATA_DIR === "memory://" ? null : join(resolve(config.CRM_DATA_DIR), "quickstart-key");
  const url = new URL(config.DATABASE_URL);
  const where = createHash("sha256")
    .update(`${url.hostname}:${url.port || 5432}${url.pathname}`)
    .digest("hex");
  return join(resolve(config.CRM_DATA_DIR), `quickstart-key-${where.slice(0, 12)}`);
}

/**
 * The API key `crm start` prints. The key saved by an earlier start is reused while it is live
 * (so scripts keep working across restarts); a new one is minted only when none is saved or the
 * saved one no longer works (revoked, another store's), and that is said once. No key is ever
 * revoked here.
 */
export async function quickstartKey(
  sql: postgres.Sql,
  tenant: Tenant,
  config: Pick<Config, "DATABASE_URL" | "CRM_DATA_DIR">,
): Promise<QuickstartKey> {
  const file = quickstartKeyFile(config);
  const saved = file ? readSaved(file) : null;
  if (saved) {
    const live = await verifyApiKey(sql, saved);
    if (live && live.tenant_id === tenant.id)
      return { key: saved, prefix: live.prefix, status: "kept", file, note: null };
  }
  const liveQuickstart = (await listApiKeys(sql, tenant.id)).filter(
    (k) => !k.revoked_at && k.name.startsWith(QUICKSTART),
  );
  const name = liveQuickstart.some((k) => k.name === QUICKSTART)
    ? `${QUICKSTART}-${new Date().toISOString().replace(/[-:]|\.\d+/g, "")}`
    : QUICKSTART;
  const created = await createApiKey(sql, { tenantId: tenant.id, name, scopes: QUICKSTART_SCOPES });
  if (file) {
    mkdirSync(resolve(file, ".."), { recursive: true });
    writeFileSync(file, `${created.key}\n`, { mode: 0o600 });
  }
  const earlier = liveQuickstart.map((k) => k.prefix).join(", ");
  let note: string | null = null;
  if (saved)
    note = `the key saved in ${file} (${saved.slice(0, 16)}…) no longer works (revoked, or another store's): this is a new one`;
  else if (earlier)
    note = `no key was saved in ${file}: this is a new one; earlier quickstart keys stay live (${earlier}: crm key revoke <prefix>)`;
  return { key: created.key, prefix: created.apiKey.prefix, status: "new", file, note };
}

function readSaved(file: string): string | null {
  try {
    return readFileSync(file, "utf8").trim() || null;
  } catch {
    return null;
  }
}

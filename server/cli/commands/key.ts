import { InvalidArgumentError, type Command } from "commander";
import { getTenant } from "../../../db/index.ts";
import {
  API_SCOPES,
  createApiKey,
  listApiKeys,
  revokeApiKey,
  type ApiScope,
} from "../../../db/queries/api-keys.ts";
import { withStore } from "../context.ts";
import { parseSlug } from "../options.ts";

export function registerKey(program: Command): void {
  const key = program.command("key").description("API keys of a tenant (bearer tokens for the HTTP API)");
  key
    .command("create")
    .description("Create an API key and print it once (only its SHA-256 hash is stored)")
    .option("--tenant <slug>", "tenant", parseSlug, "demo")
    .option("--scopes <list>", `comma-separated: ${API_SCOPES.join(", ")}`, parseScopes, ["read"])
    .option("--name <name>", "a name to recognise the key by (default: key-<time>)")
    .action((opts: { tenant: string; scopes: ApiScope[]; name?: string }) =>
      withStore(async ({ store, out }) => {
        const tenant = await getTenant(store.sql, opts.tenant);
        const name = opts.name ?? `key-${new Date().toISOString().replace(/[:.]/g, "-")}`;
        const created = await createApiKey(store.sql, { tenantId: tenant.id, name, scopes: opts.scopes });
        out.log(created.key);
        out.error(
          `key ${created.apiKey.prefix} "${name}" for tenant ${tenant.slug}, scopes ${opts.scopes.join(",")}: ` +
            "store it now, it is not shown again",
        );
      }),
    );
  key
    .command("list")
    .description("List a tenant's keys (prefix, name, scopes, last use; never the key)")
    .option("--tenant <slug>", "tenant", parseSlug, "demo")
    .action((opts: { tenant: string }) =>
      withStore(async ({ store, out }) => {
        const tenant = await getTenant(store.sql, opts.tenant);
        for (const k of await listApiKeys(store.sql, tenant.id)) {
          const state = k.revoked_at ? `revoked ${k.revoked_at.toISOString()}` : "live";
          const used = k.last_used_at ? k.last_used_at.toISOString() : "never used";
          out.log(`${k.prefix}\t${k.name}\t${k.scopes.join(",")}\t${state}\t${used}`);
        }
      }),
    );
  key
    .command("revoke")
    .description("Revoke a key at once: it answers 401 from then on")
    .argument("<key>", "the key's prefix, name or id")
    .option("--tenant <slug>", "tenant", parseSlug, "demo")
    .action((ref: string, opts: { tenant: string }) =>
      withStore(async ({ store, out }) => {
        const tenant = await getTenant(store.sql, opts.tenant);
        const revoked = await revokeApiKey(store.sql, tenant.id, ref);
        out.log(`revoked ${revoked.prefix} "${revoked.name}"`);
      }),
    );
}

function parseScopes(value: string): ApiScope[] {
  const scopes = [...new Set(value.split(",").map((s) => s.trim()))].filter(Boolean);
  const unknown = scopes.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
  if (scopes.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(
      `unknown scope ${unknown.map((s) => `"${s}"`).join(", ") || "(none given)"}; known: ${API_SCOPES.join(", ")}`,
    );
  }
  return scopes as ApiScope[];
}

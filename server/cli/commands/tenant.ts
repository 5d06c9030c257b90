import type { Command } from "commander";
import { ensureTenant, listTenants } from "../../../db/index.ts";
import { withStore } from "../context.ts";
import { parseSlug } from "../options.ts";
import { registerTenantSettings } from "./tenant-settings.ts";

export function registerTenant(program: Command): void {
  const tenant = program
    .command("tenant")
    .description("Create and list tenants, and change their agent policies");
  registerTenantSettings(tenant);
  tenant
    .command("create")
    .description("Create a tenant (idempotent: an existing slug is returned as it is)")
    .argument("<slug>", "short name: lower-case letters, digits and dashes", parseSlug)
    .option("--name <name>", "display name (default: the slug)")
    .action((slug: string, opts: { name?: string }) =>
      withStore(async ({ store, out }) => {
        const t = await ensureTenant(store.sql, { slug, name: opts.name ?? slug });
        out.log(`tenant ${t.slug} (${t.id})`);
      }),
    );
  tenant
    .command("list")
    .description("List tenants")
    .action(() =>
      withStore(async ({ store, out }) => {
        for (const t of await listTenants(store.sql)) out.log(`${t.slug}\t${t.id}\t${t.name}`);
      }),
    );
}

import { InvalidArgumentError, type Command } from "commander";
import { validateTenantSettings } from "../../../agents/settings.ts";
import { getTenant, setTenantSettings } from "../../../db/index.ts";
import { withStore } from "../context.ts";
import { parseSlug } from "../options.ts";

const collect = (value: string, previous: string[]) => [...previous, value];

/** `crm tenant settings <slug> [--set path=value …] [--unset path …]`: a tenant's agent policies. */
export function registerTenantSettings(tenant: Command): void {
  tenant
    .command("settings")
    .description("Show or change a tenant's agent policies (validated before they are stored)")
    .argument("<slug>", "tenant", parseSlug)
    .option(
      "--set <path=value>",
      "e.g. sales.lead_points.pricing_page_view=40 (value as JSON, else text)",
      collect,
      [],
    )
    .option("--unset <path>", "remove a setting, going back to its default", collect, [])
    .action((slug: string, opts: { set: string[]; unset: string[] }) =>
      withStore(async ({ store, out }) => {
        const tenant = await getTenant(store.sql, slug);
        const settings = structuredClone(tenant.settings);
        for (const assignment of opts.set) {
          const eq = assignment.indexOf("=");
          if (eq < 1) throw new InvalidArgumentError(`--set expects path=value, got "${assignment}"`);
          setPath(settings, assignment.slice(0, eq), parseValue(assignment.slice(eq + 1)));
        }
        for (const path of opts.unset) setPath(settings, path, undefined);
        if (opts.set.length + opts.unset.length > 0) {
          validateTenantSettings(settings);
          await setTenantSettings(store.sql, tenant.id, settings);
        }
        out.log(JSON.stringify(settings, null, 2));
      }),
    );
}

function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  if (keys.some((k) => !/^[a-z][a-z0-9_]*$/.test(k))) {
    throw new InvalidArgumentError(`setting path "${path}" must be dot-separated snake_case keys`);
  }
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next === undefined || next === null) node[key] = {};
    else if (typeof next !== "object" || Array.isArray(next)) {
      throw new InvalidArgumentError(`setting "${key}" in "${path}" is not an object`);
    }
    node = node[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

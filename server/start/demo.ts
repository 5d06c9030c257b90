import { BOOK_TABLES, countBook, ensureTenant, type Store } from "../../db/index.ts";
import type { Tenant } from "../../db/queries/tenants.ts";
import { DEMO_BOOK, formatSeedReport, seedBook } from "../../db/seed/index.ts";
import { embedderSettingsFromConfig, openTenantMemory } from "../../memory/index.ts";
import type { Config } from "../config.ts";

/**
 * The demo tenant, ready to work on: its synthetic book loaded on first start (seed 42), dated
 * the start of that UTC day so its recency signals (a lead's pricing-page view this week, a
 * deal's overdue step) are current when the agents first run, and its texts indexed in semantic
 * memory. Prints what it holds.
 */
export async function prepareDemoTenant(
  store: Store,
  config: Config,
  now: Date = new Date(),
): Promise<Tenant> {
  const tenant = await ensureTenant(store.sql, { slug: DEMO_BOOK.slug, name: DEMO_BOOK.name });
  const before = await countBook(store.sql, tenant.id);
  if (before.accounts === 0) {
    const asOf = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    console.log(
      `loading the demo tenant: a synthetic book of ${DEMO_BOOK.accounts} accounts ` +
        `(seed ${DEMO_BOOK.seed}, as of ${asOf.toISOString().slice(0, 10)})…`,
    );
    const report = await seedBook(store.sql, {
      tenantId: tenant.id,
      accounts: DEMO_BOOK.accounts,
      seed: DEMO_BOOK.seed,
      asOf,
    });
    console.log(formatSeedReport(report));
  } else {
    console.log(`the demo tenant was loaded before; it holds:`);
  }
  const counts = await countBook(store.sql, tenant.id);
  for (const table of BOOK_TABLES) {
    console.log(`  ${table.padEnd(20)} ${counts[table].toLocaleString("en-US").padStart(10)}`);
  }
  const memory = await openTenantMemory(store.sql, tenant.id, embedderSettingsFromConfig(config));
  const built = memory.built;
  console.log(
    built
      ? `semantic memory: indexed ${built.entities} texts as ${built.chunks} chunks with ${built.embedder}`
      : `semantic memory: up to date (${memory.embedder.id})`,
  );
  console.log(`tenant ${tenant.slug} (${tenant.id}) is ready.`);
  return tenant;
}

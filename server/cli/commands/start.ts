import type { Command } from "commander";
import { BOOK_TABLES, countBook, ensureTenant } from "../../../db/index.ts";
import { DEMO_BOOK, formatSeedReport, seedBook } from "../../../db/seed/index.ts";
import { embedderSettingsFromConfig, openTenantMemory } from "../../../memory/index.ts";
import { withStore } from "../context.ts";

/**
 * The main job. At this stage: bring up the store (the embedded PGlite by default), migrate,
 * load the demo tenant's synthetic book on first start, index its texts in semantic memory, and
 * print what the tenant holds.
 */
export function registerStart(program: Command): void {
  program
    .command("start")
    .description("Main job: bring up the store, migrate, load the demo tenant and print what it holds")
    .action(() =>
      withStore(async ({ config, store }) => {
        console.log(`store: ${store.describe()}`);
        const tenant = await ensureTenant(store.sql, { slug: DEMO_BOOK.slug, name: DEMO_BOOK.name });
        const before = await countBook(store.sql, tenant.id);
        if (before.accounts === 0) {
          console.log(
            `loading the demo tenant: a synthetic book of ${DEMO_BOOK.accounts} accounts (seed ${DEMO_BOOK.seed})…`,
          );
          const report = await seedBook(store.sql, {
            tenantId: tenant.id,
            accounts: DEMO_BOOK.accounts,
            seed: DEMO_BOOK.seed,
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
      }),
    );
}

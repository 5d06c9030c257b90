import type { Command } from "commander";
import { getTenant } from "../../../db/index.ts";
import { embedderSettingsFromConfig, listIndexes, openTenantMemory } from "../../../memory/index.ts";
import { withStore } from "../context.ts";
import { parseSlug } from "../options.ts";

export function registerMemory(program: Command): void {
  const memory = program.command("memory").description("Semantic memory: the pgvector index of texts");

  memory
    .command("reindex")
    .description(
      "Build the tenant's memory under the configured embedder (refit the offline one with --refit)",
    )
    .option("--tenant <slug>", "tenant", parseSlug, "demo")
    .option("--refit", "refit the offline embedder's IDF on the current texts and rebuild", false)
    .action((opts: { tenant: string; refit: boolean }) =>
      withStore(async ({ config, store, out }) => {
        const tenant = await getTenant(store.sql, opts.tenant);
        const started = performance.now();
        const result = await openTenantMemory(store.sql, tenant.id, embedderSettingsFromConfig(config), {
          refit: opts.refit,
          onProgress: ({ entities, chunks }) => {
            if (out.tty) process.stderr.write(`\r${entities} texts, ${chunks} chunks`);
          },
        });
        if (out.tty) process.stderr.write("\n");
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        if (!result.built) {
          out.log(`memory of ${opts.tenant} is up to date (embedder ${result.embedder.id})`);
          return;
        }
        const b = result.built;
        out.log(`indexed ${b.entities} texts as ${b.chunks} chunks with ${b.embedder} in ${seconds} s`);
        if (b.retired.length > 0)
          out.log(`retired ${b.retired.join(", ")} (${b.deletedVectors} vectors deleted)`);
      }),
    );

  memory
    .command("status")
    .description("List the tenant's memory indexes")
    .option("--tenant <slug>", "tenant", parseSlug, "demo")
    .action((opts: { tenant: string }) =>
      withStore(async ({ store, out }) => {
        const tenant = await getTenant(store.sql, opts.tenant);
        const indexes = await listIndexes(store.sql, tenant.id);
        if (indexes.length === 0) out.log(`no memory index yet for ${opts.tenant} (run: crm memory reindex)`);
        for (const i of indexes) {
          const built = i.built_at ? i.built_at.toISOString() : "-";
          out.log(
            `${i.status.padEnd(8)} ${i.embedder.padEnd(40)} d${i.dimensions} ${i.entities} texts ${i.chunks} chunks built ${built}`,
          );
        }
      }),
    );
}

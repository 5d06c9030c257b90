import type { Command } from "commander";
import { loadConfig } from "../../config.ts";
import { createLogger } from "../../logger.ts";
import { startServe } from "../../serve/process.ts";
import { prepareDemoTenant } from "../../start/demo.ts";
import { formatMainJobSummary, quickstartKey, runMainJob } from "../../start/main-job.ts";
import { parseNonNegativeInt } from "../options.ts";

/**
 * The main job: `crm serve --role all` on the configured store (the embedded PGlite by default)
 * with the demo tenant loaded and indexed, every agent run once over its book and the nightly plan
 * made; prints a summary, a key and a first request to try, then keeps serving until SIGINT or
 * SIGTERM (`--once`: stops after the summary).
 */
export function registerStart(program: Command): void {
  program
    .command("start")
    .description(
      "Main job: serve API + worker + schedules, load the demo tenant, run the agents and the nightly plan once, print a summary",
    )
    .option("--port <n>", "API port (default PORT, then 8080; 0: any free port)", parseNonNegativeInt)
    .option("--once", "stop after the summary instead of serving")
    .option("--skip-agents", "load the demo tenant and serve, without running the agents and the plan")
    .action(async (opts: { port?: number; once?: boolean; skipAgents?: boolean }) => {
      const config = loadConfig();
      const logger = createLogger(config.LOG_LEVEL);
      const signalled = new Promise<NodeJS.Signals>((resolve) => {
        for (const signal of ["SIGTERM", "SIGINT"] as const) {
          process.once(signal, () => {
            process.once(signal, () => process.exit(130));
            resolve(signal);
          });
        }
      });
      const serving = await startServe({ role: "all", port: opts.port ?? config.PORT, config, logger });
      try {
        console.log(`store: ${serving.store.describe()}`);
        const tenant = await prepareDemoTenant(serving.store, config);
        console.log(
          `\nrunning every agent over the book, then the nightly plan (text by ${textBy(config)}):`,
        );
        const result = await runMainJob(serving.deps, tenant);
        for (const line of await formatMainJobSummary(serving.deps, result)) console.log(line);
        const key = await quickstartKey(serving.deps, tenant);
        console.log(`\nAPI at ${serving.url}   docs: ${serving.url}/docs   queue: ${serving.queue.kind}`);
        console.log(`API key for tenant ${tenant.slug} (read, runs:write, approve; shown once): ${key}`);
        console.log(`try:\n  curl -H "Authorization: Bearer ${key}" "${serving.url}/v1/tasks?limit=5"`);
        console.log(
          `  curl -H "Authorization: Bearer ${key}" -H "Content-Type: application/json" ` +
            `-d '{"agent":"cs","target":{"kind":"all"},"mode":"wait"}' ${serving.url}/v1/runs`,
        );
        if (opts.once) return;
        console.log("\nserving; Ctrl-C stops.");
        logger.info({ signal: await signalled }, "stopping");
      } finally {
        await serving.stop();
      }
    });
}

function textBy(config: ReturnType<typeof loadConfig>): string {
  return config.LLM_MODEL ? `the model ${config.LLM_MODEL}` : "the offline provider: rules and templates";
}

import type { Command } from "commander";
import { StoreLockedError } from "../../../db/index.ts";
import type { Tenant } from "../../../db/queries/tenants.ts";
import { loadConfig } from "../../config.ts";
import { createLogger } from "../../logger.ts";
import { startServe } from "../../serve/process.ts";
import { prepareDemoTenant } from "../../start/demo.ts";
import { firstSteps } from "../../start/first-steps.ts";
import { formatMainJobSummary, runMainJob } from "../../start/main-job.ts";
import { quickstartKey } from "../../start/quickstart-key.ts";
import { workspaceLink } from "../../web/index.ts";
import { alreadyServed } from "../locked.ts";
import { parseNonNegativeInt } from "../options.ts";
import { stopSignal } from "./serve.ts";
import { hostedCommands } from "../hosted.ts";

/**
 * The main job: `crm serve --role all` on the configured store (the embedded PGlite by default)
 * with the demo tenant loaded and indexed before the API listens, every agent run once over its
 * book and the nightly plan made; prints a summary, the quickstart key and first requests to
 * try, then keeps serving until SIGINT or SIGTERM (`--once`: stops after the summary).
 * Logs below `warn` are held back until the summary is printed, so they do not interleave.
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
      const gate = { quiet: true };
      const logger = createLogger(config.LOG_LEVEL, gate);
      const signalled = stopSignal();
      let tenant: Tenant | null = null;
      const serving = await startServe({
        role: "all",
        port: opts.port ?? config.PORT,
        config,
        logger,
        commands: hostedCommands,
        beforeListen: async ({ store }) => {
          console.log(`store: ${store.describe()}`);
          tenant = await prepareDemoTenant(store, config);
        },
      }).catch((err: unknown) => {
        throw err instanceof StoreLockedError ? alreadyServed(err, "crm start") : err;
      });
      try {
        const demo = tenant as Tenant | null;
        if (!demo || !serving.url) throw new Error("crm start: the API did not start");
        console.log(`API listening at ${serving.url}`);
        if (!opts.skipAgents) {
          console.log(
            `\nrunning every agent over the book, then the nightly plan (text by ${textBy(config)}):`,
          );
          const result = await runMainJob(serving.deps, demo);
          for (const line of await formatMainJobSummary(serving.deps, result)) console.log(line);
        }
        const key = await quickstartKey(serving.store.sql, demo, config);
        const inMemory = !config.DATABASE_URL && config.CRM_DATA_DIR === "memory://";
        const steps = { url: serving.url, queue: serving.queue.kind, tenant: demo.slug, key, inMemory };
        console.log(
          `\nworkspace (signs one browser in, once): ${await workspaceLink(serving.store.sql, serving.url, key.key)}`,
        );
        for (const line of firstSteps(steps)) console.log(line);
        gate.quiet = false;
        logger.info({ url: serving.url, docs: `${serving.url}/docs` }, "API listening");
        if (opts.once) return;
        console.log("\nserving; Ctrl-C stops.");
        logger.info({ signal: await signalled }, "stopping");
      } finally {
        gate.quiet = false;
        await serving.stop();
      }
    });
}

function textBy(config: ReturnType<typeof loadConfig>): string {
  return config.LLM_MODEL ? `the model ${config.LLM_MODEL}` : "the offline provider: rules and templates";
}

import { InvalidArgumentError, type Command } from "commander";
import { StoreLockedError } from "../../../db/index.ts";
import { loadConfig } from "../../config.ts";
import { createLogger } from "../../logger.ts";
import { startServe } from "../../serve/process.ts";
import { parseRole, ROLES, ServeError, type Role } from "../../serve/roles.ts";
import { alreadyServed } from "../locked.ts";
import { parseNonNegativeInt } from "../options.ts";
import { hostedCommands } from "../hosted.ts";

/**
 * `crm serve --role api|worker|all [--port N]`: the long-running processes. Stops gracefully on
 * SIGTERM or SIGINT (a second signal exits at once).
 */
export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("Serve the HTTP API and/or run the worker and schedules (all: both, in one process)")
    .option("--role <role>", `${ROLES.join(" | ")}`, roleOption, "all")
    .option("--port <n>", "API port (default PORT, then 8080)", parseNonNegativeInt)
    .action(async (opts: { role: Role; port?: number }) => {
      const config = loadConfig();
      const logger = createLogger(config.LOG_LEVEL);
      const signalled = stopSignal();
      const serving = await startServe({
        role: opts.role,
        port: opts.port ?? config.PORT,
        config,
        logger,
        commands: hostedCommands,
      }).catch((err: unknown) => {
        throw err instanceof StoreLockedError ? alreadyServed(err, `crm serve --role ${opts.role}`) : err;
      });
      if (serving.url)
        console.log(`crm serve (${opts.role}): API at ${serving.url}, docs at ${serving.url}/docs`);
      else console.log(`crm serve (${opts.role}): worker on the ${serving.queue.kind} queue`);
      logger.info({ signal: await signalled }, "stopping");
      await serving.stop();
    });
}

/**
 * The first SIGTERM or SIGINT; a second one exits at once. Installed before start-up, so a signal
 * during start-up stops the process once it is up.
 */
export function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise<NodeJS.Signals>((resolve) => {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      process.once(signal, () => {
        process.once(signal, () => process.exit(130)); // a second signal: stop waiting
        resolve(signal);
      });
    }
  });
}

function roleOption(value: string): Role {
  try {
    return parseRole(value);
  } catch (err) {
    if (err instanceof ServeError) throw new InvalidArgumentError(err.message);
    throw err;
  }
}

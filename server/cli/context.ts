import { loadConfig, type Config } from "../config.ts";
import { createLogger, type Logger } from "../logger.ts";
import { migrate, openStore, StoreLockedError, storeOptionsFromConfig, type Store } from "../../db/index.ts";
import { forwardCommand, ControlUnreachableError } from "../control/client.ts";
import { CliError } from "./errors.ts";
import { absolutePaths } from "./forward-paths.ts";
import { currentHost } from "./hosted.ts";
import { lockHolder, nameProcess } from "./locked.ts";
import { consoleOutput, type CliOutput } from "./output.ts";

/** What every command gets from the composition root. */
export interface CliContext {
  config: Config;
  store: Store;
  log: Logger;
  /** Where the command's output goes (never `console` directly: see output.ts). */
  out: CliOutput;
}

/**
 * Loads configuration, opens and migrates the store, runs `fn`, and always closes the store,
 * which releases the embedded data directory for the next process.
 *
 * When the embedded store is held by a running `crm start` / `crm serve`, the command line is
 * sent to that process instead and runs there over its store (its output streams back here,
 * its exit code becomes this one's). Inside that process (`currentHost()`), `fn` runs on the
 * host's store and configuration, and the store stays open.
 */
export async function withStore(fn: (ctx: CliContext) => Promise<unknown>): Promise<void> {
  const host = currentHost();
  if (host) {
    await fn({ config: host.config, store: host.store, log: host.logger, out: host.out });
    return;
  }
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  const out = consoleOutput();
  let store: Store;
  try {
    store = await openStore(storeOptionsFromConfig(config));
  } catch (err) {
    if (err instanceof StoreLockedError) return forward(err, out);
    throw err;
  }
  try {
    if (!config.DATABASE_URL && config.CRM_DATA_DIR === "memory://") {
      out.error(
        "crm: CRM_DATA_DIR=memory:// gives this command a store of its own, in its memory, gone when " +
          "it exits; a running `crm start` on memory:// cannot be reached from here (use a data directory)",
      );
    }
    const result = await migrate(store.sql);
    if (result.applied.length > 0) {
      log.info({ applied: result.applied.map((m) => m.file) }, "migrations applied");
    }
    await fn({ config, store, log, out });
  } finally {
    await store.close();
  }
}

/** Runs this command line in the process that holds the store, or says why it cannot. */
async function forward(err: StoreLockedError, out: CliOutput): Promise<void> {
  const holder = lockHolder(err);
  if ("error" in holder) throw holder.error;
  const argv = absolutePaths(process.argv.slice(2), process.cwd());
  // like console, give up quietly on a closed pipe (`crm … | head`)
  for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});
  try {
    out.exitCode = await forwardCommand(holder.info, argv, process.cwd(), (stream, text) =>
      (stream === "stdout" ? process.stdout : process.stderr).write(text),
    );
  } catch (e) {
    if (!(e instanceof ControlUnreachableError)) throw e;
    throw new CliError(
      "STORE_LOCKED",
      `the embedded store at ${err.dataDir} is served by ${nameProcess(holder.info)}, but it did not ` +
        `take this command: ${e.reason}. Is it still starting or stopping? Try again, or stop it and ` +
        `run the command on its own.`,
    );
  }
}
